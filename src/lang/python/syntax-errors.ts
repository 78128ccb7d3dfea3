// Where tree-sitter had to recover from syntax errors: ERROR and MISSING nodes. Only subtrees that
// contain an error are visited, so a clean file costs one property read.
import type Parser from 'tree-sitter';
import type { Position } from '../facts.js';

const MAX_REPORTED = 50;
const MAX_VISITED = 20_000;

/**
 * tree-sitter often wraps the valid code before an error into the same ERROR node (a whole function
 * above a broken `def`): point at its first part that is not a complete, valid construct.
 */
function firstBadPart(error: Parser.SyntaxNode): Parser.SyntaxNode {
  for (const child of error.children) {
    if (!(child.isNamed && !child.hasError && !child.isError)) return child;
  }
  return error;
}

export function syntaxErrors(tree: Parser.Tree): Position[] {
  const root = tree.rootNode;
  if (!root.hasError) return [];
  const out: Position[] = [];
  const stack: Parser.SyntaxNode[] = [root];
  let visited = 0;
  while (stack.length > 0 && out.length < MAX_REPORTED && visited < MAX_VISITED) {
    const node = stack.pop()!;
    visited++;
    if (node.isError || node.isMissing) {
      const at = node.isError ? firstBadPart(node) : node;
      out.push({ line: at.startPosition.row + 1, column: at.startPosition.column + 1 });
      continue;
    }
    const children = node.children;
    for (let i = children.length - 1; i >= 0; i--) if (children[i]!.hasError) stack.push(children[i]!);
  }
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}
