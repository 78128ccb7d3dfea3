// Runtime test: the generated metrics code of the TypeScript golden case, compiled with tsc strict, run
// against a real MeterProvider with a manual reader. Handlers are driven with minimal fake req/res
// objects (an EventEmitter with statusCode) through success, client error, failure and abort.
import { EventEmitter } from 'node:events';
import { copyFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Attributes, metrics } from '@opentelemetry/api';
import { type DataPoint, type Histogram, MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CompiledMetrics, compileMetricsGolden } from './testing/compile-metrics-golden.js';
import { METRICS_GOLDEN_DIR } from './testing/golden-cases.js';

class ManualReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

class FakeResponse extends EventEmitter {
  statusCode = 200;
  private closed = false;
  status(code: number): this {
    this.statusCode = code;
    return this;
  }
  json(_body: unknown): this {
    return this.end();
  }
  sendStatus(code: number): this {
    return this.status(code).end();
  }
  /** What Node's ServerResponse does once the response is written: `finish`, then `close`. */
  end(): this {
    if (this.closed) return this;
    this.emit('finish');
    return this.abort();
  }
  /** The connection closed (the client went away): nothing more is written. */
  abort(): this {
    this.closed = true;
    this.emit('close');
    return this;
  }
}

type Handler = (req: unknown, res: FakeResponse, next: (err?: unknown) => void) => unknown;

const ALLOWED_KEYS = new Set([
  'environment',
  'service.version',
  'http.request.method',
  'http.route',
  'http.response.status_code',
  'error.type',
]);

let compiled: CompiledMetrics;
let releaseSlowOrder: () => void = () => {};
const reader = new ManualReader();
const handlers = new Map<string, Handler>();
const commonJsHandlers = new Map<string, Handler>();
const tracedHandlers = new Map<string, Handler>();
type FastifyHandler = (request: unknown, reply: FakeReply) => Promise<unknown>;
const fastifyHandlers = new Map<string, FastifyHandler>();

class FakeReply {
  statusCode = 200;
  code(status: number): this {
    this.statusCode = status;
    return this;
  }
  send(_payload?: unknown): this {
    return this;
  }
}

beforeAll(async () => {
  compiled = compileMetricsGolden();
  // Instruments are created at module load from the global provider: it must be set before the import.
  metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
  process.env.DEPLOYMENT_ENVIRONMENT = 'test';
  const module = (await import(
    pathToFileURL(join(compiled.outDir, 'express-esm-typescript/expected.js')).href
  )) as { registerOrderRoutes(app: unknown, orders: unknown): void };
  const app = {
    get: (path: string, h: Handler) => handlers.set(`GET ${path}`, h),
    post: (path: string, h: Handler) => handlers.set(`POST ${path}`, h),
  };
  const orders = {
    get: async (id: string) => {
      if (id === 'broken') throw new Error('database down');
      if (id === 'slow') await new Promise<void>((resolve) => (releaseSlowOrder = resolve));
      return id === 'ord-42' ? { id, sku: 'sku-1', quantity: 1 } : undefined;
    },
    create: async (input: { sku: string; quantity: number }) => ({ id: 'ord-43', ...input }),
  };
  module.registerOrderRoutes(app, orders);

  // The CommonJS JavaScript cases run as they are written (copied as .cjs: the repository is ESM).
  for (const [name, into] of [
    ['commonjs-routes-module', commonJsHandlers],
    ['after-span-instrumentation', tracedHandlers],
  ] as const) {
    const cjsPath = join(compiled.dir, `${name}.cjs`);
    copyFileSync(join(METRICS_GOLDEN_DIR, name, 'expected.js'), cjsPath);
    const register = createRequire(import.meta.url)(cjsPath) as (router: unknown, orders: unknown) => void;
    register(
      {
        get: (path: string, h: Handler) => into.set(`GET ${path}`, h),
        post: (path: string, h: Handler) => into.set(`POST ${path}`, h),
      },
      orders,
    );
  }

  const fastify = (await import(
    pathToFileURL(join(compiled.outDir, 'fastify-typescript/expected.js')).href
  )) as { default(app: unknown, inventory: unknown): Promise<void> };
  await fastify.default(
    {
      get: (path: string, h: FastifyHandler) => fastifyHandlers.set(`GET ${path}`, h),
      post: (path: string, h: FastifyHandler) => fastifyHandlers.set(`POST ${path}`, h),
    },
    {
      find: async (id: string) => (id === 'sku-1' ? { id, stock: 3 } : undefined),
      reserve: async (id: string) => {
        if (id === 'sku-broken') throw new Error('database down');
      },
    },
  );
}, 60_000);

