import type Parser from 'tree-sitter';

type Node = Parser.SyntaxNode;

/** The value of a string literal, or of a template literal without substitutions; null otherwise. */
export function stringValue(node: Node | null | undefined): string | null {
  if (!node) return null;
  if (node.type === 'string') return node.text.slice(1, -1);
  if (node.type === 'template_string') {
    const text = node.text;
    return text.includes('${') ? null : text.slice(1, -1);
  }
  return null;
}

/** `x as const`, `x satisfies T`, `(x)`, `x!`: the expression underneath. */
export function unwrapExpression(node: Node | null | undefined): Node | null {
  let current = node ?? null;
  while (
    current &&
    (current.type === 'as_expression' ||
      current.type === 'satisfies_expression' ||
      current.type === 'parenthesized_expression' ||
      current.type === 'non_null_expression')
  ) {
    current = current.firstNamedChild;
  }
  return current;
}

/** Named children minus comments. */
export function namedChildrenOf(node: Node | null | undefined): Node[] {
  if (!node) return [];
  return node.namedChildren.filter((c) => c.type !== 'comment');
}

/** Arguments of a call or `new` expression (a tagged template's template counts as its one argument). */
export function argumentsOf(call: Node): Node[] {
  const args = call.childForFieldName('arguments');
  if (!args) return [];
  return args.type === 'arguments' ? namedChildrenOf(args) : [args];
}

/** Text shortened for reports: whitespace collapsed, at most `max` characters. */
export function shorten(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** The key of an object property (`a`, `'a.b'`, `[K]`, `123`): its text and whether it is computed. */
export function propertyKey(key: Node): { text: string; computed: boolean } {
  if (key.type === 'string') return { text: key.text.slice(1, -1), computed: false };
  if (key.type === 'computed_property_name') {
    const inner = unwrapExpression(key.firstNamedChild);
    const literal = stringValue(inner);
    if (literal !== null) return { text: literal, computed: false };
    return { text: inner?.text ?? key.text, computed: true };
  }
  return { text: key.text, computed: false };
}

/** 1-based line of a node. */
export function lineOf(node: Node): number {
  return node.startPosition.row + 1;
}

export const IDENTIFIER = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*$/u;
