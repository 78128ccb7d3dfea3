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
    const onError = (err: unknown) => {
      // What Koa's default error handler sends: an Error's status (or statusCode) when it is an HTTP
      // status, 404 for ENOENT, else 500.
      const raised =
        err instanceof Error &&
        (('status' in err && err.status) || ('statusCode' in err && err.statusCode));
      thrownStatus =
        err instanceof Error && 'code' in err && err.code === 'ENOENT'
          ? 404
          : typeof raised === 'number' && raised >= 100 && raised <= 599
            ? raised
            : 500;
    };
    const recordRequest = () => {
      // Once the headers are sent, the status cannot change any more.
      const status = thrownStatus && !ctx.headerSent ? thrownStatus : ctx.status;
      const attributes = {
        ...metricAttributes,
        'http.request.method': 'GET',
        'http.route': typeof matchedRoute === 'string' ? matchedRoute : '/items/:id',
        'http.response.status_code': status,
        ...(status >= 500 ? { 'error.type': String(status) } : {}),
      };
      requestDuration.record((performance.now() - requestStart) / 1000, attributes);
      requestCount.add(1, attributes);
    };
    // A returned promise is handed back as one settling the same way, and recorded when it settles.
    let settling = false;
    function whenSettled<T>(value: T): T {
      if (typeof (value as { then?: unknown } | null | undefined)?.then !== 'function') return value;
      settling = true;
      return (value as PromiseLike<unknown>).then(
        (result) => {
          recordRequest();
          return result;
        },
        (err: unknown) => {
          onError(err);
          recordRequest();
          throw err;
        },
      ) as T;
    }
    try {
      const id = ctx.params.id ?? '';
      if (id.length > 8) ctx.throw(400, 'id too long');
      return whenSettled(items.load(id).then((item) => {
        if (!item) ctx.throw(404, 'item not found');
        ctx.body = item;
      }));
    } catch (err) {
      onError(err);
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
    const onError = (err: unknown) => {
      // What Koa's default error handler sends: an Error's status (or statusCode) when it is an HTTP
      // status, 404 for ENOENT, else 500.
      const raised =
        err instanceof Error &&
        (('status' in err && err.status) || ('statusCode' in err && err.statusCode));
      thrownStatus =
        err instanceof Error && 'code' in err && err.code === 'ENOENT'
          ? 404
          : typeof raised === 'number' && raised >= 100 && raised <= 599
            ? raised
            : 500;
    };
    const recordRequest = () => {
      // Once the headers are sent, the status cannot change any more.
      const status = thrownStatus && !ctx.headerSent ? thrownStatus : ctx.status;
      const attributes = {
        ...metricAttributes,
        'http.request.method': 'GET',
        'http.route': typeof matchedRoute === 'string' ? matchedRoute : '/items',
        'http.response.status_code': status,
        ...(status >= 500 ? { 'error.type': String(status) } : {}),
      };
      requestDuration.record((performance.now() - requestStart) / 1000, attributes);
      requestCount.add(1, attributes);
    };
    // A returned promise is handed back as one settling the same way, and recorded when it settles.
    let settling = false;
    function whenSettled<T>(value: T): T {
      if (typeof (value as { then?: unknown } | null | undefined)?.then !== 'function') return value;
      settling = true;
      return (value as PromiseLike<unknown>).then(
        (result) => {
          recordRequest();
          return result;
        },
        (err: unknown) => {
          onError(err);
          recordRequest();
          throw err;
        },
      ) as T;
    }
    try {
      return whenSettled(next());
    } catch (err) {
      onError(err);
      throw err;
    } finally {
      if (!settling) recordRequest();
    }
  });
}