afterAll(() => {
  metrics.disable();
  delete process.env.DEPLOYMENT_ENVIRONMENT;
  rmSync(compiled.dir, { recursive: true, force: true });
});

/** Runs a handler like Express: a rejected promise or next(err) ends in the error handler's 500. */
async function drive(
  key: string,
  req: object,
  abortWhileWaiting = false,
  from: Map<string, Handler> = handlers,
): Promise<FakeResponse> {
  const handler = from.get(key);
  if (!handler) throw new Error(`no handler ${key}`);
  const res = new FakeResponse();
  const failed = (err?: unknown) => {
    if (err !== undefined) res.sendStatus(500);
  };
  try {
    const running = handler({ method: key.split(' ')[0], params: {}, body: {}, ...req }, res, failed);
    if (abortWhileWaiting) {
      res.abort();
      releaseSlowOrder();
    }
    await running;
  } catch (err) {
    failed(err);
  }
  return res;
}

/** The data points and unit of one metric, read from the manual reader. */
async function collect(name: string): Promise<{ points: DataPoint<unknown>[]; unit: string | undefined }> {
  const { resourceMetrics } = await reader.collect();
  const metric = resourceMetrics.scopeMetrics
    .flatMap((s) => s.metrics)
    .find((m) => m.descriptor.name === name);
  return { points: (metric?.dataPoints ?? []) as DataPoint<unknown>[], unit: metric?.descriptor.unit };
}

function outcome(a: Attributes): string {
  return `${a['http.request.method']} ${a['http.route']} ${a['http.response.status_code'] ?? '-'} ${a['error.type'] ?? '-'}`;
}

function expectLowCardinality(points: DataPoint<unknown>[], raw: RegExp): void {
  for (const p of points) {
    expect(Object.keys(p.attributes).filter((k) => !ALLOWED_KEYS.has(k))).toEqual([]);
    expect(p.attributes.environment).toBe('test');
    expect(p.attributes['service.version']).toBe('unknown');
    // The route template, never the raw path or the ids in it.
    expect(Object.values(p.attributes).join(' ')).not.toMatch(raw);
  }
}

describe('generated Fastify metrics at run time', () => {
  it('records after the handler settles, with the status sent for returns and for thrown errors', async () => {
    const run = async (key: string, request: object) => {
      const handler = fastifyHandlers.get(key);
      if (!handler) throw new Error(`no handler ${key}`);
      await handler({ method: key.split(' ')[0], params: {}, body: {}, ...request }, new FakeReply()).catch(
        () => undefined,
      );
    };
    await run('GET /inventory/:itemId', { params: { itemId: 'sku-1' } });
    await run('GET /inventory/:itemId', { params: { itemId: 'sku-9' } });
    await run('POST /inventory/:itemId/reservations', { params: { itemId: 'sku-1' }, body: { quantity: 2 } });
    await run('POST /inventory/:itemId/reservations', { params: { itemId: 'sku-1' }, body: { quantity: 0 } });
    await run('POST /inventory/:itemId/reservations', {
      params: { itemId: 'sku-broken' },
      body: { quantity: 1 },
    });

    await run('GET /inventory/:itemId/stock', { params: { itemId: 'sku-1' } });
    // A returned promise that rejects is a failure too (the generated code awaits it inside the try).
    await run('POST /inventory/:itemId/holds', { params: { itemId: 'sku-1' } });
    await run('POST /inventory/:itemId/holds', { params: { itemId: 'sku-broken' } });

    const duration = await collect('app.inventory.request.duration');
    const count = await collect('app.inventory.requests');
    expect(duration.unit).toBe('s');
    const histogramPoints = duration.points as DataPoint<Histogram>[];
    expect(histogramPoints.map((p) => `${outcome(p.attributes)} x${p.value.count}`).sort()).toEqual([
      'GET /inventory/:itemId 200 - x1',
      'GET /inventory/:itemId 404 - x1',
      'GET /inventory/:itemId/stock 200 - x1',
      'POST /inventory/:itemId/holds 202 - x1',
      'POST /inventory/:itemId/holds 500 500 x1',
      'POST /inventory/:itemId/reservations 201 - x1',
      'POST /inventory/:itemId/reservations 422 - x1',
      'POST /inventory/:itemId/reservations 500 500 x1',
    ]);
    const counterPoints = count.points as DataPoint<number>[];
    expect(counterPoints.reduce((sum, p) => sum + p.value, 0)).toBe(8);
    expectLowCardinality([...histogramPoints, ...counterPoints], /sku-/);
  });
});

