// Runtime test: the generated metrics code of the TypeScript golden cases, compiled with tsc strict, run
// against a real MeterProvider with a manual reader. Handlers are driven with minimal fake req/res
// objects (an EventEmitter with statusCode) through success, client error, failure and abort. Koa, NestJS
// and Next.js are not installed: their documented contracts are simulated (see frameworks.ts), and each
// recorded status must be the one the simulated framework sends.
import { EventEmitter } from 'node:events';
import { copyFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Attributes, metrics } from '@opentelemetry/api';
import { type DataPoint, type Histogram, MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CompiledMetrics, compileMetricsGolden } from './testing/compile-metrics-golden.js';
import {
  type ApiResponse,
  KoaContext,
  type NestRoute,
  runApiRoute,
  runKoa,
  runNest,
  runNextRoute,
} from './testing/frameworks.js';
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

type KoaHandler = (ctx: KoaContext, next: () => Promise<unknown>) => unknown;
const koaRoutes = new Map<string, KoaHandler[]>();
type Order = { id: string; sku: string; quantity: number };
interface Store<T> {
  store: T;
}
let nest: { controller: object; routes: Map<string, NestRoute> };
type AppRouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => unknown;
let appRoutes: Record<string, AppRouteHandler>;
let appStore: Store<{
  find(id: string): Promise<Order | undefined>;
  update(id: string, changes: { quantity?: number }): Promise<Order | undefined>;
}>;
let apiRoute: {
  default: (req: unknown, res: ApiResponse) => unknown;
  orders: { find(id: string): Promise<Order | undefined>; remove(id: string): Promise<void> };
};

