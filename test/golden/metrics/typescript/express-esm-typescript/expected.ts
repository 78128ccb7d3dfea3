import { metrics, trace } from '@opentelemetry/api';
import type { App, OrderStore, Request, Response } from './http.js';

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

const tracer = trace.getTracer('orders');

export function registerOrderRoutes(app: App, orders: OrderStore): void {
  app.post('/orders', async (req, res) => {
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
    if (!sku || !quantity || quantity <= 0) {
      res.status(400).json({ error: 'sku and a positive quantity are required' });
      return;
    }
    const order = await tracer.startActiveSpan('orders.create', async (span) => {
      try {
        return await orders.create({ sku, quantity });
      } finally {
        span.end();
      }
    });
    res.status(201).json(order);
  });

  app.get('/orders/:orderId', async (req, res, next) => {
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
  });

  app.get('/health', (_req, res) => {
    const requestStart = performance.now();
    let requestRecorded = false;
    // Once: at `finish` the status is the one the client received; `close` first means it was aborted.
    const recordRequest = (completed: boolean) => {
      if (requestRecorded) return;
      requestRecorded = true;
      const attributes = requestAttributes('GET', '/health', completed ? res.statusCode : null);
      requestDuration.record((performance.now() - requestStart) / 1000, attributes);
      requestCount.add(1, attributes);
    };
    res.once('finish', () => recordRequest(true));
    res.once('close', () => recordRequest(false));
    res.json({ ok: true });
  });
}

export async function listOrders(req: Request, res: Response): Promise<void> {
  res.json({ orders: [], method: req.method });
}
