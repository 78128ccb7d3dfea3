import { describe, expect, it } from 'vitest';
import { factsOf, fnOf, lineWith, onlySpan } from './__fixtures__/facts.js';

const HEADER = `import { trace, context, SpanStatusCode, SpanStatusCode as Codes, ROOT_CONTEXT } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
`;

/** The one span of `f` in HEADER + body, and a line finder over that same text. */
function span(body: string, name = 'f') {
  const text = `${HEADER}${body}`;
  return { ...onlySpan(fnOf(factsOf(text), name)), at: (needle: string) => lineWith(text, needle) };
}

describe('typescript adapter: span starts', () => {
  it('sees startActiveSpan and startSpan on every kind of tracer', () => {
    const facts = factsOf(`
import opentelemetry from '@opentelemetry/api';
const t = opentelemetry.trace.getTracer('orders');
export class S {
  private tracer = trace.getTracer('s');
  async a() { return this.tracer.startActiveSpan('a', (span) => { span.end(); }); }
}
export function b() { const span = t.startSpan('b'); span.end(); }
export function c() { const span = opentelemetry.trace.getTracer('x').startSpan('c'); span.end(); }
export function d() { const span = otelTracer.startSpan('d'); span.end(); }
export function e() { Sentry.startSpan({ name: 'e' }, () => {}); }
`);
    expect(facts.tracerVariables).toEqual(['t']);
    expect(facts.functions.map((f) => f.spans.map((s) => [s.api, s.nameText]))).toEqual([
      [['ts:startActiveSpan', 'a']],
      [['ts:startSpan', 'b']],
      [['ts:startSpan', 'c']],
      [['ts:startSpan', 'd']],
      [],
    ]);
  });

  it('records the span variable: the callback parameter or the declared name', () => {
    const active = span(
      `export async function f() { return tracer.startActiveSpan('x', async (s) => { s.end(); }); }`,
    );
    expect([active.variable, active.line, active.column]).toEqual(['s', 3, 36]);
    expect(span(`export function f() { const sp = tracer.startSpan('x'); sp.end(); }`).variable).toBe('sp');
    expect(span(`export function f() { this.span = tracer.startSpan('x'); }`).variable).toBe('this.span');
  });

  it('classifies span names', () => {
    const facts = factsOf(`${HEADER}
const NAME = 'orders.create';
const NAMES = { cancel: 'orders.cancel' } as const;
export function a() { tracer.startSpan('orders.a').end(); }
export function b() { tracer.startSpan(NAME).end(); }
export function c() { tracer.startSpan(NAMES.cancel).end(); }
export function d(id) { tracer.startSpan('orders.' + id).end(); }
export function e(id) { tracer.startSpan(\`orders.\${id}\`).end(); }
export function f() { tracer.startSpan(\`orders.f\`).end(); }
export function g(op) { tracer.startSpan(util.format('orders.%s', op)).end(); }
export function h(op) { tracer.startSpan(op.name).end(); }
export function i() { const local = 'orders.i'; tracer.startSpan(local).end(); }
`);
    expect(facts.functions.map((fn) => [fn.spans[0]?.nameKind, fn.spans[0]?.nameText])).toEqual([
      ['literal', 'orders.a'],
      ['constant', 'orders.create'],
      ['constant', 'orders.cancel'],
      ['concatenation', "'orders.' + id"],
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the span name exactly as the source writes it
      ['template', '`orders.${id}`'],
      ['literal', 'orders.f'],
      ['format-call', "util.format('orders.%s', op)"],
      ['expression', 'op.name'],
      ['constant', 'orders.i'],
    ]);
  });

  it('reads attributes given at start, literal, computed and semantic-convention keys', () => {
    const s = span(`
import { SEMATTRS_HTTP_METHOD, ATTR_HTTP_ROUTE } from '@opentelemetry/semantic-conventions';
const KEY = 'business.entity_id';
export function f(orderId, customer) {
  const span = tracer.startSpan('orders.f', {
    attributes: {
      'service.operation': 'f',
      [KEY]: orderId,
      [SEMATTRS_HTTP_METHOD]: 'POST',
      [ATTR_HTTP_ROUTE]: '/orders',
      customerEmail: customer.email,
      [dynamicKey()]: 1,
    },
  });
  span.end();
}`);
    expect(s.startAttributes.map((a) => [a.key, a.dynamicKey, a.valueText, a.target, a.line])).toEqual([
      ['service.operation', false, "'f'", 'span-start', s.at("'service.operation'")],
      ['business.entity_id', false, 'orderId', 'span-start', s.at('[KEY]')],
      ['http.method', false, "'POST'", 'span-start', s.at('[SEMATTRS_HTTP_METHOD]')],
      ['http.route', false, "'/orders'", 'span-start', s.at('[ATTR_HTTP_ROUTE]')],
      ['customerEmail', false, 'customer.email', 'span-start', s.at('customerEmail:')],
      ['dynamicKey()', true, '1', 'span-start', s.at('[dynamicKey()]')],
    ]);
  });

  it('tells where the parent context comes from', () => {
    const text = `${HEADER}
export function a() { tracer.startSpan('a').end(); }
export function b(ctx) { tracer.startSpan('b', {}, ctx).end(); }
export function c() { tracer.startSpan('c', {}, trace.setSpan(context.active(), parent)).end(); }
export function d() {
  tracer.startSpan('d', {},
    ROOT_CONTEXT).end();
}
export function e() { return tracer.startActiveSpan('e', {}, context.active(), (span) => span.end()); }
`;
    const facts = factsOf(text);
    expect(facts.functions.map((fn) => [fn.spans[0]?.parentContext, fn.spans[0]?.backgroundLine])).toEqual([
      ['implicit', null],
      ['parameter', null],
      ['derived', null],
      ['background', lineWith(text, 'ROOT_CONTEXT).end()')],
      ['implicit', null],
    ]);
  });

  it('knows a span started in a loop or an iteration callback, not one around the loop', () => {
    const text = `${HEADER}
export function a(items) {
  for (const item of items) {
    tracer.startSpan('a').end();
  }
}
export async function b(items) {
  await Promise.all(items.map(async (item) => {
    const span = tracer.startSpan('b');
    span.end();
  }));
}
export function c(items) {
  let i = 0;
  while (i < 3) { items.forEach((x) => tracer.startSpan('c').end()); i++; }
}
export function d(items) {
  const span = tracer.startSpan('d');
  for (const item of items) work(item);
  span.end();
}
`;
    const facts = factsOf(text);
    expect(facts.functions.map((fn) => [fn.spans[0]?.inLoop, fn.spans[0]?.loopLine])).toEqual([
      [true, lineWith(text, 'for (const item of items) {')],
      [true, lineWith(text, 'items.map(async')],
      [true, lineWith(text, 'items.forEach')],
      [false, null],
    ]);
  });
});

