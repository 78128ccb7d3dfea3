'use strict';

const express = require('express');

const router = express.Router();

router.delete('/carts/:cartId', async (req, res) => {
  const removed = await req.app.locals.carts.remove(req.params.cartId);
  if (!removed) return res.sendStatus(404);
  res.sendStatus(204);
});

router.get('/carts/:cartId', function getCart(req, res, next) {
  req.app.locals.carts
    .get(req.params.cartId)
    .then((cart) => res.json(cart))
    .catch(next);
});

module.exports = router;
