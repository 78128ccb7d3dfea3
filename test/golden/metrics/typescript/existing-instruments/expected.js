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

const paymentDuration = meter.createHistogram('app.payments.request.duration', { unit: 's' });

export const router = express.Router();

export async function refund(req, res) {
  const requestStart = performance.now();
  let requestRecorded = false;
  // Once: at `finish` the status is the one the client received; `close` first means it was aborted.
  const recordRequest = (completed) => {
    if (requestRecorded) return;
    requestRecorded = true;
    const responseStatus = res.statusCode;
    const attributes = {
      ...metricAttributes,
      'http.request.method': 'POST',
      'http.route': '/payments/:paymentId/refund',
      ...(completed ? { 'http.response.status_code': responseStatus } : { 'error.type': 'aborted' }),
      ...(completed && responseStatus >= 500 ? { 'error.type': String(responseStatus) } : {}),
    };
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
    const status = res.statusCode;
    const attributes = {
      ...metricAttributes,
      'http.request.method': req.method,
      'http.route': '/payments/ping',
      ...(completed ? { 'http.response.status_code': status } : { 'error.type': 'aborted' }),
      ...(completed && status >= 500 ? { 'error.type': String(status) } : {}),
    };
    paymentDuration.record((performance.now() - requestStart) / 1000, attributes);
    requestCount.add(1, attributes);
  };
  res.once('finish', () => recordRequest(true));
  res.once('close', () => recordRequest(false));
  return res.send('pong');
});
