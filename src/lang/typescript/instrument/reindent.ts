// Moving a body one or more levels deeper re-indents its lines, except lines that start inside a
// multi-line template literal or string: their leading whitespace is part of a value.
import type Parser from 'tree-sitter';
import type { TextEdit } from '../../../edit/model.js';

type Node = Parser.SyntaxNode;

interface Range {
  start: number;
  end: number;
}

/** Multi-line string and template literals in `node`: lines starting inside them keep their bytes. */
export function literalRanges(node: Node): Range[] {
  const out: Range[] = [];
  for (const literal of node.descendantsOfType(['template_string', 'string'])) {
    if (literal.startPosition.row !== literal.endPosition.row)
      out.push({ start: literal.startIndex, end: literal.endIndex });
  }
  return out;
}

/** Leading whitespace of the line holding `index`. */
export function indentAt(text: string, index: number): string {
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, lineStart + 200))?.[0] ?? '';
}

/** Whether only whitespace precedes `index` on its line. */
export function startsLine(text: string, index: number): boolean {
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  return /^[ \t]*$/.test(text.slice(lineStart, index));
}

/** Maps an old indentation to a new one: the part beyond `from` is kept, `from` becomes `to`. */
export class Shift {
  constructor(
    readonly from: string,
    readonly to: string,
  ) {}

  apply(indent: string): string {
    if (indent.startsWith(this.from)) return this.to + indent.slice(this.from.length);
    if (this.from.startsWith(indent)) {
      // Less indented than the base (a closing bracket pulled left): keep the same distance from it.
      const cut = this.from.length - indent.length;
      return this.to.slice(0, Math.max(0, this.to.length - cut));
    }
    return this.to;
  }
}

/**
 * Edits that re-indent every line starting in (from, to): `shift` maps each line's indentation, and
 * `extra(lineStart)` adds more for lines that move into a new block of their own; lines `claimed` by
 * another edit are left to it.
 */
export function reindentEdits(
  text: string,
  from: number,
  to: number,
  shift: Shift,
  literals: readonly Range[],
  extra: (lineStart: number) => string = () => '',
  claimed: (lineStart: number) => boolean = () => false,
): TextEdit[] {
  const edits: TextEdit[] = [];
  for (let nl = text.indexOf('\n', from); nl >= 0 && nl + 1 < to; nl = text.indexOf('\n', nl + 1)) {
    const lineStart = nl + 1;
    if (claimed(lineStart) || literals.some((r) => r.start < lineStart && lineStart < r.end)) continue;
    let end = lineStart;
    while (text[end] === ' ' || text[end] === '\t') end++;
    if (end >= text.length || text[end] === '\n' || text[end] === '\r') continue;
    const old = text.slice(lineStart, end);
    const next = shift.apply(old) + extra(lineStart);
    if (next !== old) edits.push({ start: lineStart, end, text: next });
  }
  return edits;
}
