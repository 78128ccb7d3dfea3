// One walk over a function's syntax tree with a tree cursor, collecting everything the planner asks about
// it. A cursor reads node types and offsets without building a JS object per node; only the nodes the
// planner edits around (returns, panics, assignments, declarations) are materialised.
import type { Node } from '../parser.js';

export interface FunctionLiteral {
  start: number;
  end: number;
}

export interface FunctionIndex {
  /** Every identifier the function mentions (variables, packages, labels), its signature included. */
  identifiers: Set<string>;
  /** The same, in the body only. */
  bodyIdentifiers: Set<string>;
  /** `return` statements of the function itself (not of function literals inside it), in order. */
  returns: Node[];
  /** `panic(...)` statements of the function itself, in order. */
  panics: Node[];
  /** `:=` and `=` statements anywhere in the body, in order. */
  assignments: Node[];
  /** Declarations anywhere in the body: `:=`, `var`, `const`, range and receive clauses, type-switch aliases, literal parameters. */
  declarations: Node[];
  literals: FunctionLiteral[];
  /** Identifier occurrences with their offsets, to ask which names a function literal mentions. */
  occurrences: { name: string; at: number }[];
}

const IDENTIFIERS = new Set(['identifier', 'package_identifier', 'label_name']);
const DECLARATIONS = new Set([
  'short_var_declaration',
  'range_clause',
  'receive_statement',
  'var_spec',
  'const_spec',
  'type_switch_statement',
  'parameter_declaration',
  'variadic_parameter_declaration',
]);

export function indexFunction(fn: Node, body: Node, text: string): FunctionIndex {
  const index: FunctionIndex = {
    identifiers: new Set(),
    bodyIdentifiers: new Set(),
    returns: [],
    panics: [],
    assignments: [],
    declarations: [],
    literals: [],
    occurrences: [],
  };
  const cursor = fn.walk();
  const literalEnds: number[] = [];
  const bodyStart = body.startIndex;
  for (;;) {
    const type = cursor.nodeType;
    const start = cursor.startIndex;
    while (literalEnds.length > 0 && start >= (literalEnds[literalEnds.length - 1] as number))
      literalEnds.pop();
    const own = literalEnds.length === 0;
    if (IDENTIFIERS.has(type)) {
      const name = text.slice(start, cursor.endIndex);
      index.identifiers.add(name);
      if (start >= bodyStart) {
        index.bodyIdentifiers.add(name);
        index.occurrences.push({ name, at: start });
      }
    } else if (start >= bodyStart) {
      if (type === 'func_literal') {
        literalEnds.push(cursor.endIndex);
        index.literals.push({ start, end: cursor.endIndex });
      } else if (type === 'return_statement' && own) {
        index.returns.push(cursor.currentNode);
      } else if (type === 'expression_statement' && own && /^panic\s*\(/.test(text.slice(start, start + 7))) {
        index.panics.push(cursor.currentNode);
      }
      if (type === 'short_var_declaration' || type === 'assignment_statement')
        index.assignments.push(cursor.currentNode);
      if (DECLARATIONS.has(type)) index.declarations.push(cursor.currentNode);
    }
    if (cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) return index;
    }
  }
}

/** Names mentioned inside function literals of the body (closures that could observe a reassignment). */
export function namesInLiterals(index: FunctionIndex): Set<string> {
  const names = new Set<string>();
  for (const o of index.occurrences)
    if (index.literals.some((l) => l.start <= o.at && o.at < l.end)) names.add(o.name);
  return names;
}
