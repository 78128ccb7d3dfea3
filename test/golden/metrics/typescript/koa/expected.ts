import type Router from '@koa/router';
import type { Context } from 'koa';
import { metrics } from '@opentelemetry/api';

const meter = metrics.getMeter('shop');

const requestDuration = meter.createHistogram('app.shop.request.duration', {
  unit: 's',
  description: 'Duration of the HTTP requests handled by this module.',
});

const requestCount = meter.createCounter('app.shop.requests', {
  unit: '{request}',
  description: 'HTTP requests handled by this module.',
});

// Read once at load: constant for the life of the process, never per request.
const metricAttributes = {
  environment: process.env.DEPLOYMENT_ENVIRONMENT ?? 'unknown',
  'service.version': process.env.SERVICE_VERSION ?? 'unknown',
};

// The attributes of one request's measurements: the method (_OTHER outside the HTTP standard), the
// route template (never the raw path), the status the client received (null: the connection closed
// first), and error.type on server errors only.
function requestAttributes(method: string | undefined, route: string, status: number | null) {
  const standard = ['CONNECT', 'DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT', 'TRACE'];
  return {
    ...metricAttributes,
    'http.request.method': method !== undefined && standard.includes(method) ? method : '_OTHER',
    'http.route': route,
    ...(status === null
      ? { 'error.type': 'aborted' }
      : { 'http.response.status_code': status, ...(status >= 500 ? { 'error.type': String(status) } : {}) }),
  };
}

// The status Koa's default error handler sends for an error: an Error's status (or statusCode) when it
// is an HTTP status, 404 for ENOENT, else 500.
function koaResponseStatus(err: unknown): number {
  const raised =
    err instanceof Error &&
    (('status' in err && err.status) || ('statusCode' in err && err.statusCode));
  return err instanceof Error && 'code' in err && err.code === 'ENOENT'
    ? 404
    : typeof raised === 'number' && raised >= 100 && raised <= 599
      ? raised
      : 500;
}

export interface Order {
  id: string;
  sku: string;
  quantity: number;
}

export interface Orders {
  get(id: string): Promise<Order | undefined>;
  create(input: { sku: string; quantity: number }): Promise<Order>;
  remove(id: string): Promise<boolean>;
}

export function health(ctx: Context): void {
  const requestStart = performance.now();
  // koa-router's matched template (prefixes included), else the registered route.
  const matchedRoute = (ctx as unknown as { _matchedRoute?: unknown })._matchedRoute;
  let thrownStatus = 0;
  try {
    ctx.body = { ok: true };
  } catch (err) {
    thrownStatus = koaResponseStatus(err);
    throw err;
  } finally {
    // Once the headers are sent, the status cannot change any more.
    const status = thrownStatus && !ctx.headerSent ? thrownStatus : ctx.status;
    const attributes = requestAttributes(
      'GET',
      typeof matchedRoute === 'string' ? matchedRoute : '/health',
      status,
    );
    requestDuration.record((performance.now() - requestStart) / 1000, attributes);
    requestCount.add(1, attributes);
  }
}

export default function registerOrderRoutes(router: Router, orders: Orders): void {
  router.get('/orders/:orderId', async (ctx) => {
    const requestStart = performance.now();
    // koa-router's matched template (prefixes included), else the registered route.
    const matchedRoute = (ctx as unknown as { _matchedRoute?: unknown })._matchedRoute;
    let thrownStatus = 0;
    try {
      const order = await orders.get(ctx.params.orderId ?? '');
      if (!order) ctx.throw(404, 'order not found');
      ctx.body = order;
    } catch (err) {
      thrownStatus = koaResponseStatus(err);
      throw err;
    } finally {
      // Once the headers are sent, the status cannot change any more.
      const status = thrownStatus && !ctx.headerSent ? thrownStatus : ctx.status;
      const attributes = requestAttributes(
        'GET',
        typeof matchedRoute === 'string' ? matchedRoute : '/orders/:orderId',
        status,
      );
      requestDuration.record((performance.now() - requestStart) / 1000, attributes);
      requestCount.add(1, attributes);
    }
  });

  router.post('/orders', async (ctx, next) => {
    const requestStart = performance.now();
    // koa-router's matched template (prefixes included), else the registered route.
    const matchedRoute = (ctx as unknown as { _matchedRoute?: unknown })._matchedRoute;
    let thrownStatus = 0;
    try {
      const { sku, quantity } = (ctx.request.body ?? {}) as { sku?: string; quantity?: number };
      if (!sku) {
        ctx.status = 400;
        ctx.body = { error: 'sku is required' };
        return;
      }
      ctx.body = await orders.create({ sku, quantity: quantity ?? 1 });
      ctx.status = 201;
      await next();
    } catch (err) {
      thrownStatus = koaResponseStatus(err);
      throw err;
    } finally {
      // Once the headers are sent, the status cannot change any more.
      const status = thrownStatus && !ctx.headerSent ? thrownStatus : ctx.status;
      const attributes = requestAttributes(
        'POST',
        typeof matchedRoute === 'string' ? matchedRoute : '/orders',
        status,
      );
      requestDuration.record((performance.now() - requestStart) / 1000, attributes);
      requestCount.add(1, attributes);
    }
  });

  router.delete('/orders/:orderId', async (ctx) => {
    const requestStart = performance.now();
    // koa-router's matched template (prefixes included), else the registered route.
    const matchedRoute = (ctx as unknown as { _matchedRoute?: unknown })._matchedRoute;
    let thrownStatus = 0;
    try {
      const removed = await orders.remove(ctx.params.orderId ?? '');
      ctx.status = removed ? 204 : 404;
    } catch (err) {
      thrownStatus = koaResponseStatus(err);
      throw err;
    } finally {
      // Once the headers are sent, the status cannot change any more.
      const status = thrownStatus && !ctx.headerSent ? thrownStatus : ctx.status;
      const attributes = requestAttributes(
        'DELETE',
        typeof matchedRoute === 'string' ? matchedRoute : '/orders/:orderId',
        status,
      );
      requestDuration.record((performance.now() - requestStart) / 1000, attributes);
      requestCount.add(1, attributes);
    }
  });

  router.get('/health', health);
}
