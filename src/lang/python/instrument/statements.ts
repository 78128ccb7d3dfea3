// Statement-level edits that keep Python's layout valid: new lines go in at the indentation of the
// statement they precede; a one-line suite (`if x: return y`) is opened onto its own lines first, since a
// statement cannot be added in front of it otherwise. Nothing is ever re-indented.
import type { TextEdit } from '../../../edit/model.js';
import type { Layout } from './layout.js';
import type { Node } from './syntax.js';

export interface Placement {
  /** Indentation of the statement (after any opening of its suite). */
  indent: string;
  /** Edits that open a one-line suite, ending where the statement starts; empty otherwise. */
  opening: TextEdit[];
  /** Where lines that must run before the statement are inserted, and the text that precedes each line. */
  at: number;
  /** True when the statement now starts its own line, so lines can go in at `at` as `indent + line + eol`. */
  ownLine: boolean;
}

/**
 * How to put lines before `statement`. Null when the statement shares its line with another statement
 * before it (`a(); return b`), where no edit keeps the layout simple.
 */
export function placementOf(statement: Node, layout: Layout): Placement | null {
  if (layout.startsLine(statement.startIndex)) {
    return {
      indent: layout.indentOf(statement.startIndex),
      opening: [],
      at: layout.lineStart(statement.startIndex),
      ownLine: true,
    };
  }
  const block = statement.parent;
  const colon = block?.previousSibling;
  if (block?.type !== 'block' || colon?.type !== ':' || block.firstNamedChild?.id !== statement.id)
    return null;
  const indent = layout.indentOf(colon.startIndex) + layout.unit;
  return {
    indent,
    opening: [{ start: colon.endIndex, end: statement.startIndex, text: `${layout.eol}${indent}` }],
    at: statement.startIndex,
    ownLine: false,
  };
}

/** Edits inserting `lines` before `statement`. */
export function linesBefore(statement: Node, lines: readonly string[], layout: Layout): TextEdit[] | null {
  const place = placementOf(statement, layout);
  if (!place) return null;
  if (place.ownLine) {
    const text = lines.map((l) => `${place.indent}${l}${layout.eol}`).join('');
    return [{ start: place.at, end: place.at, text }];
  }
  // Fold the new lines into the edit that opens the suite: one edit, so nothing can reorder them.
  const opening = place.opening[0]!;
  const text = `${opening.text}${lines.map((l) => `${l}${layout.eol}${place.indent}`).join('')}`;
  return [{ ...opening, text }];
}

/** Edits inserting `lines` after `statement` (after the rest of its last line, comments included). */
export function linesAfter(
  statement: Node,
  lines: readonly string[],
  indent: string,
  layout: Layout,
): TextEdit[] {
  const at = layout.lineEnd(statement.endIndex);
  return [{ start: at, end: at, text: lines.map((l) => `${layout.eol}${indent}${l}`).join('') }];
}

/**
 * `return f(x)` → `result = f(x)`, then `lines`, then `return result` (and the same for `raise`): the value
 * is computed first, exactly once, so the new lines see it without changing what runs or in which order.
 */
export function hoistValue(
  statement: Node,
  value: Node,
  binding: string,
  lines: readonly string[],
  rebuild: (name: string) => string,
  layout: Layout,
): TextEdit[] | null {
  const place = placementOf(statement, layout);
  if (!place) return null;
  const name = binding.split(':')[0]!.trim();
  const tail = layout.text.slice(value.endIndex, statement.endIndex);
  const after = layout.lineEnd(statement.endIndex);
  const trailing = [...lines, rebuild(name) + tail].map((l) => `${layout.eol}${place.indent}${l}`).join('');
  const edits: TextEdit[] = [
    ...place.opening,
    { start: statement.startIndex, end: value.startIndex, text: `${binding} = ` },
  ];
  if (tail.length > 0) edits.push({ start: value.endIndex, end: statement.endIndex, text: '' });
  edits.push({ start: after, end: after, text: trailing });
  return edits;
}
