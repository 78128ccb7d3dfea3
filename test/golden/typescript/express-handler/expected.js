'use strict';

const { SpanStatusCode, trace } = require('@opentelemetry/api');

const tracer = trace.getTracer('orders');

/**
 * Order routes. The span of a handler covers the handler's own work; with streaming or callbacks the
 * response may still be in flight when it ends (the HTTP server span, from auto-instrumentation, covers that).
 */
module.exports = function registerOrderRoutes(router, orders) {
  router.post('/orders', async (req, res) => {
    return tracer.startActiveSpan(
      'POST /orders',
      { attributes: { 'service.operation': 'post_orders' } },
      async (span) => {
        try {
          const { sku, quantity } = req.body;
          if (!sku || !(quantity > 0)) {
            const result = res.status(400).json({ error: 'sku and a positive quantity are required' });
            span.setAttribute('business.outcome', 'success');
            return result;
          }
          const order = await orders.create({ sku, quantity });
          res.status(201).json(order);
          span.setAttribute('business.outcome', 'success');
        } catch (err) {
          span.recordException(err);
          span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.name : 'Error' });
          throw err;
        } finally {
          span.end();
        }
      },
    );
  });

  router.get('/orders/:orderId', async (req, res, next) => {
    return tracer.startActiveSpan(
      'GET /orders/:orderId',
      { attributes: { 'service.operation': 'get_orders_order_id' } },
      async (span) => {
        try {
          try {
            const order = await orders.get(req.params.orderId);
            if (!order) {
              const result = res.sendStatus(404);
              span.setAttribute('business.outcome', 'success');
              return result;
            }
            res.json(order);
            span.setAttribute('business.outcome', 'success');
          } catch (err) {
            span.recordException(err);
            span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.name : 'Error' });
            next(err);
          }
        } catch (error) {
          span.recordException(error);
          span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'Error' });
          throw error;
        } finally {
          span.end();
        }
      },
    );
  });
};
