import { Router } from 'express';
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

export const ordersRouter = Router();
const orders = new Map();

ordersRouter.get('/:id', async (req, res) => {
  const requestStart = performance.now();
  let requestRecorded = false;
  // Once: at `finish` the status is the one the client received; `close` first means it was aborted.
  const recordRequest = (completed) => {
    if (requestRecorded) return;
    requestRecorded = true;
    const attributes = requestAttributes('GET', '/api/orders/:id', completed ? res.statusCode : null);
    requestDuration.record((performance.now() - requestStart) / 1000, attributes);
    requestCount.add(1, attributes);
  };
  res.once('finish', () => recordRequest(true));
  res.once('close', () => recordRequest(false));
  const order = orders.get(req.params.id);
  if (!order) {
    res.status(404).json({ error: 'not found' });
    return;
  }
  res.json(order);
});

async function createOrder(req, res) {
  const requestStart = performance.now();
  let requestRecorded = false;
  // Once: at `finish` the status is the one the client received; `close` first means it was aborted.
  const recordRequest = (completed) => {
    if (requestRecorded) return;
    requestRecorded = true;
    const attributes = requestAttributes('POST', '/api/orders', completed ? res.statusCode : null);
    requestDuration.record((performance.now() - requestStart) / 1000, attributes);
    requestCount.add(1, attributes);
  };
  res.once('finish', () => recordRequest(true));
  res.once('close', () => recordRequest(false));
  const order = { id: String(orders.size + 1), ...req.body };
  orders.set(order.id, order);
  res.status(201).json(order);
}

ordersRouter.post('/', createOrder);
