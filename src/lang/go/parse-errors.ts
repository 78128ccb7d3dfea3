// Where tree-sitter had to recover from a syntax error: ERROR nodes and MISSING tokens. Only subtrees
// that contain an error are visited, so clean files cost one native call.
import type { Position } from '../facts.js';
import type { Node } from './parser.js';
import type { Positions } from './positions.js';

const MAX_REPORTED = 50;

export function parseErrorsOf(root: Node, pos: Positions): Position[] {
  if (!root.hasError) return [];
  const found: Position[] = [];
  const stack: Node[] = [root];
  while (stack.length > 0 && found.length < MAX_REPORTED) {
    const node = stack.pop() as Node;
    if (node.isError || node.isMissing) {
      const at = node.startIndex;
      found.push({ line: pos.line(at), column: pos.column(at) });
      continue;
    }
    const children = node.children;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i] as Node;
      if (child.hasError || child.isMissing) stack.push(child);
    }
  }
  return found.sort((a, b) => a.line - b.line || a.column - b.column);
}
