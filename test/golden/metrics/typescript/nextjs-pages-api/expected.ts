import type { NextApiRequest, NextApiResponse } from './next-types.js';
import { metrics } from '@opentelemetry/api';

const meter = metrics.getMeter('backoffice');

const requestDuration = meter.createHistogram('app.backoffice.request.duration', {
  unit: 's',
  description: 'Duration of the HTTP requests handled by this module.',
});

const requestCount = meter.createCounter('app.backoffice.requests', {
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

export interface Order {
  id: string;
  sku: string;
}

// The runtime test swaps in its own store.
export const orders = {
  find: async (_id: string): Promise<Order | undefined> => undefined,
  remove: async (_id: string): Promise<void> => {},
};

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const requestStart = performance.now();
  let requestRecorded = false;
  // Once: at `finish` the status is the one the client received; `close` first means it was aborted.
  const recordRequest = (completed: boolean) => {
    if (requestRecorded) return;
    requestRecorded = true;
    const attributes = requestAttributes(req.method, '/api/orders/[id]', completed ? res.statusCode : null);
    requestDuration.record((performance.now() - requestStart) / 1000, attributes);
    requestCount.add(1, attributes);
  };
  res.once('finish', () => recordRequest(true));
  res.once('close', () => recordRequest(false));
  const id = String(req.query.id);
  if (req.method === 'GET') {
    const order = await orders.find(id);
    if (!order) return res.status(404).json({ error: 'order not found' });
    return res.status(200).json(order);
  }
  if (req.method === 'DELETE') {
    await orders.remove(id);
    return res.status(204).end();
  }
  res.setHeader('Allow', 'GET, DELETE');
  res.status(405).end();
}