// The Koa, NestJS and Next.js cases, loaded once the global meter provider is set.
beforeAll(async () => {
  const load = async <T>(path: string) =>
    (await import(pathToFileURL(join(compiled.outDir, path)).href)) as T;
  const koa = await load<{ default(router: unknown, orders: unknown): void }>('koa/expected.js');
  const register =
    (method: string) =>
    (path: string, ...middleware: KoaHandler[]) =>
      koaRoutes.set(`${method} ${path}`, middleware);
  koa.default(
    { get: register('GET'), post: register('POST'), delete: register('DELETE') },
    {
      get: async (id: string) => {
        if (id === 'broken') throw new Error('database down');
        if (id === 'archived') throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
        return id === 'ord-1' ? { id, sku: 'sku-1', quantity: 1 } : undefined;
      },
      create: async (input: { sku: string; quantity: number }) => ({ id: 'ord-2', ...input }),
      remove: async (id: string) => id === 'ord-1',
    },
  );

  const nestModule = await load<{ OrdersController: new (orders: unknown) => object }>('nestjs/expected.js');
  const decorators = await load<{
    routesOf: Map<object, { prefix: string; routes: Map<string, NestRoute> }>;
  }>('nestjs/nest.js');
  const recorded = decorators.routesOf.get(nestModule.OrdersController);
  if (!recorded) throw new Error('the NestJS decorators recorded no routes');
  nest = {
    controller: new nestModule.OrdersController({
      find: async (id: string) => (id === 'ord-1' ? { id, sku: 'sku-1', quantity: 1 } : undefined),
      create: async (input: { sku: string; quantity: number }) => {
        if (input.sku === 'sku-taken') throw Object.assign(new Error('sku taken'), { statusCode: 409 });
        if (input.sku === 'sku-broken') throw new Error('database down');
        return { id: 'ord-2', ...input };
      },
      remove: async (id: string) => id === 'ord-1',
      count: () => 1,
    }),
    routes: new Map([...recorded.routes.values()].map((r) => [`${r.method} ${r.path}`, r])),
  };

  appRoutes = await load<Record<string, AppRouteHandler>>('nextjs-app-router/expected.js');
  appStore = (await load<{ orders: typeof appStore }>('nextjs-app-router/store.js')).orders;
  appStore.store = {
    find: async (id) => {
      if (id === 'broken') throw new Error('database down');
      return id === 'ord-1' ? { id, sku: 'sku-1', quantity: 1 } : undefined;
    },
    update: async (id, changes) =>
      id === 'ord-1' ? { id, sku: 'sku-1', quantity: changes.quantity ?? 1 } : undefined,
  };

  apiRoute = await load<typeof apiRoute>('nextjs-pages-api/expected.js');
  apiRoute.orders.find = async (id) => (id === 'ord-1' ? { id, sku: 'sku-1', quantity: 1 } : undefined);
  apiRoute.orders.remove = async (id) => {
    if (id === 'broken') throw new Error('database down');
  };
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
    // The template Fastify matched, prefixes included: `request.routeOptions.url` (4.10+), else the
    // deprecated `request.routerPath`; neither (the runs above) or no string: the registered route.
    await run('GET /inventory/:itemId', {
      params: { itemId: 'sku-1' },
      routeOptions: { url: '/v2/inventory/:itemId', method: 'GET' },
      routerPath: '/ignored/:itemId',
    });
    await run('GET /inventory/:itemId', { params: { itemId: 'sku-1' }, routerPath: '/v1/inventory/:itemId' });
    await run('GET /inventory/:itemId', { params: { itemId: 'sku-1' }, routeOptions: { url: undefined } });

    const duration = await collect('app.inventory.request.duration');
    const count = await collect('app.inventory.requests');
    expect(duration.unit).toBe('s');
    const histogramPoints = duration.points as DataPoint<Histogram>[];
    expect(histogramPoints.map((p) => `${outcome(p.attributes)} x${p.value.count}`).sort()).toEqual(
      [
        'GET /inventory/:itemId 200 - x2',
        'GET /inventory/:itemId 404 - x1',
        'GET /inventory/:itemId/stock 200 - x1',
        'POST /inventory/:itemId/holds 202 - x1',
        'POST /inventory/:itemId/holds 500 500 x1',
        'POST /inventory/:itemId/reservations 201 - x1',
        'POST /inventory/:itemId/reservations 422 - x1',
        'POST /inventory/:itemId/reservations 500 500 x1',
        'GET /v1/inventory/:itemId 200 - x1',
        'GET /v2/inventory/:itemId 200 - x1',
      ].sort(),
    );
    const counterPoints = count.points as DataPoint<number>[];
    expect(counterPoints.reduce((sum, p) => sum + p.value, 0)).toBe(11);
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

/** Each request's `METHOD route status`, as sent, must match the points recorded, one per request. */
async function expectRecorded(prefix: string, sent: string[], raw: RegExp): Promise<void> {
  const duration = await collect(`${prefix}.request.duration`);
  const count = await collect(`${prefix}.requests`);
  expect(duration.unit).toBe('s');
  const histogramPoints = duration.points as DataPoint<Histogram>[];
  const counterPoints = count.points as DataPoint<number>[];
  const tally = (lines: string[]) =>
    [...lines.reduce((m, l) => m.set(l, (m.get(l) ?? 0) + 1), new Map<string, number>())]
      .map(([l, n]) => `${l} x${n}`)
      .sort();
  const expected = tally(
    sent.map((line) => {
      const status = Number(line.split(' ')[2]);
      return `${line} ${status >= 500 ? status : '-'}`;
    }),
  );
  expect(histogramPoints.flatMap((p) => Array(p.value.count).fill(outcome(p.attributes))).length).toBe(
    sent.length,
  );
  expect(
    tally(histogramPoints.flatMap((p) => Array<string>(p.value.count).fill(outcome(p.attributes)))),
  ).toEqual(expected);
  for (const p of histogramPoints) expect(p.value.sum).toBeGreaterThanOrEqual(0);
  expect(counterPoints.reduce((sum, p) => sum + p.value, 0)).toBe(sent.length);
  expectLowCardinality([...histogramPoints, ...counterPoints], raw);
}

describe('generated Koa metrics at run time (Koa simulated)', () => {
  it("records the status Koa sends: ctx.status, or its default error handler's for a throw", async () => {
    const sent: string[] = [];
    const run = async (key: string, ctx: KoaContext) => {
      const middleware = koaRoutes.get(key);
      if (!middleware) throw new Error(`no Koa route ${key}`);
      const status = await runKoa([...middleware, async () => undefined], ctx);
      sent.push(`${key} ${status}`);
    };
    await run('GET /orders/:orderId', new KoaContext('GET', { orderId: 'ord-1' }));
    await run('GET /orders/:orderId', new KoaContext('GET', { orderId: 'ord-9' }));
    await run('GET /orders/:orderId', new KoaContext('GET', { orderId: 'broken' }));
    await run('GET /orders/:orderId', new KoaContext('GET', { orderId: 'archived' }));
    await run('POST /orders', new KoaContext('POST', {}, { sku: 'sku-1', quantity: 2 }));
    await run('POST /orders', new KoaContext('POST', {}, {}));
    await run('DELETE /orders/:orderId', new KoaContext('DELETE', { orderId: 'ord-1' }));
    await run('DELETE /orders/:orderId', new KoaContext('DELETE', { orderId: 'ord-9' }));
    await run('GET /health', new KoaContext('GET'));
    // koa-router's matched template (a nested router's, prefixes included); a RegExp path (no template
    // string) falls back to the registered route.
    const matched = (ctx: KoaContext, route: unknown) => Object.assign(ctx, { _matchedRoute: route });
    await run(
      'GET /orders/:orderId',
      matched(new KoaContext('GET', { orderId: 'ord-1' }), '/api/v1/orders/:orderId'),
    );
    await run('GET /health', matched(new KoaContext('GET'), /^\/health$/));

    expect(sent).toEqual([
      'GET /orders/:orderId 200',
      'GET /orders/:orderId 404',
      'GET /orders/:orderId 500',
      'GET /orders/:orderId 404',
      'POST /orders 201',
      'POST /orders 400',
      'DELETE /orders/:orderId 204',
      'DELETE /orders/:orderId 404',
      'GET /health 200',
      'GET /orders/:orderId 200',
      'GET /health 200',
    ]);
    await expectRecorded(
      'app.shop',
      sent.map((line, i) => (i === 9 ? 'GET /api/v1/orders/:orderId 200' : line)),
      /ord-|sku-|broken|archived/,
    );
  });
});

describe('generated NestJS metrics at run time (Nest router and exception filter simulated)', () => {
  it('records the route status or the exception filter status, with the controller prefix in http.route', async () => {
    const sent: string[] = [];
    const run = async (key: string, request: { params?: Record<string, string>; body?: unknown }) => {
      const route = nest.routes.get(key);
      if (!route) throw new Error(`no Nest route ${key}`);
      const status = await runNest(nest.controller, route, request);
      sent.push(`${route.method} ${`/orders/${route.path}`.replace(/\/$/, '')} ${status}`);
    };
    await run('GET :id', { params: { id: 'ord-1' } });
    await run('GET :id', { params: { id: 'ord-9' } });
    await run('POST ', { body: { sku: 'sku-1', quantity: 1 } });
    await run('POST ', { body: { sku: 'sku-1', quantity: 0 } });
    await run('POST ', { body: { sku: 'sku-taken', quantity: 1 } });
    await run('POST ', { body: { sku: 'sku-broken', quantity: 1 } });
    await run('DELETE :id', { params: { id: 'ord-1' } });
    await run('DELETE :id', { params: { id: 'ord-9' } });
    await run('GET stats/count', {});

    expect(sent).toEqual([
      'GET /orders/:id 200',
      'GET /orders/:id 404',
      'POST /orders 201',
      'POST /orders 400',
      'POST /orders 409',
      'POST /orders 500',
      'DELETE /orders/:id 204',
      'DELETE /orders/:id 404',
      'GET /orders/stats/count 200',
    ]);
    await expectRecorded('app.billing', sent, /ord-|sku-/);
  });
});

describe('generated Next.js App Router metrics at run time (route module simulated)', () => {
  it("records the returned Response's status, redirect()/notFound()'s, or 500 for a throw", async () => {
    const sent: string[] = [];
    const run = async (method: string, id: string, body?: unknown) => {
      const handler = appRoutes[method];
      if (!handler) throw new Error(`no ${method} export`);
      const request = new Request(`http://localhost/api/orders/${id}`, {
        method,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      sent.push(`${method} /api/orders/[id] ${await runNextRoute(handler, request, { id })}`);
    };
    await run('GET', 'ord-1');
    await run('GET', 'ord-9');
    await run('GET', 'latest');
    await run('GET', 'broken');
    await run('PATCH', 'ord-1', { quantity: 3 });
    await run('PATCH', 'ord-1', { quantity: 0 });
    await run('PATCH', 'ord-9', { quantity: 1 });
    await run('OPTIONS', 'ord-1');

    expect(sent).toEqual([
      'GET /api/orders/[id] 200',
      'GET /api/orders/[id] 404',
      'GET /api/orders/[id] 307',
      'GET /api/orders/[id] 500',
      'PATCH /api/orders/[id] 200',
      'PATCH /api/orders/[id] 422',
      'PATCH /api/orders/[id] 404',
      'OPTIONS /api/orders/[id] 204',
    ]);
    await expectRecorded('app.storefront', sent, /ord-|latest|broken/);
  });

  it('returns the very Response the handler built', async () => {
    const response = await (appRoutes.PATCH as AppRouteHandler)(
      new Request('http://localhost/api/orders/ord-1', { method: 'PATCH', body: '{}' }),
      { params: Promise.resolve({ id: 'ord-1' }) },
    );
    expect(response).toBeInstanceOf(Response);
    expect((response as Response).headers.get('cache-control')).toBe('no-store');
    expect(await (response as Response).json()).toEqual({ id: 'ord-1', sku: 'sku-1', quantity: 1 });
  });
});

describe('generated Next.js Pages Router API metrics at run time (apiResolver simulated)', () => {
  it("records res.statusCode at finish, Next's 500 for a throw included", async () => {
    const sent: string[] = [];
    const run = async (method: string, id: string) => {
      const status = await runApiRoute(apiRoute.default, { method, query: { id } });
      sent.push(`${method} /api/orders/[id] ${status}`);
    };
    await run('GET', 'ord-1');
    await run('GET', 'ord-9');
    await run('DELETE', 'ord-1');
    await run('DELETE', 'broken');
    await run('PUT', 'ord-1');

    expect(sent).toEqual([
      'GET /api/orders/[id] 200',
      'GET /api/orders/[id] 404',
      'DELETE /api/orders/[id] 204',
      'DELETE /api/orders/[id] 500',
      'PUT /api/orders/[id] 405',
    ]);
    await expectRecorded('app.backoffice', sent, /ord-|broken/);
  });
});

type Cat = { name: string; age: number };

describe('generated NestJS metrics on methods that are not async (the shapes Nest CLI generates)', () => {
  let controller: Record<string, (...args: unknown[]) => unknown>;
  let routes: Map<string, NestRoute>;
  let HttpException: new (message: string, status: number) => Error;
  const cats: Cat[] = [{ name: 'tom', age: 3 }];
  const recent: Cat[] = [{ name: 'kit', age: 1 }];
  let releaseAll: (list: Cat[]) => void = () => {};
  const broken = new Error('database down');

  beforeAll(async () => {
    const load = async <T>(path: string) =>
      (await import(pathToFileURL(join(compiled.outDir, path)).href)) as T;
    const module = await load<{ CatsController: new (service: unknown) => object }>(
      'nestjs-sync-returns/expected.js',
    );
    const decorators = await load<{
      routesOf: Map<object, { prefix: string; routes: Map<string, NestRoute> }>;
      HttpException: typeof HttpException;
    }>('nestjs-sync-returns/nest.js');
    HttpException = decorators.HttpException;
    const recorded = decorators.routesOf.get(module.CatsController);
    if (!recorded) throw new Error('the NestJS decorators recorded no routes');
    routes = new Map([...recorded.routes.values()].map((r) => [`${r.method} ${r.path}`, r]));
    controller = new module.CatsController({
      findAll: () => new Promise<Cat[]>((resolve) => (releaseAll = resolve)),
      cached: () => cats,
      findOne: async (name: string) => {
        if (name === 'broken') throw broken;
        return cats.find((c) => c.name === name);
      },
      recent: () => recent,
      create: async (cat: Cat) => {
        if (cat.name === 'taken') throw Object.assign(new Error('name taken'), { statusCode: 409 });
        return cat;
      },
    }) as typeof controller;
  });

  const pointsFor = async (route: string) =>
    ((await collect('app.cats.request.duration')).points as DataPoint<Histogram>[])
      .filter((p) => p.attributes['http.route'] === route)
      .reduce((n, p) => n + p.value.count, 0);

  it('keeps what each method returns and records once, when a returned promise settles', async () => {
    const sent: string[] = [];
    // A sync value: the very same array, recorded before the method returns.
    expect(controller.cached?.()).toBe(cats);
    expect(await pointsFor('/cats/cached')).toBe(1);
    sent.push('GET /cats/cached 200');
    expect(controller.recent?.()).toBe(recent);
    sent.push('GET /cats/recent 200');

    // A promise: still a promise (the method stays sync), recorded only once it resolves, with its value.
    const pending = controller.findAll?.();
    expect(pending).toBeInstanceOf(Promise);
    expect(await pointsFor('/cats')).toBe(0);
    const list: Cat[] = [];
    releaseAll(list);
    expect(await pending).toBe(list);
    expect(await pointsFor('/cats')).toBe(1);
    sent.push('GET /cats 200');

    // A rejected promise: the same error, the status Nest's exception filter sends for it.
    await expect(controller.findOne?.('broken')).rejects.toBe(broken);
    sent.push('GET /cats/:name 500');
    // A sync throw: thrown as it was, recorded before it leaves the method.
    expect(() => controller.findOne?.('a-name-longer-than-twenty')).toThrow(HttpException);
    expect(await pointsFor('/cats/:name')).toBe(2);
    sent.push('GET /cats/:name 400');

    // Through the simulated router: a resolved cat, a rejection from the service's then, @HttpCode.
    const run = async (key: string, request: { params?: Record<string, string>; body?: unknown }) => {
      const route = routes.get(key);
      if (!route) throw new Error(`no Nest route ${key}`);
      const status = await runNest(controller, route, request);
      sent.push(`${route.method} ${`/cats/${route.path}`.replace(/\/$/, '')} ${status}`);
    };
    await run('GET :name', { params: { name: 'tom' } });
    await run('GET :name', { params: { name: 'ghost' } });
    await run('POST ', { body: { name: 'kit', age: 1 } });
    await run('POST ', { body: { name: 'taken', age: 1 } });
    await run('GET names/count', {});
    expect(sent.slice(-5)).toEqual([
      'GET /cats/:name 200',
      'GET /cats/:name 404',
      'POST /cats 202',
      'POST /cats 409',
      'GET /cats/names/count 200',
    ]);
    await expectRecorded('app.cats', sent, /tom|ghost|kit|taken|broken/);
  });
});

describe('generated Koa metrics on middleware that is not async (Koa simulated)', () => {
  const itemRoutes = async (load: (id: string) => Promise<unknown>) => {
    const module = (await import(
      pathToFileURL(join(compiled.outDir, 'koa-sync-returns/expected.js')).href
    )) as { default(router: unknown, items: unknown): void };
    const routes = new Map<string, KoaHandler[]>();
    module.default(
      { get: (path: string, ...middleware: KoaHandler[]) => routes.set(`GET ${path}`, middleware) },
      { load },
    );
    return routes;
  };

  it('records when the promise the middleware returns settles, and sync throws at once', async () => {
    const routes = await itemRoutes(async (id: string) => {
      if (id === 'broken') throw new Error('database down');
      return id === 'item-1' ? { id, name: 'lamp' } : undefined;
    });
    const sent: string[] = [];
    const run = async (key: string, ctx: KoaContext, last: KoaHandler = async () => undefined) => {
      const middleware = routes.get(key);
      if (!middleware) throw new Error(`no Koa route ${key}`);
      sent.push(`${key} ${await runKoa([...middleware, last], ctx)}`);
    };
    await run('GET /items/:id', new KoaContext('GET', { id: 'item-1' }));
    await run('GET /items/:id', new KoaContext('GET', { id: 'item-9' }));
    await run('GET /items/:id', new KoaContext('GET', { id: 'broken' }));
    await run('GET /items/:id', new KoaContext('GET', { id: 'much-too-long' }));
    await run('GET /items', new KoaContext('GET'), async (ctx) => {
      ctx.body = [];
    });
    await run('GET /items', new KoaContext('GET'), async () => {
      throw new Error('downstream failed');
    });

    expect(sent).toEqual([
      'GET /items/:id 200',
      'GET /items/:id 404',
      'GET /items/:id 500',
      'GET /items/:id 400',
      'GET /items 200',
      'GET /items 500',
    ]);
    await expectRecorded('app.catalog', sent, /item-|broken|much-too-long/);
  });

  it('hands back the same value a sync middleware returned, not a promise', async () => {
    const routes = await itemRoutes(async () => undefined);
    const value = { not: 'a promise' };
    const [items] = routes.get('GET /items') ?? [];
    expect(items?.(new KoaContext('GET'), (() => value) as unknown as () => Promise<unknown>)).toBe(value);
  });
});

describe('generated Express metrics inside the handlers factories return', () => {
  it('records each request where the returned handler serves it, with the route it was registered at', async () => {
    const module = (await import(
      pathToFileURL(join(compiled.outDir, 'express-handler-factory/expected.js')).href
    )) as { registerOrderRoutes(app: unknown, orders: unknown): void };
    const routes = new Map<string, Handler>();
    module.registerOrderRoutes(
      {
        get: (path: string, h: Handler) => routes.set(`GET ${path}`, h),
        post: (path: string, h: Handler) => routes.set(`POST ${path}`, h),
      },
      {
        get: async (id: string) => {
          if (id === 'broken') throw new Error('database down');
          return id === 'ord-1' ? { id, sku: 'sku-1', quantity: 1 } : undefined;
        },
        create: async (input: { sku: string; quantity: number }) => ({ id: 'ord-2', ...input }),
      },
    );
    const sent: string[] = [];
    const run = async (key: string, req: object) => {
      const res = await drive(key, req, false, routes);
      sent.push(`${key} ${res.statusCode}`);
    };
    await run('GET /orders/:orderId', { params: { orderId: 'ord-1' } });
    await run('GET /orders/:orderId', { params: { orderId: 'ord-9' } });
    await run('GET /orders/:orderId', { params: { orderId: 'broken' } });
    await run('POST /orders', { body: { sku: 'sku-1', quantity: 2 } });
    await run('POST /orders', { body: { sku: 'sku-1', quantity: 11 } });
    expect(sent).toEqual([
      'GET /orders/:orderId 200',
      'GET /orders/:orderId 404',
      'GET /orders/:orderId 500',
      'POST /orders 201',
      'POST /orders 400',
    ]);
    await expectRecorded('app.factories', sent, /ord-|sku-|broken/);
  });
});
