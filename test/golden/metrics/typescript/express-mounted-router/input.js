import { Router } from 'express';

export const ordersRouter = Router();
const orders = new Map();

ordersRouter.get('/:id', async (req, res) => {
  const order = orders.get(req.params.id);
  if (!order) {
    res.status(404).json({ error: 'not found' });
    return;
  }
  res.json(order);
});

async function createOrder(req, res) {
  const order = { id: String(orders.size + 1), ...req.body };
  orders.set(order.id, order);
  res.status(201).json(order);
}

ordersRouter.post('/', createOrder);
