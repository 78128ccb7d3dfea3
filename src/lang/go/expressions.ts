// Questions about one expression's text (an argument, an assigned value), answered without a parse.
import { matchingClose, type Span, skipQuoted, splitTopLevel } from './scan.js';

/** Index of the `(` of the call that makes up all of `t` (`a.B(x).C(y)` → the `(` before `y`), or -1. */
function outerCallOpen(t: string): number {
  if (!t.endsWith(')')) return -1;
  let depth = 0;
  let lastOpen = -1;
  for (let i = 0; i < t.length; i++) {
    const c = t[i] as string;
    if (c === '"' || c === "'" || c === '`') {
      i = skipQuoted(t, i) - 1;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') {
      if (depth === 0 && c === '(') lastOpen = i;
      depth++;
    } else if (c === ')' || c === ']' || c === '}') depth--;
  }
  return lastOpen > 0 && matchingClose(t, lastOpen) === t.length - 1 ? lastOpen : -1;
}

/**
 * When the whole expression is a call, its callee with white space removed (`otel.Tracer`,
 * `otel.GetTracerProvider().Tracer`); else null.
 */
export function calleeOfExpression(expr: string): string | null {
  const t = expr.trim();
  const open = outerCallOpen(t);
  if (open < 0) return null;
  const callee = t.slice(0, open).replace(/\s+/g, '');
  return /^[\p{L}_]/u.test(callee) ? callee : null;
}

/** The argument ranges of an expression that is a call (`f(a, b)` → `a`, `b`), relative to the trimmed `expr`. */
export function argumentsOfExpression(expr: string): { text: string; args: Span[] } | null {
  const t = expr.trim();
  const open = outerCallOpen(t);
  if (open < 0 || !/^[\p{L}_]/u.test(t)) return null;
  return { text: t, args: splitTopLevel(t, open + 1, t.length - 1, ',') };
}

/** An error value as code passes it around: `err`, `ctxErr`, `ErrNotFound`, `fmt.Errorf(...)`, `errors.New(...)`. */
export function isErrorValue(expr: string): boolean {
  const t = expr.trim();
  return (
    /^([\p{L}_][\p{L}\p{Nd}_]*\.)?(err|Err)[\p{L}\p{Nd}_]*$/u.test(t) ||
    /^[\p{L}_][\p{L}\p{Nd}_]*(Err|Error)$/u.test(t) ||
    /^[\p{L}_][\p{L}\p{Nd}_.]*\.(Errorf|New|Wrap|Wrapf|Join)\s*\(/u.test(t)
  );
}

/** A plain identifier or selector chain (`ctx`, `s.tracer`, `h.metrics.requests`). */
export function isSelector(expr: string): boolean {
  return /^[\p{L}_][\p{L}\p{Nd}_]*(\s*\.\s*[\p{L}_][\p{L}\p{Nd}_]*)*$/u.test(expr.trim());
}
