// Reading the syntax tree around one function: its node, docstring, own statements (not those of nested
// functions), and whether a statement can let control fall through.
import type Parser from 'tree-sitter';
import { skipString } from '../scan.js';

export type Node = Parser.SyntaxNode;
export type Quote = '"' | "'";

const SCOPES = new Set(['function_definition', 'class_definition', 'lambda']);

/** The `function_definition` starting at `start` (the `def`, or `async`), or null. */
export function functionAt(root: Node, start: number): Node | null {
  let node: Node | null = root.descendantForIndex(start, start + 1);
  while (node && !(node.type === 'function_definition' && node.startIndex === start)) node = node.parent;
  return node;
}

/** The docstring statement opening a block, or null. */
export function docstringOf(body: Node): Node | null {
  const first = body.firstNamedChild;
  if (first?.type !== 'expression_statement' || first.namedChildCount !== 1) return null;
  const expr = first.firstNamedChild!;
  return expr.type === 'string' || expr.type === 'concatenated_string' ? first : null;
}

/** Nodes of the given types inside `node` that belong to this function (not to nested defs, classes, lambdas). */
export function ownDescendants(node: Node, types: ReadonlySet<string>): Node[] {
  const out: Node[] = [];
  const visit = (n: Node) => {
    for (const child of n.namedChildren) {
      if (types.has(child.type)) out.push(child);
      if (!SCOPES.has(child.type)) visit(child);
    }
  };
  visit(node);
  return out;
}

/**
 * The statements (or expressions) of one type that a keyword starts, belonging to `fn` itself: found
 * from the keyword in the text and checked against the tree, which costs far less than walking it.
 */
export function ownByKeyword(fn: Node, keyword: 'return' | 'yield' | 'raise', type: string): Node[] {
  const out: Node[] = [];
  const text = fn.text;
  const root = fn.tree.rootNode;
  const pattern = new RegExp(`\\b${keyword}\\b`, 'g');
  for (const m of text.matchAll(pattern)) {
    const at = fn.startIndex + m.index;
    let node: Node | null = root.descendantForIndex(at, at + keyword.length);
    while (node && node.type !== type && !SCOPES.has(node.type)) node = node.parent;
    if (!node || node.type !== type || node.startIndex !== at) continue;
    let owner: Node | null = node.parent;
    while (owner && !SCOPES.has(owner.type)) owner = owner.parent;
    if (owner?.startIndex === fn.startIndex && owner.type === fn.type) out.push(node);
  }
  return out;
}

/** A Python string literal for a plain value, in the file's preferred quotes. */
export function pyString(value: string, quote: Quote): string {
  const escaped = value.replace(/\\/g, '\\\\').replace(quote === '"' ? /"/g : /'/g, `\\${quote}`);
  return `${quote}${escaped}${quote}`;
}

/** The quote most of the file's single-line strings use (Black's double quotes when undecided). */
export function preferredQuote(text: string): Quote {
  let single = 0;
  let double = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '#') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    } else if (c === '"' || c === "'") {
      const triple = text[i + 1] === c && text[i + 2] === c;
      if (!triple) {
        if (c === "'") single++;
        else double++;
      }
      i = skipString(text, i, false) - 1;
    }
  }
  return single > double ? "'" : '"';
}

/** True when control can never run past the end of this statement (return/raise on every path). */
export function terminates(statement: Node): boolean {
  switch (statement.type) {
    case 'return_statement':
    case 'raise_statement':
      return true;
    case 'block':
      return statement.namedChildren.some(terminates);
    case 'if_statement': {
      const alternatives = statement.childrenForFieldName('alternative');
      const hasElse = alternatives.some((a) => a.type === 'else_clause');
      const consequence = statement.childForFieldName('consequence');
      return (
        hasElse &&
        !!consequence &&
        terminates(consequence) &&
        alternatives.every((a) => {
          const body = a.childForFieldName('consequence') ?? a.childForFieldName('body');
          return !!body && terminates(body);
        })
      );
    }
    case 'try_statement': {
      const clauses = statement.namedChildren;
      const final = clauses.find((c) => c.type === 'finally_clause');
      if (final && clauseBlock(final) && terminates(clauseBlock(final)!)) return true;
      const body = statement.childForFieldName('body');
      const orElse = clauses.find((c) => c.type === 'else_clause');
      const main = orElse ? clauseBlock(orElse) : body;
      const handlers = clauses.filter((c) => c.type === 'except_clause' || c.type === 'except_group_clause');
      return (
        !!main && terminates(main) && handlers.every((h) => !!clauseBlock(h) && terminates(clauseBlock(h)!))
      );
    }
    case 'with_statement': {
      const body = statement.childForFieldName('body');
      return !!body && terminates(body);
    }
    case 'while_statement': {
      const condition = statement.childForFieldName('condition');
      const body = statement.childForFieldName('body');
      return condition?.type === 'true' && !!body && ownDescendants(body, BREAKS).length === 0;
    }
    default:
      return false;
  }
}

const BREAKS = new Set(['break_statement']);

/** The block of an except/else/finally clause (tree-sitter gives it no field name). */
export function clauseBlock(clause: Node): Node | null {
  return clause.childForFieldName('body') ?? clause.namedChildren.find((c) => c.type === 'block') ?? null;
}
