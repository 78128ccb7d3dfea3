// Decorators as written above a def: `@app.post("/orders", status_code=201)` → callee `app.post`, a call.
import type { Skeleton } from './scan.js';

export interface Decorator {
  /** The expression after `@`, one line. */
  text: string;
  /** Dotted name before any argument list (`app.post`, `tracer.start_as_current_span`, `property`). */
  callee: string;
  /** Written with an argument list. */
  isCall: boolean;
  /** The expression's extent (after `@`). */
  start: number;
  end: number;
}

export function decoratorsOf(text: string, skeleton: Skeleton, indices: readonly number[]): Decorator[] {
  return indices.map((k) => {
    const d = skeleton.decorators[k]!;
    let start = d.start + 1;
    while (start < d.end && /\s/.test(text[start]!)) start++;
    const expression = text.slice(start, d.end);
    const paren = expression.indexOf('(');
    const callee = (paren >= 0 ? expression.slice(0, paren) : expression).replace(/\s+/g, '');
    return { text: expression.replace(/\s*\n\s*/g, ' '), callee, isCall: paren >= 0, start, end: d.end };
  });
}

/** The last dotted segment: `abc.abstractmethod` → `abstractmethod`. */
export function lastSegment(callee: string): string {
  return callee.slice(callee.lastIndexOf('.') + 1);
}

export function hasDecorator(decorators: readonly Decorator[], ...names: string[]): boolean {
  return decorators.some((d) => names.includes(lastSegment(d.callee)));
}
