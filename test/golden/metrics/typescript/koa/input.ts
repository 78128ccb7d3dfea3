import type Router from '@koa/router';
import type { Context } from 'koa';

export interface Order {
  id: string;
  sku: string;
  quantity: number;
}

export interface Orders {
  get(id: string): Promise<Order | undefined>;
  create(input: { sku: string; quantity: number }): Promise<Order>;
  remove(id: string): Promise<boolean>;
}

export function health(ctx: Context): void {
  ctx.body = { ok: true };
}

export default function registerOrderRoutes(router: Router, orders: Orders): void {
  router.get('/orders/:orderId', async (ctx) => {
    const order = await orders.get(ctx.params.orderId ?? '');
    if (!order) ctx.throw(404, 'order not found');
    ctx.body = order;
  });

  router.post('/orders', async (ctx, next) => {
    const { sku, quantity } = (ctx.request.body ?? {}) as { sku?: string; quantity?: number };
    if (!sku) {
      ctx.status = 400;
      ctx.body = { error: 'sku is required' };
      return;
    }
    ctx.body = await orders.create({ sku, quantity: quantity ?? 1 });
    ctx.status = 201;
    await next();
  });

  router.delete('/orders/:orderId', async (ctx) => {
    const removed = await orders.remove(ctx.params.orderId ?? '');
    ctx.status = removed ? 204 : 404;
  });

  router.get('/health', health);
}
