// Handler factories: a function that returns the handler (`func (s *server) handleOrders() http.HandlerFunc
// { ...setup...; return func(w, r) {...} }`, `func List(svc *Service) gin.HandlerFunc`). The setup runs
// once, at registration; the requests run the function literal it returns, so that literal is what the
// recording goes into. Only literals the factory itself returns (its own `return` statements, a literal
// as the whole result or converted to the handler type, `http.HandlerFunc(func(...) {...})`); a factory
// that returns anything else (a variable, a middleware chain) is left alone with the reason.
import { type GoFunction, paramsOf, resultsOf } from '../instrument/function-model.js';
import { identifiersIn, indentAt } from '../instrument/syntax.js';
import type { Node } from '../parser.js';
import { shorten } from '../scan.js';
import type { FrameworkNames } from './handler-recording.js';

/**
 * The literal as a function the recording can be written into. The names the recording declares go at
 * the top of the literal's body: they must only avoid the names the literal mentions (a factory variable
 * it captures included); the imports it needs avoid every name of the factory (see the planner).
 */
function readLiteral(literal: Node, factory: GoFunction, text: string): GoFunction | null {
  const body = literal.childForFieldName('body');
  if (!body) return null;
  const resultNode = literal.childForFieldName('result');
  return {
    node: literal,
    name: factory.name,
    receiver: null,
    params: paramsOf(literal.childForFieldName('parameters')),
    results: resultsOf(resultNode),
    resultNode,
    body,
    bodyOpen: body.startIndex + 1,
    bodyClose: body.endIndex - 1,
    indent: `${indentAt(text, literal.startIndex)}\t`,
    identifiers: identifiersIn(literal),
    // The factory's index: the metrics recording asks it nothing, and the literal is part of it.
    index: factory.index,
  };
}

/** Handler function types a literal may be converted to on its way out: `http.HandlerFunc(func...)`. */
function isHandlerConversion(callee: Node, frameworks: FrameworkNames): boolean {
  if (callee.type !== 'selector_expression') return false;
  const pkg = callee.childForFieldName('operand');
  const name = callee.childForFieldName('field')?.text;
  if (pkg?.type !== 'identifier' || name !== 'HandlerFunc') return false;
  return [frameworks.http, frameworks.gin, frameworks.echo].includes(pkg.text);
}

/** The function literal a returned expression is, directly or through a conversion; else null. */
function literalOf(expr: Node, frameworks: FrameworkNames): Node | null {
  let e = expr;
  while (e.type === 'parenthesized_expression' && e.namedChildCount === 1) e = e.namedChildren[0] as Node;
  if (e.type === 'func_literal') return e;
  if (e.type !== 'call_expression') return null;
  const callee = e.childForFieldName('function');
  const args = e.childForFieldName('arguments')?.namedChildren ?? [];
  if (!callee || args.length !== 1 || !isHandlerConversion(callee, frameworks)) return null;
  return literalOf(args[0] as Node, frameworks);
}

function described(expr: Node): string {
  if (expr.type === 'identifier' || expr.type === 'selector_expression')
    return `${shorten(expr.text, 60)}, a variable it does not define`;
  const callee = expr.type === 'call_expression' ? expr.childForFieldName('function') : null;
  if (callee) return `${shorten(callee.text.replace(/\s+/g, ' '), 60)}(…), a call (a middleware chain?)`;
  return shorten(expr.text.replace(/\{[\s\S]*$/, '{…}').replace(/\s+/g, ' '), 60);
}

/**
 * The function literals `factory` returns, one per `return` statement of its own (returns inside other
 * closures of the factory belong to those closures), in document order; or why it is left alone.
 */
export function returnedHandlers(
  factory: GoFunction,
  frameworks: FrameworkNames,
  text: string,
): GoFunction[] | string {
  const literals: GoFunction[] = [];
  for (const ret of factory.index.returns) {
    const values = ret.namedChildren.find((c) => c.type === 'expression_list')?.namedChildren ?? [];
    const expr = values.length === 1 ? (values[0] as Node) : null;
    if (!expr)
      return 'a return of the factory gives no single handler: record the handler it returns by hand';
    const literal = literalOf(expr, frameworks);
    const fn = literal ? readLiteral(literal, factory, text) : null;
    if (!fn)
      return `the factory returns ${described(expr)}, not a function literal of its own: record the handler it returns by hand`;
    literals.push(fn);
  }
  return literals.length > 0
    ? literals
    : 'the factory returns no function literal of its own: record the handler it returns by hand';
}