describe('generated Express metrics at run time', () => {
  it('type-checks under tsc strict against the real @opentelemetry/api', () => {
    expect(compiled.diagnostics).toBe('');
  });

  it('records one duration point and one count per request, with the status the client received', async () => {
    await drive('POST /orders', { body: { sku: 'sku-1', quantity: 2 } });
    await drive('POST /orders', { body: { sku: '', quantity: 0 } });
    await drive('GET /orders/:orderId', { params: { orderId: 'ord-42' } });
    await drive('GET /orders/:orderId', { params: { orderId: 'missing' } });
    await drive('GET /orders/:orderId', { params: { orderId: 'broken' } });
    await drive('GET /health', {});
    await drive('GET /orders/:orderId', { params: { orderId: 'slow' } }, true);

    const duration = await collect('app.orders.request.duration');
    const count = await collect('app.orders.requests');
    expect(duration.unit).toBe('s');
    expect(count.unit).toBe('{request}');
    const histogramPoints = duration.points as DataPoint<Histogram>[];
    expect(histogramPoints.map((p) => `${outcome(p.attributes)} x${p.value.count}`).sort()).toEqual([
      'GET /health 200 - x1',
      'GET /orders/:orderId - aborted x1',
      'GET /orders/:orderId 200 - x1',
      'GET /orders/:orderId 404 - x1',
      'GET /orders/:orderId 500 500 x1',
      'POST /orders 201 - x1',
      'POST /orders 400 - x1',
    ]);
    for (const p of histogramPoints) expect(p.value.sum).toBeGreaterThanOrEqual(0);
    const counterPoints = count.points as DataPoint<number>[];
    expect(counterPoints.reduce((sum, p) => sum + p.value, 0)).toBe(7);
    expectLowCardinality([...histogramPoints, ...counterPoints], /ord-4|missing|broken|slow|sku-1/);
  });
});

describe('generated CommonJS Express metrics at run time', () => {
  it.each([
    ['without spans', commonJsHandlers, 'app.carts'],
    ['around the spans the instrument pass added', tracedHandlers, 'app.traced'],
  ])('records the status of each request, including a 500 from next(err), %s', async (_, from, prefix) => {
    await drive('POST /orders', { body: { sku: 'sku-1', quantity: 1 } }, false, from);
    await drive('GET /orders/:orderId', { params: { orderId: 'missing' } }, false, from);
    await drive('GET /orders/:orderId', { params: { orderId: 'broken' } }, false, from);

    const duration = await collect(`${prefix}.request.duration`);
    const count = await collect(`${prefix}.requests`);
    const histogramPoints = duration.points as DataPoint<Histogram>[];
    expect(histogramPoints.map((p) => `${outcome(p.attributes)} x${p.value.count}`).sort()).toEqual([
      'GET /orders/:orderId 404 - x1',
      'GET /orders/:orderId 500 500 x1',
      'POST /orders 201 - x1',
    ]);
    expect((count.points as DataPoint<number>[]).reduce((sum, p) => sum + p.value, 0)).toBe(3);
    expectLowCardinality(count.points, /missing|broken|sku-1/);
  });
});
