// The golden outputs, type-checked under strict settings and RUN with the real SDK: span names, parent
// and child links, status Error with the original error on failure paths, Unset on success, required
// attributes present and PII absent, and the same values and errors as the uninstrumented input.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { context, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Compiled, compileGoldenTypeScript } from './testing/compile-golden.js';
import { GOLDEN_DIR } from './testing/golden-cases.js';
import { ERROR, OtelHarness, type Outcome, parentOf, spanNamed, UNSET } from './testing/otel-harness.js';

// biome-ignore lint/suspicious/noExplicitAny: modules under test are loaded dynamically, their shapes are the tests' business
type Module = Record<string, any>;

const otel = new OtelHarness();
let compiled: Compiled;
/** Files the tests write (configs to read, receipts to archive). */
const scratch = mkdtempSync(join(tmpdir(), 'otelwright-runtime-'));

beforeAll(() => {
  otel.install();
  compiled = compileGoldenTypeScript();
});
afterAll(async () => {
  await otel.uninstall();
  rmSync(compiled.dir, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
});

async function load(name: string, file = 'expected.js'): Promise<Module> {
  return (await import(pathToFileURL(join(compiled.outDir, name, file)).href)) as Module;
}

async function both(name: string): Promise<{ input: Module; expected: Module }> {
  return { input: await load(name, 'input.js'), expected: await load(name) };
}

const requireGolden = createRequire(join(GOLDEN_DIR, 'index.js'));

/** A span of the instrumented function: a child of the caller, with the required attributes. */
function ownSpan(outcome: Outcome<unknown>, name: string, attributes: Record<string, unknown>): ReadableSpan {
  const span = spanNamed(outcome.spans, name);
  expect(parentOf(span)).toBe(outcome.caller.spanContext().spanId);
  expect(span.attributes).toMatchObject(attributes);
  return span;
}

function succeeded(span: ReadableSpan): void {
  expect(span.status.code).toBe(UNSET);
  expect(span.events.filter((e) => e.name === 'exception')).toEqual([]);
  expect(span.attributes['business.outcome']).toBe('success');
}

function failed(span: ReadableSpan, typeName: string, recorded = true): void {
  expect(span.status).toEqual({ code: ERROR, message: typeName });
  expect(span.events.filter((e) => e.name === 'exception')).toHaveLength(recorded ? 1 : 0);
  expect(span.attributes['business.outcome']).toBeUndefined();
}

/** The instrumented call gives what the original gives: the same value, or an error of the same kind. */
async function sameBehaviour<T>(
  original: () => T | Promise<T>,
  instrumented: () => T | Promise<T>,
): Promise<Outcome<T>> {
  const before = await otel.run(original);
  const after = await otel.run(instrumented);
  expect(after.threw).toBe(before.threw);
  if (before.threw) {
    // Each module defines its own error classes: the same kind means the same class name.
    expect((after.error as Error).constructor.name).toBe((before.error as Error).constructor.name);
    expect((after.error as Error).message).toBe((before.error as Error).message);
  } else {
    expect(after.value).toEqual(before.value);
  }
  return after;
}

describe('golden outputs type-check', () => {
  it('compiles every TypeScript input and expected output under strict settings', () => {
    expect(compiled.diagnostics).toBe('');
  });
});

describe('async-function', () => {
  const orders = new Map([
    ['o1', { id: 'o1', status: 'open', totalMinor: 1200 }],
    ['o2', { id: 'o2', status: 'shipped', totalMinor: 5 }],
  ]);
  const pool = (
    update: () => Promise<{ rows: never[]; rowCount: number }> = async () => ({ rows: [], rowCount: 1 }),
  ) => ({
    query: (sql: string, params: unknown[]) =>
      OtelHarness.dependencySpan('db.query', () =>
        sql.startsWith('update')
          ? update()
          : Promise.resolve({
              rows: orders.has(params[0] as string) ? [orders.get(params[0] as string)] : [],
              rowCount: 1,
            }),
      ),
  });

  it('traces a successful load, with the database span as its child', async () => {
    const { input, expected } = await both('async-function');
    const out = await sameBehaviour(
      () => input.loadOrder(pool(), 'o1'),
      () => expected.loadOrder(pool(), 'o1'),
    );
    const span = ownSpan(out, 'shop.loadOrder', {
      'service.operation': 'load_order',
      'business.entity_id': 'o1',
    });
    succeeded(span);
    expect(parentOf(spanNamed(out.spans, 'db.query'))).toBe(span.spanContext().spanId);
  });

  it('marks a thrown error and rethrows it', async () => {
    const { input, expected } = await both('async-function');
    const out = await sameBehaviour(
      () => input.loadOrder(pool(), 'nope'),
      () => expected.loadOrder(pool(), 'nope'),
    );
    failed(ownSpan(out, 'shop.loadOrder', { 'business.entity_id': 'nope' }), 'OrderNotFoundError');
  });

  it('nests the spans of the functions it calls and awaits a returned promise inside the span', async () => {
    const { input, expected } = await both('async-function');
    const out = await sameBehaviour(
      () => input.cancelOrder(pool(), 'o1', 'r'),
      () => expected.cancelOrder(pool(), 'o1', 'r'),
    );
    const span = ownSpan(out, 'shop.cancelOrder', {
      'service.operation': 'cancel_order',
      'business.entity_id': 'o1',
    });
    succeeded(span);
    expect(parentOf(spanNamed(out.spans, 'shop.loadOrder'))).toBe(span.spanContext().spanId);
  });

  it('records the rejection of the returned promise, passing the same error object on', async () => {
    const { expected } = await both('async-function');
    const boom = new Error('connection reset');
    const out = await otel.run(() =>
      expected.cancelOrder(
        pool(() => Promise.reject(boom)),
        'o1',
        'r',
      ),
    );
    expect(out.error).toBe(boom);
    failed(ownSpan(out, 'shop.cancelOrder', {}), 'Error');
  });

  it('never records a PII parameter', async () => {
    const { input, expected } = await both('async-function');
    const out = await sameBehaviour(
      () => input.ordersForCard(pool(), 'card_42'),
      () => expected.ordersForCard(pool(), 'card_42'),
    );
    const span = ownSpan(out, 'shop.ordersForCard', { 'service.operation': 'orders_for_card' });
    expect(Object.values(span.attributes)).not.toContain('card_42');
  });
});

describe('sync-function', () => {
  const dir = scratch;
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('keeps a synchronous function synchronous', async () => {
    const { input, expected } = await both('sync-function');
    const path = file('config.json', '{"region":"us-east-1"}');
    const value = expected.readConfig(path);
    expect(value).toEqual(input.readConfig(path));
    expect(value).not.toBeInstanceOf(Promise);
  });

  it('traces the success paths and the failure paths', async () => {
    const { input, expected } = await both('sync-function');
    const ok = await sameBehaviour(
      () => input.readConfig(file('a.json', '{}')),
      () => expected.readConfig(file('a.json', '{}')),
    );
    succeeded(ownSpan(ok, 'shop.readConfig', { 'service.operation': 'read_config' }));
    const empty = await sameBehaviour(
      () => input.readConfig(file('b.json', ' ')),
      () => expected.readConfig(file('b.json', ' ')),
    );
    failed(ownSpan(empty, 'shop.readConfig', {}), 'Error');
    const flag = await sameBehaviour(
      () => input.readFlag(file('flag', '2026-01-01')),
      () => expected.readFlag(file('flag', '2026-01-01')),
    );
    succeeded(ownSpan(flag, 'shop.readFlag', { 'service.operation': 'read_flag' }));
    const missing = await otel.run(() => expected.readFlag(join(dir, 'absent')));
    expect((missing.error as NodeJS.ErrnoException).code).toBe('ENOENT');
    failed(ownSpan(missing, 'shop.readFlag', {}), 'Error');
  });
});

describe('arrow-functions', () => {
  const db = (levels: Record<string, number>, count: () => Promise<number> = async () => 2) => ({
    findLevel: (sku: string) => levels[sku],
    updateLevel: async () => OtelHarness.dependencySpan('db.update', () => undefined),
    countReservations: count,
  });

  it('wraps block-bodied and expression-bodied arrows', async () => {
    const { input, expected } = await both('arrow-functions');
    const reserved = await sameBehaviour(
      () => input.reserveStock(db({ a: 5 }), 'a', 2),
      () => expected.reserveStock(db({ a: 5 }), 'a', 2),
    );
    const span = ownSpan(reserved, 'shop.reserveStock', { 'business.entity_id': 'a' });
    succeeded(span);
    expect(parentOf(spanNamed(reserved.spans, 'db.update'))).toBe(span.spanContext().spanId);
    const short = await sameBehaviour(
      () => input.reserveStock(db({ a: 1 }), 'a', 2),
      () => expected.reserveStock(db({ a: 1 }), 'a', 2),
    );
    failed(ownSpan(short, 'shop.reserveStock', {}), 'RangeError');
    const level = await sameBehaviour(
      () => input.findLevel(db({ b: 3 }), 'b'),
      () => expected.findLevel(db({ b: 3 }), 'b'),
    );
    succeeded(
      ownSpan(level, 'shop.findLevel', { 'service.operation': 'find_level', 'business.entity_id': 'b' }),
    );
    expect(expected.findLevel(db({ b: 3 }), 'b')).toBe(3);
  });

  it('passes a rejection through unchanged', async () => {
    const { expected } = await both('arrow-functions');
    const boom = new TypeError('pool closed');
    const out = await otel.run(() =>
      expected.countReservations(
        db({}, () => Promise.reject(boom)),
        'c',
      ),
    );
    expect(out.error).toBe(boom);
    failed(ownSpan(out, 'shop.countReservations', { 'business.entity_id': 'c' }), 'TypeError');
  });
});

describe('class-methods', () => {
  const deps = () => {
    const saved: unknown[] = [];
    const payments = new Map([['p1', { id: 'p1', chargeId: 'ch1', status: 'authorized' }]]);
    return {
      saved,
      gateway: { capture: async () => OtelHarness.dependencySpan('gateway.capture', () => undefined) },
      db: {
        findById: async (id: string) => payments.get(id),
        save: async (p: unknown) => void saved.push(p),
        count: async () => payments.size,
      },
    };
  };

  it('keeps `this` in an instrumented method', async () => {
    const { input, expected } = await both('class-methods');
    const a = deps();
    const b = deps();
    const out = await sameBehaviour(
      () => new input.PaymentService(a.gateway, a.db).capture('p1'),
      () => new expected.PaymentService(b.gateway, b.db).capture('p1'),
    );
    expect(b.saved).toEqual(a.saved);
    const span = ownSpan(out, 'shop.capture', { 'service.operation': 'capture', 'business.entity_id': 'p1' });
    succeeded(span);
    expect(parentOf(spanNamed(out.spans, 'gateway.capture'))).toBe(span.spanContext().spanId);
    const missing = await otel.run(() => new expected.PaymentService(b.gateway, b.db).capture('p9'));
    failed(ownSpan(missing, 'shop.capture', { 'business.entity_id': 'p9' }), 'Error');
  });

  it('instruments a static method', async () => {
    const { input, expected } = await both('class-methods');
    const out = await sameBehaviour(
      () => input.PaymentService.countPayments(deps().db),
      () => expected.PaymentService.countPayments(deps().db),
    );
    succeeded(ownSpan(out, 'shop.countPayments', { 'service.operation': 'count_payments' }));
  });
});

describe('tsx-component', () => {
  it('traces the data loader and leaves the component alone', async () => {
    const { input, expected } = await both('tsx-component');
    const realFetch = globalThis.fetch;
    globalThis.fetch = (async (url: string) =>
      url.includes('/o1/')
        ? new Response(JSON.stringify({ orderId: 'o1', totalMinor: 250 }), { status: 200 })
        : new Response('no', { status: 404 })) as typeof fetch;
    try {
      const ok = await sameBehaviour(
        () => input.loadSummary('http://x', 'o1'),
        () => expected.loadSummary('http://x', 'o1'),
      );
      succeeded(ownSpan(ok, 'shop.loadSummary', { 'business.entity_id': 'o1' }));
      const notFound = await sameBehaviour(
        () => input.loadSummary('http://x', 'o2'),
        () => expected.loadSummary('http://x', 'o2'),
      );
      failed(ownSpan(notFound, 'shop.loadSummary', {}), 'Error');
      const summary = { orderId: 'o1', totalMinor: 250 };
      expect(expected.OrderSummary({ summary })).toBe(input.OrderSummary({ summary }));
    } finally {
      globalThis.fetch = realFetch;
    }
  });
});

describe('template-literal', () => {
  it('leaves multi-line literals byte for byte', async () => {
    const { input, expected } = await both('template-literal');
    const seen: string[] = [];
    const sql = (rows: unknown[]) => ({
      query: async (text: string) => {
        seen.push(text);
        return { rows };
      },
    });
    const out = await sameBehaviour(
      () => input.dailyTotals(sql([{ day: 'd', total: 1 }]), 'm1', 7),
      () => expected.dailyTotals(sql([{ day: 'd', total: 1 }]), 'm1', 7),
    );
    expect(seen[1]).toBe(seen[0]);
    succeeded(ownSpan(out, 'shop.dailyTotals', { 'business.entity_id': 'm1' }));
    const none = await sameBehaviour(
      () => input.dailyTotals(sql([]), 'm1', 7),
      () => expected.dailyTotals(sql([]), 'm1', 7),
    );
    expect((none.error as Error).message).toContain('days:\n  check the merchant id');
    failed(ownSpan(none, 'shop.dailyTotals', {}), 'Error');
  });
});

describe('existing-span-incomplete', () => {
  const carrier = (label: { id: string } | null, status: () => Promise<string> = async () => 'moving') => ({
    createLabel: async () => label,
    getStatus: status,
  });

  it('ends the span on the failure path it used to leak, and records the error', async () => {
    const { input, expected } = await both('existing-span-incomplete');
    const leaked = await otel.run(() => input.shipOrder(carrier(null), 'o1'));
    expect(leaked.spans.map((s) => s.name)).toEqual([]);
    const out = await sameBehaviour(
      () => input.shipOrder(carrier(null), 'o1'),
      () => expected.shipOrder(carrier(null), 'o1'),
    );
    const span = ownSpan(out, 'shop.shipOrder', { 'business.entity_id': 'o1' });
    expect(span.status).toEqual({ code: ERROR, message: 'Error' });
    const ok = await sameBehaviour(
      () => input.shipOrder(carrier({ id: 'l1' }), 'o1'),
      () => expected.shipOrder(carrier({ id: 'l1' }), 'o1'),
    );
    expect(ownSpan(ok, 'shop.shipOrder', {}).status.code).toBe(UNSET);
  });

  it('records a rejection on a span started with startSpan', async () => {
    const { expected } = await both('existing-span-incomplete');
    const boom = new Error('carrier down');
    const out = await otel.run(() =>
      expected.trackParcel(
        carrier(null, () => Promise.reject(boom)),
        'p1',
      ),
    );
    expect(out.error).toBe(boom);
    const span = spanNamed(out.spans, 'shop.trackParcel');
    expect(span.status).toEqual({ code: ERROR, message: 'Error' });
    expect(span.events.map((e) => e.name)).toEqual(['exception']);
  });
});

describe('existing-span-try-finally', () => {
  const orders = new Map([['o1', { id: 'o1', status: 'open' }]]);
  const db = (get: (id: string) => Promise<unknown> = async (id) => orders.get(id)) => ({ get });
  const carrier = (track: () => Promise<string> = async () => 'moving') => ({ track });

  it('records a thrown error inside the try, before its finally ends the span', async () => {
    const { input, expected } = await both('existing-span-try-finally');
    const before = await otel.run(() => input.loadOrder(db(), 'nope'));
    expect(spanNamed(before.spans, 'shop.loadOrder').status.code).toBe(UNSET);
    const out = await sameBehaviour(
      () => input.loadOrder(db(), 'nope'),
      () => expected.loadOrder(db(), 'nope'),
    );
    const span = ownSpan(out, 'shop.loadOrder', { 'business.entity_id': 'nope' });
    expect(span.status).toEqual({ code: ERROR, message: 'OrderNotFoundError' });
    const events = span.events.filter((e) => e.name === 'exception');
    expect(events).toHaveLength(1);
    expect(events[0]?.attributes?.['exception.type']).toBe('OrderNotFoundError');
    expect(span.ended).toBe(true);
  });

  it('records a rejection the same way, and leaves a success Unset', async () => {
    const { input, expected } = await both('existing-span-try-finally');
    const down = new Error('db down');
    const rejected = await otel.run(() =>
      expected.loadOrder(
        db(() => Promise.reject(down)),
        'o1',
      ),
    );
    expect(rejected.error).toBe(down);
    const span = spanNamed(rejected.spans, 'shop.loadOrder');
    expect(span.status).toEqual({ code: ERROR, message: 'Error' });
    expect(span.events.map((e) => e.name)).toEqual(['exception']);
    const ok = await sameBehaviour(
      () => input.loadOrder(db(), 'o1'),
      () => expected.loadOrder(db(), 'o1'),
    );
    const okSpan = ownSpan(ok, 'shop.loadOrder', { 'business.entity_id': 'o1' });
    expect(okSpan.status.code).toBe(UNSET);
    expect(okSpan.events).toEqual([]);
  });

  it('startSpan: awaits the returned promise inside the try, so its rejection is recorded', async () => {
    const { expected } = await both('existing-span-try-finally');
    const lost = new Error('parcel lost');
    const out = await otel.run(() =>
      expected.trackParcel(
        carrier(() => Promise.reject(lost)),
        'p1',
      ),
    );
    expect(out.error).toBe(lost);
    const span = ownSpan(out, 'shop.trackParcel', { 'business.entity_id': 'p1' });
    expect(span.status).toEqual({ code: ERROR, message: 'Error' });
    expect(span.events.map((e) => e.name)).toEqual(['exception']);
    const empty = await otel.run(() => expected.trackParcel(carrier(), ''));
    expect(spanNamed(empty.spans, 'shop.trackParcel').status).toEqual({ code: ERROR, message: 'RangeError' });
  });
});

describe('existing-span-try-catch-finally', () => {
  const db = (get: (id: string) => Promise<unknown> = async () => undefined) => ({ get });

  it('records at the top of a catch that rethrows, keeping what the catch did', async () => {
    const { input, expected } = await both('existing-span-try-catch-finally');
    expected.failures.length = 0;
    const out = await sameBehaviour(
      () => input.loadOrder(db(), 'o9'),
      () => expected.loadOrder(db(), 'o9'),
    );
    const span = ownSpan(out, 'shop.loadOrder', { 'business.entity_id': 'o9' });
    expect(span.status).toEqual({ code: ERROR, message: 'OrderNotFoundError' });
    expect(span.events.map((e) => e.name)).toEqual(['exception']);
    expect(expected.failures).toEqual(['o9']);
  });

  it('gives a catch without a binding one, and rethrows what it threw', async () => {
    const { input, expected } = await both('existing-span-try-catch-finally');
    const carrier = { track: () => Promise.reject(new RangeError('bad id')) };
    const out = await sameBehaviour(
      () => input.trackParcel(carrier, 'p1'),
      () => expected.trackParcel(carrier, 'p1'),
    );
    expect((out.error as Error).name).toBe('TrackingError');
    const span = ownSpan(out, 'shop.trackParcel', { 'business.entity_id': 'p1' });
    expect(span.status).toEqual({ code: ERROR, message: 'RangeError' });
  });

  it('marks the span failed where the catch swallows the error, too', async () => {
    const { input, expected } = await both('existing-span-try-catch-finally');
    const out = await sameBehaviour(
      () => input.findOrder(db(), 'o9'),
      () => expected.findOrder(db(), 'o9'),
    );
    expect(out.value).toBeNull();
    const span = ownSpan(out, 'shop.findOrder', { 'business.entity_id': 'o9' });
    expect(span.status).toEqual({ code: ERROR, message: 'OrderNotFoundError' });
  });
});

describe('existing-span-no-options', () => {
  it('adds the attributes as options and records errors inside the span', async () => {
    const { input, expected } = await both('existing-span-no-options');
    const db = { get: async () => undefined };
    for (const fn of ['loadOrder', 'getOrder']) {
      const out = await sameBehaviour(
        () => input[fn](db, 'o1'),
        () => expected[fn](db, 'o1'),
      );
      const span = ownSpan(out, `shop.${fn}`, { 'business.entity_id': 'o1' });
      expect(span.status).toEqual({ code: ERROR, message: 'Error' });
      expect(span.events.map((e) => e.name)).toEqual(['exception']);
    }
    const lost = new Error('parcel lost');
    const out = await otel.run(() => expected.trackParcel({ track: () => Promise.reject(lost) }, 'p1'));
    expect(out.error).toBe(lost);
    const span = ownSpan(out, 'shop.trackParcel', {
      'service.operation': 'track_parcel',
      'business.entity_id': 'p1',
    });
    expect(span.status).toEqual({ code: ERROR, message: 'Error' });
  });
});

describe('existing-span-attributes', () => {
  it('adds the missing attributes to existing spans', async () => {
    const { expected } = await both('existing-span-attributes');
    const db = { findProduct: async (sku: string) => ({ sku, name: 'n' }), listProducts: async () => [] };
    const product = await otel.run(() => expected.getProduct(db, 's1'));
    ownSpan(product, 'shop.getProduct', { 'service.operation': 'get_product', 'business.entity_id': 's1' });
    const list = await otel.run(() => expected.listProducts(db, 'c'));
    ownSpan(list, 'shop.listProducts', { 'service.operation': 'list_products' });
    const renamed = await otel.run(() => expected.renameProduct(db, 'p1', 'new'));
    ownSpan(renamed, 'shop.renameProduct', {
      'catalog.change': 'rename',
      'service.operation': 'rename_product',
      'business.entity_id': 'p1',
    });
  });
});

describe('name-clash', () => {
  it('gives the span a fresh name and the API an alias', async () => {
    const { input, expected } = await both('name-clash');
    const tracking = {
      events: async () => [
        { at: 10, status: 'a' },
        { at: 25, status: 'b' },
      ],
    };
    const out = await sameBehaviour(
      () => input.transitTime(tracking, 'p1'),
      () => expected.transitTime(tracking, 'p1'),
    );
    expect(out.value).toBe(15);
    succeeded(ownSpan(out, 'shop.transitTime', { 'business.entity_id': 'p1' }));
  });
});

describe('existing-import', () => {
  it('uses the module tracer that exists', async () => {
    const { input, expected } = await both('existing-import');
    const ledger = { post: async () => ({ balanceMinor: 70 }) };
    const out = await sameBehaviour(
      () => input.chargeAccount(ledger, 'a1', 30),
      () => expected.chargeAccount(ledger, 'a1', 30),
    );
    const span = ownSpan(out, 'shop.chargeAccount', { 'business.entity_id': 'a1' });
    expect(span.instrumentationScope.name).toBe('billing');
    const refused = await sameBehaviour(
      () => input.chargeAccount(ledger, 'a1', 0),
      () => expected.chargeAccount(ledger, 'a1', 0),
    );
    failed(ownSpan(refused, 'shop.chargeAccount', {}), 'RangeError');
  });
});

describe('promise-without-async-unsafe', () => {
  it('awaits the promise inside the span (an unsafe rewrite: synchronous throws become rejections)', async () => {
    const { input, expected } = await both('promise-without-async-unsafe');
    const db = { findUser: async (id: string) => (id === 'u1' ? { id, name: 'Ada' } : undefined) };
    const ok = await sameBehaviour(
      () => input.getUser(db, 'u1'),
      () => expected.getUser(db, 'u1'),
    );
    succeeded(ownSpan(ok, 'shop.getUser', { 'business.entity_id': 'u1' }));
    const missing = await sameBehaviour(
      () => input.getUser(db, 'u2'),
      () => expected.getUser(db, 'u2'),
    );
    failed(ownSpan(missing, 'shop.getUser', {}), 'Error');
    expect(() => input.getUser(db, '')).toThrow(TypeError);
    await expect(expected.getUser(db, '')).rejects.toThrow(TypeError);
  });
});

describe('context-parameter', () => {
  it('parents the span on the context it is given', async () => {
    const { expected } = await both('context-parameter');
    const queue = { publish: async () => undefined };
    const job = trace.getTracer('jobs').startSpan('job', {}, ROOT_CONTEXT);
    const jobContext = trace.setSpan(context.active(), job);
    const out = await otel.run(() => expected.publishEvent(jobContext, queue, 'e1', '{}'));
    job.end();
    const span = spanNamed(out.spans, 'shop.publishEvent');
    expect(parentOf(span)).toBe(job.spanContext().spanId);
    expect(span.attributes).toMatchObject({
      'service.operation': 'publish_event',
      'business.entity_id': 'e1',
    });
  });
});

describe('error-type-attribute', () => {
  it('follows the error policy: error.type and status, no exception event', async () => {
    const { input, expected } = await both('error-type-attribute');
    const inventory = { release: async (_sku: string, q: number) => 10 - q };
    const ok = await sameBehaviour(
      () => input.releaseStock(inventory, 's', 2),
      () => expected.releaseStock(inventory, 's', 2),
    );
    const span = ownSpan(ok, 'shop.releaseStock', { 'business.entity_id': 's' });
    expect(span.status.code).toBe(UNSET);
    expect(span.attributes['business.outcome']).toBeUndefined();
    const bad = await sameBehaviour(
      () => input.releaseStock(inventory, 's', 0),
      () => expected.releaseStock(inventory, 's', 0),
    );
    const failedSpan = ownSpan(bad, 'shop.releaseStock', { 'error.type': 'RangeError' });
    expect(failedSpan.status).toEqual({ code: ERROR, message: 'RangeError' });
    expect(failedSpan.events).toEqual([]);
  });
});

describe('JavaScript golden outputs', () => {
  it('CommonJS `exports.x = function`', async () => {
    const input = requireGolden('./commonjs-exports/input.cjs') as Module;
    const expected = requireGolden('./commonjs-exports/expected.cjs') as Module;
    const dir = scratch;
    const out = await sameBehaviour(
      () => input.archiveReceipt(dir, 'p1', 'thanks'),
      () => expected.archiveReceipt(dir, 'p1', 'thanks'),
    );
    succeeded(
      ownSpan(out, 'shop.archiveReceipt', {
        'service.operation': 'archive_receipt',
        'business.entity_id': 'p1',
      }),
    );
    const empty = await sameBehaviour(
      () => input.archiveReceipt(dir, 'p1', ''),
      () => expected.archiveReceipt(dir, 'p1', ''),
    );
    failed(ownSpan(empty, 'shop.archiveReceipt', {}), 'Error');
  });

  it('CommonJS `module.exports = { ... }`', async () => {
    const db = requireGolden('./commonjs-module-exports/db.js') as Module;
    const input = requireGolden('./commonjs-module-exports/input.js') as Module;
    const expected = requireGolden('./commonjs-module-exports/expected.js') as Module;
    const boom = new Error('db down');
    db.query = async (sql: string) => {
      if (sql.startsWith('insert')) throw boom;
      return { rows: [{ id: 'r1' }] };
    };
    const list = await sameBehaviour(
      () => input.listRefunds('p1'),
      () => expected.listRefunds('p1'),
    );
    succeeded(ownSpan(list, 'shop.listRefunds', { 'business.entity_id': 'p1' }));
    const refund = await otel.run(() => expected.refund('p1', 5));
    expect(refund.error).toBe(boom);
    failed(ownSpan(refund, 'shop.refund', { 'service.operation': 'refund' }), 'Error');
  });

  it('ES module JavaScript in the file’s own style', async () => {
    const input = (await import(pathToFileURL(join(GOLDEN_DIR, 'esm-javascript/input.mjs')).href)) as Module;
    const expected = (await import(
      pathToFileURL(join(GOLDEN_DIR, 'esm-javascript/expected.mjs')).href
    )) as Module;
    const http = (statuses: number[]) => ({
      get: async () => ({ status: statuses.shift() ?? 500, data: { eur: 1 } }),
    });
    const ok = await sameBehaviour(
      () => input.fetchRates(http([503, 200]), 'eur'),
      () => expected.fetchRates(http([503, 200]), 'eur'),
    );
    succeeded(ownSpan(ok, 'rates.fetchRates', { 'service.operation': 'fetch_rates' }));
    const down = await sameBehaviour(
      () => input.fetchRates(http([500]), 'eur'),
      () => expected.fetchRates(http([500]), 'eur'),
    );
    failed(ownSpan(down, 'rates.fetchRates', {}), 'Error');
  });

  it('Express handlers: errors handed to next() are recorded on the span', async () => {
    const register = requireGolden('./express-handler/expected.js') as (
      router: unknown,
      orders: unknown,
    ) => void;
    const handlers = new Map<string, (...args: unknown[]) => Promise<unknown>>();
    const router = {
      post: (path: string, h: (...args: unknown[]) => Promise<unknown>) => handlers.set(`POST ${path}`, h),
      get: (path: string, h: (...args: unknown[]) => Promise<unknown>) => handlers.set(`GET ${path}`, h),
    };
    const boom = new Error('store down');
    register(router, {
      create: async (o: object) => ({ id: 'o1', ...o }),
      get: async () => Promise.reject(boom),
    });
    const res = () => {
      const sent: unknown[] = [];
      const record = (value: unknown) => {
        sent.push(value);
        return r;
      };
      const r = { sent, status: record, json: record, sendStatus: record };
      return r;
    };
    const created = res();
    const post = await otel.run(() =>
      handlers.get('POST /orders')?.({ body: { sku: 'a', quantity: 1 } }, created),
    );
    expect(created.sent).toEqual([201, { id: 'o1', sku: 'a', quantity: 1 }]);
    succeeded(ownSpan(post, 'POST /orders', { 'service.operation': 'post_orders' }));
    const nexts: unknown[] = [];
    const get = await otel.run(() =>
      handlers.get('GET /orders/:orderId')?.({ params: { orderId: 'o1' } }, res(), (e: unknown) =>
        nexts.push(e),
      ),
    );
    expect(nexts).toEqual([boom]);
    expect(nexts[0]).toBe(boom);
    const span = ownSpan(get, 'GET /orders/:orderId', {});
    expect(span.status).toEqual({ code: ERROR, message: 'Error' });
    expect(span.events.map((e) => e.name)).toEqual(['exception']);
  });
});

describe('express-next', () => {
  const order = { id: 'o1', item: 'pen', status: 'open' };
  const response = () => {
    const sent: unknown[] = [];
    const r = {
      sent,
      status: (code: number) => {
        sent.push(code);
        return r;
      },
      json: (body: unknown) => {
        sent.push(body);
        return r;
      },
      end: () => r,
    };
    return r;
  };
  /** Calls a controller of input and of expected alike; what reached `next`, and what was sent. */
  async function handle(name: string, req: object, store: Record<string, unknown>) {
    const { input, expected } = await both('express-next');
    const support = await load('express-next', 'support.js');
    Object.assign(support.store, store);
    const run = (m: Module) => {
      const res = response();
      const nexts: unknown[] = [];
      return { res, nexts, call: () => m[name](req, res, (e?: unknown) => nexts.push(e)) };
    };
    const before = run(input);
    const after = run(expected);
    const out = await sameBehaviour(before.call, after.call);
    expect(after.nexts).toEqual(before.nexts);
    expect(after.res.sent).toEqual(before.res.sent);
    return { out, nexts: after.nexts, sent: after.res.sent };
  }

  it('marks the span failed when the caught error is handed to next(err), and hands on the same error', async () => {
    const down = new Error('store down');
    const { out, nexts } = await handle(
      'getOrder',
      { params: { id: 'o1' } },
      { findById: () => Promise.reject(down) },
    );
    expect(nexts).toHaveLength(1);
    expect(nexts[0]).toBe(down);
    const span = ownSpan(out, 'shop.getOrder', { 'service.operation': 'get_order' });
    failed(span, 'Error');
    expect(span.events[0]?.attributes?.['exception.message']).toBe('store down');
  });

  it('keeps the success paths a success: found, and not found', async () => {
    const found = await handle('getOrder', { params: { id: 'o1' } }, { findById: async () => order });
    expect([found.nexts, found.sent]).toEqual([[], [order]]);
    succeeded(ownSpan(found.out, 'shop.getOrder', {}));
    const missing = await handle('getOrder', { params: { id: 'o9' } }, { findById: async () => undefined });
    expect(missing.sent).toEqual([404, { error: 'not found' }]);
    succeeded(ownSpan(missing.out, 'shop.getOrder', {}));
  });

  it('records an error built in the next(...) call once, and hands on that same object', async () => {
    const { out, nexts } = await handle('createOrder', { params: {}, body: {} }, { save: async () => {} });
    expect(nexts).toHaveLength(1);
    expect((nexts[0] as Error).message).toBe('an order needs an id');
    const span = ownSpan(out, 'shop.createOrder', {});
    failed(span, 'HttpError');
    expect(span.events[0]?.attributes?.['exception.type']).toBe('HttpError');
  });

  it('hands off and returns: failed; next("route") is no failure', async () => {
    const down = new Error('store down');
    const failing = await handle(
      'cancelOrder',
      { params: { id: 'o1' } },
      { findById: () => Promise.reject(down) },
    );
    expect(failing.nexts).toEqual([down]);
    failed(ownSpan(failing.out, 'shop.cancelOrder', {}), 'Error');
    const skipped = await handle(
      'cancelOrder',
      { params: { id: 'o9' } },
      { findById: async () => undefined },
    );
    expect(skipped.nexts).toEqual(['route']);
    succeeded(ownSpan(skipped.out, 'shop.cancelOrder', {}));
  });

  it('completes an existing span: next(err) records the error before handing it on', async () => {
    const down = new Error('disk full');
    const { out, nexts } = await handle(
      'updateOrder',
      { params: {}, body: order },
      { save: () => Promise.reject(down) },
    );
    expect(nexts[0]).toBe(down);
    const span = spanNamed(out.spans, 'orders.update');
    expect(span.status).toEqual({ code: ERROR, message: 'Error' });
    expect(span.events.map((e) => e.name)).toEqual(['exception']);
  });
});
