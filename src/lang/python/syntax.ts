// Reading the few expressions the facts need (span start arguments, attribute dictionaries, decorator
// and route arguments) from the tree. These are rare, so navigating nodes here costs little.
import type Parser from 'tree-sitter';

export type Node = Parser.SyntaxNode;

/** The call node spanning exactly [start, end), or null when the tree disagrees with the scanner. */
export function callAt(tree: Parser.Tree, start: number, end: number): Node | null {
  if (end <= start) return null;
  let node: Node | null = tree.rootNode.descendantForIndex(start, end);
  while (node && node.type !== 'call') {
    if (node.startIndex !== start) return null;
    node = node.parent;
  }
  return node && node.startIndex === start ? node : null;
}

export interface Arguments {
  positional: Node[];
  keywords: Map<string, Node>;
}

export function callArguments(call: Node): Arguments {
  const positional: Node[] = [];
  const keywords = new Map<string, Node>();
  const args = call.childForFieldName('arguments');
  if (!args) return { positional, keywords };
  if (args.type === 'generator_expression') return { positional: [args], keywords };
  for (const arg of args.namedChildren) {
    if (arg.type === 'keyword_argument') {
      const name = arg.childForFieldName('name');
      const value = arg.childForFieldName('value');
      if (name && value) keywords.set(name.text, value);
    } else if (arg.type !== 'comment' && arg.type !== 'list_splat' && arg.type !== 'dictionary_splat') {
      positional.push(arg);
    }
  }
  return { positional, keywords };
}

/** The argument at a position or passed by keyword (`start_span("x")` / `start_span(name="x")`). */
export function argument(args: Arguments, index: number, keyword: string): Node | null {
  return args.keywords.get(keyword) ?? args.positional[index] ?? null;
}

/** The value of a string literal without interpolation (implicit concatenation joined), else null. */
export function stringValue(node: Node): string | null {
  if (node.type === 'concatenated_string') {
    let out = '';
    for (const part of node.namedChildren) {
      const v = stringValue(part);
      if (v === null) return null;
      out += v;
    }
    return out;
  }
  if (node.type !== 'string') return null;
  let out = '';
  for (const child of node.namedChildren) {
    if (child.type === 'interpolation') return null;
    if (child.type === 'string_content' || child.type === 'escape_sequence') out += child.text;
  }
  return out;
}

/** True for an f-string (or t-string) that interpolates something. */
export function isInterpolated(node: Node): boolean {
  if (node.type === 'concatenated_string') return node.namedChildren.some(isInterpolated);
  return node.type === 'string' && node.namedChildren.some((c) => c.type === 'interpolation');
}

/** `["GET", "POST"]` / `("GET",)` / `{"GET"}` → the string values; null when any element is not a literal. */
export function stringList(node: Node): string[] | null {
  if (node.type !== 'list' && node.type !== 'tuple' && node.type !== 'set') return null;
  const out: string[] = [];
  for (const item of node.namedChildren) {
    if (item.type === 'comment') continue;
    const v = stringValue(item);
    if (v === null) return null;
    out.push(v);
  }
  return out;
}

export interface Pair {
  key: Node;
  value: Node;
}

/** The `key: value` pairs of a dict literal (`**splats` and comprehensions give none). */
export function dictPairs(node: Node): Pair[] {
  if (node.type !== 'dictionary') return [];
  const pairs: Pair[] = [];
  for (const child of node.namedChildren) {
    if (child.type !== 'pair') continue;
    const key = child.childForFieldName('key');
    const value = child.childForFieldName('value');
    if (key && value) pairs.push({ key, value });
  }
  return pairs;
}

/** True for `False` (and `0`), the values that switch an option off. */
export function isFalse(node: Node | null | undefined): boolean {
  return node !== null && node !== undefined && (node.type === 'false' || node.text === '0');
}
