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
    let requestFailed = false;
    let requestError: unknown;
    try {
      const item = await inventory.find(request.params.itemId ?? '');
      if (!item) {
        return reply.code(404).send({ error: 'not found' });
      }
      return item;
    } catch (err) {
      requestFailed = true;
      requestError = err;
      throw err;
    } finally {
      // What the client receives: the reply's status, or the one Fastify sends for the error.
      const thrownStatus =
        typeof requestError === 'object' && requestError !== null && 'statusCode' in requestError
          ? Number(requestError.statusCode)
          : 0;
      const status = requestFailed ? (thrownStatus >= 400 ? thrownStatus : 500) : reply.statusCode;
      const attributes = {
        ...metricAttributes,
        'http.request.method': 'GET',
        'http.route': typeof matchedRoute === 'string' ? matchedRoute : '/inventory/:itemId',
        'http.response.status_code': status,
        ...(status >= 500 ? { 'error.type': String(status) } : {}),
      };
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
    let requestFailed = false;
    let requestError: unknown;
    try {
      const { quantity } = request.body as { quantity: number };
      if (quantity <= 0) throw new HttpError(422, 'quantity must be positive');
      await inventory.reserve(request.params.itemId ?? '', quantity);
      reply.code(201);
      return { reserved: quantity };
    } catch (err) {
      requestFailed = true;
      requestError = err;
      throw err;
    } finally {
      // What the client receives: the reply's status, or the one Fastify sends for the error.
      const thrownStatus =
        typeof requestError === 'object' && requestError !== null && 'statusCode' in requestError
          ? Number(requestError.statusCode)
          : 0;
      const status = requestFailed ? (thrownStatus >= 400 ? thrownStatus : 500) : reply.statusCode;
      const attributes = {
        ...metricAttributes,
        'http.request.method': 'POST',
        'http.route': typeof matchedRoute === 'string' ? matchedRoute : '/inventory/:itemId/reservations',
        'http.response.status_code': status,
        ...(status >= 500 ? { 'error.type': String(status) } : {}),
      };
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
    let requestFailed = false;
    let requestError: unknown;
    try {
      return await inventory.find(request.params.itemId ?? '');
    } catch (err) {
      requestFailed = true;
      requestError = err;
      throw err;
    } finally {
      // What the client receives: the reply's status, or the one Fastify sends for the error.
      const thrownStatus =
        typeof requestError === 'object' && requestError !== null && 'statusCode' in requestError
          ? Number(requestError.statusCode)
          : 0;
      const status = requestFailed ? (thrownStatus >= 400 ? thrownStatus : 500) : reply.statusCode;
      const attributes = {
        ...metricAttributes,
        'http.request.method': 'GET',
        'http.route': typeof matchedRoute === 'string' ? matchedRoute : '/inventory/:itemId/stock',
        'http.response.status_code': status,
        ...(status >= 500 ? { 'error.type': String(status) } : {}),
      };
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
    let requestFailed = false;
    let requestError: unknown;
    try {
      reply.code(202);
      return await inventory.reserve(request.params.itemId ?? '', 1);
    } catch (err) {
      requestFailed = true;
      requestError = err;
      throw err;
    } finally {
      // What the client receives: the reply's status, or the one Fastify sends for the error.
      const thrownStatus =
        typeof requestError === 'object' && requestError !== null && 'statusCode' in requestError
          ? Number(requestError.statusCode)
          : 0;
      const status = requestFailed ? (thrownStatus >= 400 ? thrownStatus : 500) : reply.statusCode;
      const attributes = {
        ...metricAttributes,
        'http.request.method': 'POST',
        'http.route': typeof matchedRoute === 'string' ? matchedRoute : '/inventory/:itemId/holds',
        'http.response.status_code': status,
        ...(status >= 500 ? { 'error.type': String(status) } : {}),
      };
      requestDuration.record((performance.now() - requestStart) / 1000, attributes);
      requestCount.add(1, attributes);
    }
  });
}
