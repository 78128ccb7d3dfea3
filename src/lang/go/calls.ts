// Reading a call's parts from the text: its method name, receiver, arguments.
import type { LexCall } from './lexer.js';
import { identAt, type Span, skipTrivia, splitTopLevel } from './scan.js';

/** `s.repo.Save` → `Save`; `otel.Tracer(…).Start` → `Start`; `panic` → `panic`. */
export function methodOf(call: LexCall): string {
  return call.method;
}

/** `s.repo.Save` → `s.repo`; `panic` → ''. */
export function receiverOf(call: LexCall): string {
  const dot = call.callee.lastIndexOf('.');
  return dot < 0 ? '' : call.callee.slice(0, dot);
}

/** `s.repo.Save` → `s`: the first element of the chain. */
export function rootOf(callee: string): string {
  const dot = callee.indexOf('.');
  return dot < 0 ? callee : callee.slice(0, dot);
}

/** The last element of a selector (`s.metrics.requests` → `requests`). */
export function lastSegment(selector: string): string {
  const dot = selector.lastIndexOf('.');
  return dot < 0 ? selector : selector.slice(dot + 1);
}

/** Argument ranges, trimmed. Empty for an unclosed call. */
export function argsOf(text: string, call: LexCall): Span[] {
  if (call.close < 0) return [];
  return splitTopLevel(text, call.open + 1, call.close, ',');
}

/** The first argument when it is a bare identifier (`ctx` in `s.repo.Save(ctx, o)`), else null. */
export function firstArgIdent(text: string, call: LexCall): string | null {
  const at = skipTrivia(text, call.open + 1);
  const id = identAt(text, at);
  if (id === null) return null;
  const after = skipTrivia(text, at + id.length);
  const c = text[after];
  return c === ',' || c === ')' ? id : null;
}
