// One declared Go function or method as the planner needs it: its parameters and results with their
// positions (to name them without changing types), its body's braces, and every name it uses.
import type { Node } from '../parser.js';
import { type FunctionIndex, indexFunction } from './function-index.js';
import { indentAt } from './syntax.js';

export interface GoParam {
  /** Null when the parameter is unnamed (`func(context.Context)`); `_` is kept as written. */
  name: string | null;
  nameNode: Node | null;
  type: string;
  typeNode: Node;
  /** The declaration node (`a, b string` is one declaration and two params). */
  declaration: Node;
}

export interface GoFunction {
  node: Node;
  name: string;
  receiver: { name: string | null; type: string } | null;
  params: GoParam[];
  results: GoParam[];
  /** The result node as written: a `parameter_list`, a single type, or null for none. */
  resultNode: Node | null;
  body: Node;
  /** Index just past the body's `{` and of its `}`. */
  bodyOpen: number;
  bodyClose: number;
  /** Indentation of statements directly in the body. */
  indent: string;
  /** Every identifier the function mentions, its signature included. */
  identifiers: Set<string>;
  index: FunctionIndex;
}

/** The parameters a parameter list declares, one per name (an unnamed one with a null name). */
export function paramsOf(list: Node | null): GoParam[] {
  if (list?.type !== 'parameter_list') return [];
  const params: GoParam[] = [];
  for (const decl of list.namedChildren) {
    if (decl.type !== 'parameter_declaration' && decl.type !== 'variadic_parameter_declaration') continue;
    const typeNode = decl.childForFieldName('type');
    if (!typeNode) continue;
    const type = decl.type === 'variadic_parameter_declaration' ? `...${typeNode.text}` : typeNode.text;
    const names = decl.childrenForFieldName('name');
    if (names.length === 0) params.push({ name: null, nameNode: null, type, typeNode, declaration: decl });
    for (const n of names) params.push({ name: n.text, nameNode: n, type, typeNode, declaration: decl });
  }
  return params;
}

/** A signature's results: a parenthesised list, or one bare type. */
export function resultsOf(result: Node | null): GoParam[] {
  if (!result) return [];
  if (result.type === 'parameter_list') return paramsOf(result);
  return [{ name: null, nameNode: null, type: result.text, typeNode: result, declaration: result }];
}

export function readFunction(node: Node, text: string): GoFunction | null {
  const body = node.childForFieldName('body');
  const nameNode = node.childForFieldName('name');
  if (!body || !nameNode) return null;
  const receiverList = node.childForFieldName('receiver');
  const receiverParam = receiverList ? paramsOf(receiverList)[0] : undefined;
  const resultNode = node.childForFieldName('result');
  const funcIndent = indentAt(text, node.startIndex);
  const index = indexFunction(node, body, text);
  return {
    node,
    name: nameNode.text,
    receiver: receiverParam ? { name: receiverParam.name, type: receiverParam.type } : null,
    params: paramsOf(node.childForFieldName('parameters')),
    results: resultsOf(resultNode),
    resultNode,
    body,
    bodyOpen: body.startIndex + 1,
    bodyClose: body.endIndex - 1,
    indent: `${funcIndent}\t`,
    identifiers: index.identifiers,
    index,
  };
}

/** The function's last result is `error`. */
export function returnsError(fn: GoFunction): boolean {
  return fn.results[fn.results.length - 1]?.type === 'error';
}

/** Results are named (`(n int, err error)`), so bare returns may exist and defers may change them. */
export function hasNamedResults(fn: GoFunction): boolean {
  return fn.results.some((r) => r.name !== null);
}

const declared = new WeakMap<GoFunction, Set<string>>();

/** Names declared inside the function (parameters, `:=`, `var`, range and case variables). */
export function declaredNames(fn: GoFunction): Set<string> {
  const cached = declared.get(fn);
  if (cached) return cached;
  const names = new Set<string>();
  for (const p of [...fn.params, ...fn.results]) if (p.name) names.add(p.name);
  if (fn.receiver?.name) names.add(fn.receiver.name);
  const add = (n: Node | null) => {
    if (!n) return;
    if (n.type === 'identifier') names.add(n.text);
    else for (const c of n.namedChildren) if (c.type === 'identifier') names.add(c.text);
  };
  for (const d of fn.index.declarations) {
    if (d.type === 'type_switch_statement') add(d.childForFieldName('alias'));
    else if (
      d.type === 'short_var_declaration' ||
      d.type === 'range_clause' ||
      d.type === 'receive_statement'
    )
      add(d.childForFieldName('left'));
    else for (const n of d.childrenForFieldName('name')) add(n);
  }
  declared.set(fn, names);
  return names;
}
