import { trace } from '@opentelemetry/api';
import type { App, OrderStore, Request, Response } from './http.js';

const tracer = trace.getTracer('orders');

export function registerOrderRoutes(app: App, orders: OrderStore): void {
  app.post('/orders', async (req, res) => {
    const { sku, quantity } = req.body as { sku?: string; quantity?: number };
    if (!sku || !quantity || quantity <= 0) {
      res.status(400).json({ error: 'sku and a positive quantity are required' });
      return;
    }
    const order = await tracer.startActiveSpan('orders.create', async (span) => {
      try {
        return await orders.create({ sku, quantity });
      } finally {
        span.end();
      }
    });
    res.status(201).json(order);
  });

  app.get('/orders/:orderId', async (req, res, next) => {
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
  });

  app.get('/health', (_req, res) => {
    res.json({ ok: true });
  });
}

export async function listOrders(req: Request, res: Response): Promise<void> {
  res.json({ orders: [], method: req.method });
}