describe('typescript adapter: how spans end', () => {
  it('ends in finally, in a promise .finally, on all paths, on some paths, or never', () => {
    const text = `${HEADER}
export async function a() {
  return tracer.startActiveSpan('a', async (span) => {
    try { return await work(); } finally { span.end(); }
  });
}
export function b() {
  const span = tracer.startSpan('b');
  return work().finally(() => span.end());
}
export function c(x) {
  const span = tracer.startSpan('c');
  if (!x) {
    span.end();
    return null;
  }
  span.end();
  return x;
}
export function d(x) {
  const span = tracer.startSpan('d');
  if (!x) {
    return null; // d leaves
  }
  span.end();
  return x;
}
export function e() {
  return tracer.startActiveSpan('e', (span) => {
    work(span);
  }); // e falls off
}
export function f(x) {
  return tracer.startActiveSpan('f', (span) => {
    try {
      const r = work();
      span.end();
      return r;
    } catch (err) {
      span.end();
      throw err;
    }
  });
}
`;
    const facts = factsOf(text);
    expect(facts.functions.map((fn) => [fn.name, fn.spans[0]?.end, fn.spans[0]?.unendedExitLines])).toEqual([
      ['a', 'finally', []],
      ['b', 'finally', []],
      ['c', 'explicit-all-paths', []],
      ['d', 'explicit-some-paths', [lineWith(text, '// d leaves')]],
      ['e', 'never', [lineWith(text, '// e falls off')]],
      ['f', 'explicit-all-paths', []],
    ]);
  });

  it('treats a span handed to its caller, stored for later or ended in the same expression as ended', () => {
    const facts = factsOf(`${HEADER}
export function a() { const span = tracer.startSpan('a'); return span; }
export function b() { const span = tracer.startSpan('b'); this.current = span; }
export function c() { const span = tracer.startSpan('c'); finishSpan(span); }
export function d() { return tracer.startActiveSpan('d', handle); }
export function e() { tracer.startSpan('e').end(); }
export function f() { context.with(trace.setSpan(context.active(), tracer.startSpan('f')), run); }
`);
    expect(facts.functions.map((fn) => fn.spans[0]?.end)).toEqual([
      'explicit-all-paths',
      'explicit-all-paths',
      'explicit-all-paths',
      'explicit-all-paths',
      'explicit-all-paths',
      'never',
    ]);
  });

  it('never lets startActiveSpan stand for ending or recording: the language records nothing', () => {
    const s = span(`export function f() { return tracer.startActiveSpan('x', (span) => { span.end(); }); }`);
    expect(s.languageRecordsExceptions).toBe(false);
  });
});

