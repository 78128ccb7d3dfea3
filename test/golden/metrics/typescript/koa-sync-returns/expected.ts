import type Router from '@koa/router';
import { metrics } from '@opentelemetry/api';

const meter = metrics.getMeter('catalog');

const requestDuration = meter.createHistogram('app.catalog.request.duration', {
  unit: 's',
  description: 'Duration of the HTTP requests handled by this module.',
});

const requestCount = meter.createCounter('app.catalog.requests', {
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

// A promise a handler returns is handed back as one settling the same way: `onPending` runs at once,
// `onSettled` when it settles (with the rejection, if any). Anything else is returned as it is.
function settled<T>(
  value: T,
  onPending: () => void,
  onSettled: (rejected: boolean, err?: unknown) => void,
): T {
  if (typeof (value as { then?: unknown } | null | undefined)?.then !== 'function') return value;
  onPending();
  return (value as PromiseLike<unknown>).then(
    (result) => {
      onSettled(false);
      return result;
    },
    (err: unknown) => {
      onSettled(true, err);
      throw err;
    },
  ) as T;
}

export interface Item {
  id: string;
  name: string;
}

export interface Items {
  load(id: string): Promise<Item | undefined>;
}

// Koa middleware that is not async: it returns the promise the store or the next middleware returns.
export default function registerItemRoutes(router: Router, items: Items): void {
  router.get('/items/:id', (ctx) => {
    const requestStart = performance.now();
    // koa-router's matched template (prefixes included), else the registered route.
    const matchedRoute = (ctx as unknown as { _matchedRoute?: unknown })._matchedRoute;
    let thrownStatus = 0;
    // A returned promise is recorded when it settles, anything else when the handler returns or throws.
    let settling = false;
    const recordRequest = (rejected = false, err?: unknown) => {
      if (rejected) thrownStatus = koaResponseStatus(err);
      // Once the headers are sent, the status cannot change any more.
      const status = thrownStatus && !ctx.headerSent ? thrownStatus : ctx.status;
      const attributes = requestAttributes(
        'GET',
        typeof matchedRoute === 'string' ? matchedRoute : '/items/:id',
        status,
      );
      requestDuration.record((performance.now() - requestStart) / 1000, attributes);
      requestCount.add(1, attributes);
    };
    try {
      const id = ctx.params.id ?? '';
      if (id.length > 8) ctx.throw(400, 'id too long');
      return settled(items.load(id).then((item) => {
        if (!item) ctx.throw(404, 'item not found');
        ctx.body = item;
      }), () => (settling = true), recordRequest);
    } catch (err) {
      thrownStatus = koaResponseStatus(err);
      throw err;
    } finally {
      if (!settling) recordRequest();
    }
  });

  router.get('/items', (ctx, next) => {
    const requestStart = performance.now();
    // koa-router's matched template (prefixes included), else the registered route.
    const matchedRoute = (ctx as unknown as { _matchedRoute?: unknown })._matchedRoute;
    let thrownStatus = 0;
    // A returned promise is recorded when it settles, anything else when the handler returns or throws.
    let settling = false;
    const recordRequest = (rejected = false, err?: unknown) => {
      if (rejected) thrownStatus = koaResponseStatus(err);
      // Once the headers are sent, the status cannot change any more.
      const status = thrownStatus && !ctx.headerSent ? thrownStatus : ctx.status;
      const attributes = requestAttributes(
        'GET',
        typeof matchedRoute === 'string' ? matchedRoute : '/items',
        status,
      );
      requestDuration.record((performance.now() - requestStart) / 1000, attributes);
      requestCount.add(1, attributes);
    };
    try {
      return settled(next(), () => (settling = true), recordRequest);
    } catch (err) {
      thrownStatus = koaResponseStatus(err);
      throw err;
    } finally {
      if (!settling) recordRequest();
    }
  });
}
