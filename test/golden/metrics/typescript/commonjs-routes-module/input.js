'use strict';

/**
 * Order routes. The span of a handler covers the handler's own work; with streaming or callbacks the
 * response may still be in flight when it ends (the HTTP server span, from auto-instrumentation, covers that).
 */
module.exports = function registerOrderRoutes(router, orders) {
  router.post('/orders', async (req, res) => {
    const { sku, quantity } = req.body;
    if (!sku || !(quantity > 0)) {
      return res.status(400).json({ error: 'sku and a positive quantity are required' });
    }
    const order = await orders.create({ sku, quantity });
    res.status(201).json(order);
  });

  router.get('/orders/:orderId', async (req, res, next) => {
    try {
      const order = await orders.get(req.params.orderId);
      if (!order) return res.sendStatus(404);
      res.json(order);
    } catch (err) {
      next(err);
    }
  });
};
