import type Parser from 'tree-sitter';

type Node = Parser.SyntaxNode;

/** The `startActiveSpan`/`startSpan` call a SpanFacts describes (1-based line and column), inside `fn`. */
export function spanCallAt(fn: Node, line: number, column: number): Node | null {
  const point = { row: line - 1, column: column - 1 };
  for (
    let node: Node | null = fn.descendantForPosition(point);
    node && node.startIndex >= fn.startIndex;
    node = node.parent
  ) {
    if (
      node.type === 'call_expression' &&
      node.startPosition.row === point.row &&
      node.startPosition.column === point.column
    )
      return node;
  }
  return null;
}
