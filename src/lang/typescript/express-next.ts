// Express's error convention: a handler (or middleware) forwards a failure with `next(err)` and returns
// normally; Express then skips to the error handlers. That call is a failure exit of the handler, like a
// throw. `next()` passes control on, and `next('route')` / `next('router')` skip routes: neither fails.
// Koa's `next` is the rest of the chain and never takes an error, so only Express-shaped lists count.
import type Parser from 'tree-sitter';
import type { HandlerFacts, ParamFacts } from '../facts.js';

type Node = Parser.SyntaxNode;

const NEXT_FUNCTION_TYPE = /^(?:express\.|e\.)?NextFunction\b/;
const IDENTIFIER = /^[\p{ID_Start}$_][\p{ID_Continue}$]*$/u;
/** Arguments Express does not take as an error: falsy literals, and the two routing strings. */
const NOT_AN_ERROR = new Set(['null', 'undefined', 'false', '0', "''", '""', '``']);
const ROUTING = /^(['"`])(route|router)\1$/;

/**
 * The name of the function's Express next-function parameter, or null: typed `NextFunction`, or `next`
 * right after the request and response (`(req, res, next)`, `(err, req, res, next)`), or `next` in a
 * handler the file registers (not Koa's `(ctx, next)`).
 */
export function expressNextParam(params: readonly ParamFacts[], handler: HandlerFacts | null): string | null {
  for (const p of params) {
    if (p.type !== null && NEXT_FUNCTION_TYPE.test(p.type) && IDENTIFIER.test(p.name)) return p.name;
  }
  const i = params.findIndex((p) => p.name === 'next');
  if (i < 0) return null;
  const afterRequestResponse =
    i >= 2 && params[i - 2]?.role === 'request' && params[i - 1]?.role === 'response';
  const koa = handler?.framework === 'koa' || params.some((p) => p.role === 'framework-context');
  return afterRequestResponse || (handler !== null && !koa) ? 'next' : null;
}

/** The argument of `call` when it is `<next>(<error>)`, forwarding a failure to Express; else null. */
export function forwardedError(call: Node | null, next: string | null): Node | null {
  if (next === null || call?.type !== 'call_expression') return null;
  if (call.childForFieldName('function')?.text !== next) return null;
  const args = call.childForFieldName('arguments')?.namedChildren.filter((c) => c.type !== 'comment') ?? [];
  const error = args[0];
  if (args.length !== 1 || !error) return null;
  const text = error.text;
  if (NOT_AN_ERROR.has(text) || ROUTING.test(text) || error.type === 'spread_element') return null;
  return error;
}
