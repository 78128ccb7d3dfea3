import { NextResponse, notFound, redirect } from './next-server.js';
import { orders } from './store.js';
import { metrics } from '@opentelemetry/api';

const meter = metrics.getMeter('storefront');

const requestDuration = meter.createHistogram('app.storefront.request.duration', {
  unit: 's',
  description: 'Duration of the HTTP requests handled by this module.',
});

const requestCount = meter.createCounter('app.storefront.requests', {
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

// The status Next sends for an error: redirect() and notFound() their own, any other error a 500.
function nextResponseStatus(err: unknown): number {
  const digest =
    typeof err === 'object' && err !== null && 'digest' in err ? String(err.digest) : '';
  const control = /^NEXT_(?:REDIRECT;.*;|HTTP_ERROR_FALLBACK;)(\d{3});?$/.exec(digest);
  return control ? Number(control[1]) : digest === 'NEXT_NOT_FOUND' ? 404 : 500;
}

interface RouteContext {
  params: Promise<{ id: string }>;
}

export async function GET(request: Request, { params }: RouteContext) {
  const requestStart = performance.now();
  // Until a Response is returned: Next answers anything else with a 500.
  let status = 500;
  try {
    const { id } = await params;
    if (id === 'latest') redirect('/api/orders/ord-1');
    const order = await orders.store.find(id);
    if (!order) {
      const response = NextResponse.json({ error: 'order not found' }, { status: 404 });
      status = response.status;
      return response;
    }
    const response = NextResponse.json(order);
    status = response.status;
    return response;
  } catch (err) {
    status = nextResponseStatus(err);
    throw err;
  } finally {
    const attributes = requestAttributes('GET', '/api/orders/[id]', status);
    requestDuration.record((performance.now() - requestStart) / 1000, attributes);
    requestCount.add(1, attributes);
  }
}

export async function PATCH(request: Request, context: RouteContext) {
  const requestStart = performance.now();
  // Until a Response is returned: Next answers anything else with a 500.
  let status = 500;
  try {
    const { id } = await context.params;
    const changes = (await request.json()) as { quantity?: number };
    if (changes.quantity !== undefined && changes.quantity <= 0) {
      const returnedResponse = NextResponse.json({ error: 'quantity must be positive' }, { status: 422 });
      status = returnedResponse.status;
      return returnedResponse;
    }
    const updated = await orders.store.update(id, changes);
    if (!updated) notFound();
    const response = NextResponse.json(updated);
    response.headers.set('cache-control', 'no-store');
    status = response.status;
    return response;
  } catch (err) {
    status = nextResponseStatus(err);
    throw err;
  } finally {
    const attributes = requestAttributes('PATCH', '/api/orders/[id]', status);
    requestDuration.record((performance.now() - requestStart) / 1000, attributes);
    requestCount.add(1, attributes);
  }
}

export const OPTIONS = () => {
  const requestStart = performance.now();
  // Until a Response is returned: Next answers anything else with a 500.
  let status = 500;
  try {
    const response = new Response(null, { status: 204, headers: { allow: 'GET, PATCH, OPTIONS' } });
    status = response.status;
    return response;
  } catch (err) {
    status = nextResponseStatus(err);
    throw err;
  } finally {
    const attributes = requestAttributes('OPTIONS', '/api/orders/[id]', status);
    requestDuration.record((performance.now() - requestStart) / 1000, attributes);
    requestCount.add(1, attributes);
  }
};
