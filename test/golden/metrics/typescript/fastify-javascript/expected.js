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

// The attributes of one request's measurements: the method (_OTHER outside the HTTP standard), the
// route template (never the raw path), the status the client received (null: the connection closed
// first), and error.type on server errors only.
function requestAttributes(method, route, status) {
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
function fastifyResponseStatus(err) {
  const status =
    typeof err === 'object' && err !== null && 'statusCode' in err ? Number(err.statusCode) : 0;
  return status >= 400 ? status : 500;
}

const app = Fastify();

app.get('/items/:id', async (request, reply) => {
  const requestStart = performance.now();
  // Fastify's matched template (prefixes included; routerPath before 4.10), else the registered route.
  const matchedRoute = request.routeOptions?.url ?? request.routerPath;
  let thrownStatus = 0;
  try {
    const item = await request.server.items.get(request.params.id);
    if (!item) return reply.code(404).send();
    return item;
  } catch (err) {
    thrownStatus = fastifyResponseStatus(err);
    throw err;
  } finally {
    // What the client receives: the one Fastify sends for the error (never 0), else the reply's status.
    const status = thrownStatus || reply.statusCode;
    const attributes = requestAttributes(
      'GET',
      typeof matchedRoute === 'string' ? matchedRoute : '/items/:id',
      status,
    );
    requestDuration.record((performance.now() - requestStart) / 1000, attributes);
    requestCount.add(1, attributes);
  }
});

export default app;
