import type { App, Next, OrderStore, Request, Response } from './http.js';
import { metrics } from '@opentelemetry/api';

const meter = metrics.getMeter('factories');

const requestDuration = meter.createHistogram('app.factories.request.duration', {
  unit: 's',
  description: 'Duration of the HTTP requests handled by this module.',
});

const requestCount = meter.createCounter('app.factories.requests', {
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

// Handler factories: each returns the handler, closing over what it is given.
export const getOrder = (orders: OrderStore) => async (req: Request, res: Response, next: Next) => {
  const requestStart = performance.now();
  let requestRecorded = false;
  // Once: at `finish` the status is the one the client received; `close` first means it was aborted.
  const recordRequest = (completed: boolean) => {
    if (requestRecorded) return;
    requestRecorded = true;
    const attributes = requestAttributes('GET', '/orders/:orderId', completed ? res.statusCode : null);
    requestDuration.record((performance.now() - requestStart) / 1000, attributes);
    requestCount.add(1, attributes);
  };
  res.once('finish', () => recordRequest(true));
  res.once('close', () => recordRequest(false));
  try {
    const order = await orders.get(req.params.orderId ?? '');
    if (!order) {
      res.sendStatus(404);
      return;
    }
    res.json(order);
  } catch (err) {
    next(err);
  }
};

export function makeCreateOrder(orders: OrderStore, maxQuantity: number) {
  return async (req: Request, res: Response) => {
    const requestStart = performance.now();
    let requestRecorded = false;
    // Once: at `finish` the status is the one the client received; `close` first means it was aborted.
    const recordRequest = (completed: boolean) => {
      if (requestRecorded) return;
      requestRecorded = true;
      const attributes = requestAttributes('POST', '/orders', completed ? res.statusCode : null);
      requestDuration.record((performance.now() - requestStart) / 1000, attributes);
      requestCount.add(1, attributes);
    };
    res.once('finish', () => recordRequest(true));
    res.once('close', () => recordRequest(false));
    const { sku, quantity } = req.body as { sku?: string; quantity?: number };
    if (!sku || !quantity || quantity > maxQuantity) {
      res.status(400).json({ error: `sku and a quantity up to ${maxQuantity} are required` });
      return;
    }
    res.status(201).json(await orders.create({ sku, quantity }));
  };
}

export function registerOrderRoutes(app: App, orders: OrderStore): void {
  app.get('/orders/:orderId', getOrder(orders));
  app.post('/orders', makeCreateOrder(orders, 10));
}
