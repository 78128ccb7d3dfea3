// Names the generated code introduces (`span`, `err`, `result`, `tracer`, imports) must not capture or
// shadow a name the code already uses.
import type Parser from 'tree-sitter';

type Node = Parser.SyntaxNode;

const IDENTIFIER_TYPES = [
  'identifier',
  'shorthand_property_identifier',
  'shorthand_property_identifier_pattern',
];

/** Every variable-like name written inside `node` (property names after a dot are not variables). */
export function identifiersIn(node: Node): Set<string> {
  const out = new Set<string>();
  for (const id of node.descendantsOfType(IDENTIFIER_TYPES)) out.add(id.text);
  return out;
}

/** Whether `node` uses `name`: a text search first, the syntax tree only when the text mentions it. */
export class NameUse {
  private identifiers: Set<string> | null = null;

  constructor(private readonly node: Node) {}

  has(name: string): boolean {
    if (!mentions(this.node.text, name)) return false;
    this.identifiers ??= identifiersIn(this.node);
    return this.identifiers.has(name);
  }
}

function mentions(text: string, name: string): boolean {
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    const before = text[at - 1];
    const after = text[at + name.length];
    if (
      (before === undefined || !/[\p{ID_Continue}$]/u.test(before)) &&
      (after === undefined || !/[\p{ID_Continue}$]/u.test(after))
    )
      return true;
  }
  return false;
}

/** `preferred`, else the first of `fallbacks` (then numbered) that `taken` does not hold. */
export function freshName(
  taken: (name: string) => boolean,
  preferred: string,
  fallbacks: readonly string[] = [],
): string {
  for (const name of [preferred, ...fallbacks]) if (!taken(name)) return name;
  const base = fallbacks[fallbacks.length - 1] ?? preferred;
  for (let i = 2; ; i++) if (!taken(`${base}${i}`)) return `${base}${i}`;
}
