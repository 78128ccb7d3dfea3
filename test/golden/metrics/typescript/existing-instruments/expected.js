import * as api from '@opentelemetry/api';
import express from 'express';

const meter = api.metrics.getMeter('payments');

const requestCount = meter.createCounter('app.payments.requests', {
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

const paymentDuration = meter.createHistogram('app.payments.request.duration', { unit: 's' });

export const router = express.Router();

export async function refund(req, res) {
  const requestStart = performance.now();
  let requestRecorded = false;
  // Once: at `finish` the status is the one the client received; `close` first means it was aborted.
  const recordRequest = (completed) => {
    if (requestRecorded) return;
    requestRecorded = true;
    const attributes = requestAttributes('POST', '/payments/:paymentId/refund', completed ? res.statusCode : null);
    paymentDuration.record((performance.now() - requestStart) / 1000, attributes);
    requestCount.add(1, attributes);
  };
  res.once('finish', () => recordRequest(true));
  res.once('close', () => recordRequest(false));
  const status = await req.app.locals.payments.refund(req.params.paymentId);
  res.status(status === 'queued' ? 202 : 200).json({ status });
}

router.post('/payments/:paymentId/refund', refund);

router.all('/payments/ping', (req, res) => {
  const requestStart = performance.now();
  let requestRecorded = false;
  // Once: at `finish` the status is the one the client received; `close` first means it was aborted.
  const recordRequest = (completed) => {
    if (requestRecorded) return;
    requestRecorded = true;
    const attributes = requestAttributes(req.method, '/payments/ping', completed ? res.statusCode : null);
    paymentDuration.record((performance.now() - requestStart) / 1000, attributes);
    requestCount.add(1, attributes);
  };
  res.once('finish', () => recordRequest(true));
  res.once('close', () => recordRequest(false));
  return res.send('pong');
});
