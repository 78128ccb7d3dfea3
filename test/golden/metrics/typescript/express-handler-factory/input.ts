import type { App, Next, OrderStore, Request, Response } from './http.js';

// Handler factories: each returns the handler, closing over what it is given.
export const getOrder = (orders: OrderStore) => async (req: Request, res: Response, next: Next) => {
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
};

export function makeCreateOrder(orders: OrderStore, maxQuantity: number) {
  return async (req: Request, res: Response) => {
    const { sku, quantity } = req.body as { sku?: string; quantity?: number };
    if (!sku || !quantity || quantity > maxQuantity) {
      res.status(400).json({ error: `sku and a quantity up to ${maxQuantity} are required` });
      return;
    }
    res.status(201).json(await orders.create({ sku, quantity }));
  };
}

export function registerOrderRoutes(app: App, orders: OrderStore): void {
  app.get('/orders/:orderId', getOrder(orders));
  app.post('/orders', makeCreateOrder(orders, 10));
}
