'use strict';

const express = require('express');
const { metrics } = require('@opentelemetry/api');

const meter = metrics.getMeter('carts');

const requestDuration = meter.createHistogram('app.carts.request.duration', {
  unit: 's',
  description: 'Duration of the HTTP requests handled by this module.',
});

const requestCount = meter.createCounter('app.carts.requests', {
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

const router = express.Router();

router.delete('/carts/:cartId', async (req, res) => {
  const requestStart = performance.now();
  let requestRecorded = false;
  // Once: at `finish` the status is the one the client received; `close` first means it was aborted.
  const recordRequest = (completed) => {
    if (requestRecorded) return;
    requestRecorded = true;
    const attributes = requestAttributes('DELETE', '/carts/:cartId', completed ? res.statusCode : null);
    requestDuration.record((performance.now() - requestStart) / 1000, attributes);
    requestCount.add(1, attributes);
  };
  res.once('finish', () => recordRequest(true));
  res.once('close', () => recordRequest(false));
  const removed = await req.app.locals.carts.remove(req.params.cartId);
  if (!removed) return res.sendStatus(404);
  res.sendStatus(204);
});

router.get('/carts/:cartId', function getCart(req, res, next) {
  const requestStart = performance.now();
  let requestRecorded = false;
  // Once: at `finish` the status is the one the client received; `close` first means it was aborted.
  const recordRequest = (completed) => {
    if (requestRecorded) return;
    requestRecorded = true;
    const attributes = requestAttributes('GET', '/carts/:cartId', completed ? res.statusCode : null);
    requestDuration.record((performance.now() - requestStart) / 1000, attributes);
    requestCount.add(1, attributes);
  };
  res.once('finish', () => recordRequest(true));
  res.once('close', () => recordRequest(false));
  req.app.locals.carts
    .get(req.params.cartId)
    .then((cart) => res.json(cart))
    .catch(next);
});

module.exports = router;
