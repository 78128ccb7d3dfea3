// Small readers over Go text and tree-sitter nodes the planner needs again and again: where a statement's
// line starts, how it is indented, which names a piece of code mentions.
import type { Node } from '../parser.js';

/** Index where the line holding `index` starts. */
export function lineStart(text: string, index: number): number {
  return text.lastIndexOf('\n', index - 1) + 1;
}

/** The white space that starts the line holding `index`. */
export function indentAt(text: string, index: number): string {
  const start = lineStart(text, index);
  return /^[ \t]*/.exec(text.slice(start, index))?.[0] ?? '';
}

/** True when only white space stands between the start of its line and `index`. */
export function startsLine(text: string, index: number): boolean {
  return text.slice(lineStart(text, index), index).trim() === '';
}

/** Identifier texts under `node` (variables, packages, labels): what a fresh name must avoid. */
export function identifiersIn(node: Node): Set<string> {
  return new Set(
    node.descendantsOfType(['identifier', 'package_identifier', 'label_name']).map((n) => n.text),
  );
}

/** 1-based line of a node. */
export function lineOf(node: Node): number {
  return node.startPosition.row + 1;
}