describe('typescript adapter: failure paths inside spans', () => {
  it('knows a catch that records and sets status before rethrowing', () => {
    const s = span(`
export async function f(id) {
  return tracer.startActiveSpan('f', async (span) => {
    try {
      if (!id) throw new Error('no id');
      return await db.load(id);
    } catch (err) {
      span.recordException(err as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: 'load failed' });
      throw err;
    } finally {
      span.end();
    }
  });
}`);
    expect([s.failureExitLines, s.failureExitsWithoutRecord, s.failureExitsWithoutStatus]).toEqual([
      [s.at('throw err')],
      [],
      [],
    ]);
  });

  it('reports throws and unguarded awaits without recording or status', () => {
    const s = span(`
export async function f(id) {
  return tracer.startActiveSpan('f', async (span) => {
    const order = await db.load(id);
    if (!order) {
      span.setStatus({ code: 2 });
      throw new Error('missing');
    }
    if (order.locked) {
      span.recordException(new Error('locked'));
      span.setStatus({ code: Codes.ERROR });
      throw new Error('locked');
    }
    span.end();
    return order;
  });
}`);
    const [awaited, missing, locked] = [
      s.at('await db.load'),
      s.at("Error('missing')"),
      s.at("throw new Error('locked')"),
    ];
    expect(s.failureExitLines).toEqual([awaited, missing, locked]);
    expect(s.failureExitsWithoutRecord).toEqual([awaited, missing]);
    expect(s.failureExitsWithoutStatus).toEqual([awaited]);
  });

  it('does not count a status that is not an error', () => {
    const s = span(`
export function f() {
  const span = tracer.startSpan('f');
  try { work(); } catch (err) {
    span.setStatus({ code: SpanStatusCode.OK });
    span.recordException(err);
    throw err;
  } finally { span.end(); }
}`);
    expect([s.failureExitsWithoutRecord, s.failureExitsWithoutStatus]).toEqual([[], [s.at('throw err')]]);
  });

  it('accepts a helper the span and error are handed to', () => {
    const s = span(`
export async function f() {
  return tracer.startActiveSpan('f', async (span) => {
    try { return await work(); } catch (err) { recordError(span, err); throw err; } finally { span.end(); }
  });
}`);
    expect([s.failureExitLines, s.failureExitsWithoutRecord, s.failureExitsWithoutStatus]).toEqual([
      [s.at('throw err')],
      [],
      [],
    ]);
  });

  it('treats a catch that swallows the error as no failure exit, and a sync span as no rejection', () => {
    const swallowed = span(`
export async function f() {
  return tracer.startActiveSpan('f', async (span) => {
    try { return await work(); } catch { return null; } finally { span.end(); }
  });
}`);
    expect(swallowed.failureExitLines).toEqual([]);
    const sync = span(
      `export function f() { return tracer.startActiveSpan('f', (span) => { const r = work(); span.end(); return r; }); }`,
    );
    expect(sync.failureExitLines).toEqual([]);
  });

  it('reads failure exits of a startSpan from the start to the end of its function', () => {
    const s = span(`
export async function f(id) {
  if (!id) throw new Error('before the span');
  const span = tracer.startSpan('f');
  try {
    return await db.load(id);
  } catch (e) {
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw e;
  } finally {
    span.end();
  }
}`);
    expect([s.failureExitLines, s.failureExitsWithoutRecord, s.failureExitsWithoutStatus]).toEqual([
      [s.at('throw e;')],
      [s.at('throw e;')],
      [],
    ]);
  });

  it("takes Express's next(err) as a failure exit, caught or not; next() and next('route') are not", () => {
    const s = span(`
import type { NextFunction, Request, Response } from 'express';
export async function f(req: Request, res: Response, next: NextFunction) {
  return tracer.startActiveSpan('f', async (span) => {
    try {
      const order = await db.load(req.params.id);
      if (!order) return next('route');
      if (order.hidden) return next(null);
      res.json(order);
      next();
    } catch (err) {
      next(err);
    } finally {
      span.end();
    }
  });
}`);
    expect([s.failureExitLines, s.failureExitsWithoutRecord, s.failureExitsWithoutStatus]).toEqual([
      [s.at('next(err)')],
      [s.at('next(err)')],
      [s.at('next(err)')],
    ]);
  });

  it('knows next(err) preceded by recordException and setStatus in its block', () => {
    const s = span(`
export function f(req, res, next) {
  const span = tracer.startSpan('f');
  try {
    res.json(work(req.body));
  } catch (err) {
    span.recordException(err);
    span.setStatus({ code: SpanStatusCode.ERROR });
    next(err);
  } finally {
    span.end();
  }
  if (!req.user) next(new Error('anonymous'));
}`);
    expect([s.failureExitLines, s.failureExitsWithoutRecord, s.failureExitsWithoutStatus]).toEqual([
      [s.at('next(err)'), s.at('anonymous')],
      [s.at('anonymous')],
      [s.at('anonymous')],
    ]);
  });

  it('finds the next function by its type or its place, not in Koa or a callback', () => {
    const typed = span(`
export async function f(rq: Request, rs: Response, proceed: NextFunction) {
  return tracer.startActiveSpan('f', async (span) => {
    try { await work(); } catch (e) { proceed(e); } finally { span.end(); }
  });
}`);
    expect(typed.failureExitLines).toEqual([typed.at('proceed(e)')]);
    const koa = span(`
export function f(ctx, next) {
  return tracer.startActiveSpan('f', (span) => {
    try { return next(ctx.state); } finally { span.end(); }
  });
}`);
    expect(koa.failureExitLines).toEqual([]);
    const later = span(`
export function f(req, res, next) {
  const span = tracer.startSpan('f');
  work().catch((e) => next(e));
  span.end();
}`);
    expect(later.failureExitLines).toEqual([]);
    const notExpress = span(`
export function f(a, b, next) {
  const span = tracer.startSpan('f');
  if (!a) next(new Error('a'));
  span.end();
}`);
    expect(notExpress.failureExitLines).toEqual([]);
  });
});
