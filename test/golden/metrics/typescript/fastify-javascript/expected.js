import Fastify from 'fastify';
import { metrics } from '@opentelemetry/api';

const meter = metrics.getMeter('orders');

const requestDuration = meter.createHistogram('app.orders.request.duration', {
  unit: 's',
  description: 'Duration of the HTTP requests handled by this module.',
});

const requestCount = meter.createCounter('app.orders.requests', {
  unit: '{request}',
  description: 'HTTP requests handled by this module.',
});

// Read once at load: constant for the life of the process, never per request.
const metricAttributes = {
  environment: process.env.DEPLOYMENT_ENVIRONMENT ?? 'unknown',
  'service.version': process.env.SERVICE_VERSION ?? 'unknown',
};

const app = Fastify();

app.get('/items/:id', async (request, reply) => {
  const requestStart = performance.now();
  // Fastify's matched template (prefixes included; routerPath before 4.10), else the registered route.
  const matchedRoute = request.routeOptions?.url ?? request.routerPath;
  let requestFailed = false;
  let requestError;
  try {
    const item = await request.server.items.get(request.params.id);
    if (!item) return reply.code(404).send();
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
      'http.route': typeof matchedRoute === 'string' ? matchedRoute : '/items/:id',
      'http.response.status_code': status,
      ...(status >= 500 ? { 'error.type': String(status) } : {}),
    };
    requestDuration.record((performance.now() - requestStart) / 1000, attributes);
    requestCount.add(1, attributes);
  }
});

export default app;
