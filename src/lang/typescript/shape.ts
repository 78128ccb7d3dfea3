// What a function's body looks like from outside: how it can fail, how long it is, whether it is async
// without saying so.
import type Parser from 'tree-sitter';
import type { FunctionSites } from './body.js';
import { forwardedError } from './express-next.js';

type Node = Parser.SyntaxNode;

const REJECTING_RETURN = /^return\s+Promise\s*\.\s*reject\b/;
const PROMISE_EXPRESSION =
  /^(?:new\s+Promise\b|Promise\s*\.\s*(?:all|allSettled|race|any|resolve|reject)\b|[^;{}]*\.\s*(?:then|catch|finally)\s*\()/;

/** `throw`, `return Promise.reject(...)`, and Express's `next(err)` in handlers. */
export function failureExitCount(fn: FunctionSites, next: string | null, text: string): number {
  let count = fn.throws.length;
  if (text.slice(fn.scope.start, fn.scope.end).includes('reject')) {
    for (const r of fn.returns()) if (REJECTING_RETURN.test(text.slice(r.start, r.start + 40))) count++;
  }
  if (next !== null) {
    for (const call of fn.calls) if (call.callee?.text === next && forwardedError(call.node, next)) count++;
  }
  return count;
}

/**
 * Statements directly in the body; a concise arrow body is one. Comments are named children too: they are
 * left out where it matters (short bodies, where the count decides whether a function is a helper).
 */
export function statementCount(body: Node | null): number {
  if (!body) return 0;
  if (body.type !== 'statement_block') return 1;
  const count = body.namedChildCount;
  if (count > 4) return count;
  const text = body.text;
  if (!text.includes('//') && !text.includes('/*')) return count;
  return body.namedChildren.filter((c) => c.type !== 'comment').length;
}

/** A function without `async` that still hands back a promise: `return fetch(url).then(...)`, `new Promise`. */
export function returnsPromise(
  node: Node,
  body: Node | null,
  header: string,
  text: string,
  fn: FunctionSites,
): boolean {
  if (!body) return false;
  if (header.includes('Promise') && /\bPromise\s*</.test(node.childForFieldName('return_type')?.text ?? ''))
    return true;
  if (body.type !== 'statement_block') return PROMISE_EXPRESSION.test(body.text);
  const bodyText = text.slice(body.startIndex, body.endIndex);
  if (!bodyText.includes('Promise') && !bodyText.includes('.then')) return false;
  return fn
    .returns()
    .some(
      (r) => r.scope === fn.scopeIndex && PROMISE_EXPRESSION.test(text.slice(r.start + 6, r.end).trimStart()),
    );
}
