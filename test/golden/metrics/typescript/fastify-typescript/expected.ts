import type { FastifyInstance } from './fastify.js';
import { HttpError } from './fastify.js';
import { metrics } from '@opentelemetry/api';

const meter = metrics.getMeter('inventory');

const requestDuration = meter.createHistogram('app.inventory.request.duration', {
  unit: 's',
  description: 'Duration of the HTTP requests handled by this module.',
});

const requestCount = meter.createCounter('app.inventory.requests', {
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

// The status Fastify's default error handler sends for an error: its statusCode when it is 4xx/5xx,
// else 500.
function fastifyResponseStatus(err: unknown): number {
  const status =
    typeof err === 'object' && err !== null && 'statusCode' in err ? Number(err.statusCode) : 0;
  return status >= 400 ? status : 500;
}

export interface Inventory {
  find(id: string): Promise<{ id: string; stock: number } | undefined>;
  reserve(id: string, quantity: number): Promise<void>;
}

export default async function inventoryRoutes(app: FastifyInstance, inventory: Inventory): Promise<void> {
  app.get('/inventory/:itemId', async (request, reply) => {
    const requestStart = performance.now();
    // Fastify's matched template (prefixes included; routerPath before 4.10), else the registered route.
    const matchedRoute =
      (request as unknown as { routeOptions?: { url?: unknown } }).routeOptions?.url ??
      (request as unknown as { routerPath?: unknown }).routerPath;
    let thrownStatus = 0;
    try {
      const item = await inventory.find(request.params.itemId ?? '');
      if (!item) {
        return reply.code(404).send({ error: 'not found' });
      }
      return item;
    } catch (err) {
      thrownStatus = fastifyResponseStatus(err);
      throw err;
    } finally {
      // What the client receives: the one Fastify sends for the error (never 0), else the reply's status.
      const status = thrownStatus || reply.statusCode;
      const attributes = requestAttributes(
        'GET',
        typeof matchedRoute === 'string' ? matchedRoute : '/inventory/:itemId',
        status,
      );
      requestDuration.record((performance.now() - requestStart) / 1000, attributes);
      requestCount.add(1, attributes);
    }
  });

  app.post('/inventory/:itemId/reservations', async (request, reply) => {
    const requestStart = performance.now();
    // Fastify's matched template (prefixes included; routerPath before 4.10), else the registered route.
    const matchedRoute =
      (request as unknown as { routeOptions?: { url?: unknown } }).routeOptions?.url ??
      (request as unknown as { routerPath?: unknown }).routerPath;
    let thrownStatus = 0;
    try {
      const { quantity } = request.body as { quantity: number };
      if (quantity <= 0) throw new HttpError(422, 'quantity must be positive');
      await inventory.reserve(request.params.itemId ?? '', quantity);
      reply.code(201);
      return { reserved: quantity };
    } catch (err) {
      thrownStatus = fastifyResponseStatus(err);
      throw err;
    } finally {
      // What the client receives: the one Fastify sends for the error (never 0), else the reply's status.
      const status = thrownStatus || reply.statusCode;
      const attributes = requestAttributes(
        'POST',
        typeof matchedRoute === 'string' ? matchedRoute : '/inventory/:itemId/reservations',
        status,
      );
      requestDuration.record((performance.now() - requestStart) / 1000, attributes);
      requestCount.add(1, attributes);
    }
  });

  app.get('/inventory/:itemId/stock', async (request, reply) => {
    const requestStart = performance.now();
    // Fastify's matched template (prefixes included; routerPath before 4.10), else the registered route.
    const matchedRoute =
      (request as unknown as { routeOptions?: { url?: unknown } }).routeOptions?.url ??
      (request as unknown as { routerPath?: unknown }).routerPath;
    let thrownStatus = 0;
    try {
      return await inventory.find(request.params.itemId ?? '');
    } catch (err) {
      thrownStatus = fastifyResponseStatus(err);
      throw err;
    } finally {
      // What the client receives: the one Fastify sends for the error (never 0), else the reply's status.
      const status = thrownStatus || reply.statusCode;
      const attributes = requestAttributes(
        'GET',
        typeof matchedRoute === 'string' ? matchedRoute : '/inventory/:itemId/stock',
        status,
      );
      requestDuration.record((performance.now() - requestStart) / 1000, attributes);
      requestCount.add(1, attributes);
    }
  });

  app.post('/inventory/:itemId/holds', async (request, reply) => {
    const requestStart = performance.now();
    // Fastify's matched template (prefixes included; routerPath before 4.10), else the registered route.
    const matchedRoute =
      (request as unknown as { routeOptions?: { url?: unknown } }).routeOptions?.url ??
      (request as unknown as { routerPath?: unknown }).routerPath;
    let thrownStatus = 0;
    try {
      reply.code(202);
      return await inventory.reserve(request.params.itemId ?? '', 1);
    } catch (err) {
      thrownStatus = fastifyResponseStatus(err);
      throw err;
    } finally {
      // What the client receives: the one Fastify sends for the error (never 0), else the reply's status.
      const status = thrownStatus || reply.statusCode;
      const attributes = requestAttributes(
        'POST',
        typeof matchedRoute === 'string' ? matchedRoute : '/inventory/:itemId/holds',
        status,
      );
      requestDuration.record((performance.now() - requestStart) / 1000, attributes);
      requestCount.add(1, attributes);
    }
  });
}
