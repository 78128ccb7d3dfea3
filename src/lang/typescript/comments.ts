import type Parser from 'tree-sitter';
import type { Suppression } from '../facts.js';
import { parseSuppression } from '../suppression.js';

type Node = Parser.SyntaxNode;

const GENERATED = /@generated|Code generated|DO NOT EDIT|auto-generated/i;
const MARKER = 'otelwright-ignore';

/** A leading comment (before any code; a shebang and `'use strict'` may come first) marks generated files. */
export function isGenerated(text: string): boolean {
  let i = 0;
  const leading: string[] = [];
  for (let guard = 0; guard < 200 && i < text.length; guard++) {
    while (i < text.length && /\s/.test(text[i] as string)) i++;
    if (text.startsWith('#!', i) || text.startsWith('//', i)) {
      const end = text.indexOf('\n', i);
      leading.push(text.slice(i, end < 0 ? text.length : end));
      i = end < 0 ? text.length : end + 1;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      leading.push(text.slice(i, end < 0 ? text.length : end + 2));
      i = end < 0 ? text.length : end + 2;
    } else {
      const directive = /^(['"])use (strict|client|server)\1;?/.exec(text.slice(i, i + 20));
      if (!directive) break;
      i += directive[0].length;
    }
  }
  return leading.some((c) => GENERATED.test(c));
}

interface Comment {
  startRow: number;
  endRow: number;
  start: number;
  text: string;
  /** Nothing but whitespace before it on its line: a comment about what follows, not trailing code. */
  ownLine: boolean;
}

/**
 * Finds the suppression comments of functions: the comment block directly above the declaration (above
 * decorators and JSDoc too) and a comment trailing the function's first line. Comments are only fetched
 * from the tree when the file mentions the marker at all.
 */
export class SuppressionIndex {
  private readonly byEndRow = new Map<number, Comment[]>();
  private readonly byStartRow = new Map<number, Comment[]>();
  readonly active: boolean;

  constructor(root: Node, text: string) {
    this.active = text.includes(MARKER);
    if (!this.active) return;
    for (const node of root.descendantsOfType('comment')) {
      const comment: Comment = {
        startRow: node.startPosition.row,
        endRow: node.endPosition.row,
        start: node.startIndex,
        text: node.text,
        ownLine: /^\s*$/.test(text.slice(text.lastIndexOf('\n', node.startIndex - 1) + 1, node.startIndex)),
      };
      push(this.byEndRow, comment.endRow, comment);
      push(this.byStartRow, comment.startRow, comment);
    }
  }

  /** `anchorRow`/`anchorStart`: the first line of the declaration; `row`: the function's own first line. */
  suppressionsFor(anchorRow: number, anchorStart: number, row: number, start: number): Suppression[] {
    if (!this.active) return [];
    const block: Comment[] = [];
    // Comments on the anchor's line before it (`/* otelwright-ignore */ export function`).
    block.push(...(this.byStartRow.get(anchorRow) ?? []).filter((c) => c.start < anchorStart));
    let expectedEnd = anchorRow - 1;
    for (;;) {
      const above = (this.byEndRow.get(expectedEnd) ?? []).filter((c) => c.endRow < anchorRow && c.ownLine);
      if (above.length === 0) break;
      block.push(...above);
      expectedEnd = Math.min(...above.map((c) => c.startRow)) - 1;
    }
    const trailing = [row, anchorRow].flatMap((r) =>
      (this.byStartRow.get(r) ?? []).filter((c) => c.start > start),
    );
    const out: Suppression[] = [];
    for (const comment of unique([...block, ...trailing])) out.push(...suppressionsIn(comment));
    return out.sort((a, b) => a.line - b.line);
  }
}

function suppressionsIn(comment: Comment): Suppression[] {
  if (!comment.text.includes(MARKER)) return [];
  const out: Suppression[] = [];
  const lines = comment.text.split('\n');
  lines.forEach((line, offset) => {
    const cleaned = line.replace(/^\s*(\/\*\*?|\*(?!\/)|\/\/+)\s?/, '').replace(/\*\/\s*$/, '');
    const found = parseSuppression(cleaned, comment.startRow + offset + 1);
    if (found) out.push(found);
  });
  return out;
}

function push(map: Map<number, Comment[]>, row: number, comment: Comment): void {
  const list = map.get(row);
  if (list) list.push(comment);
  else map.set(row, [comment]);
}

function unique(comments: Comment[]): Comment[] {
  return [...new Set(comments)];
}
