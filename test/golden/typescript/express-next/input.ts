import { trace } from '@opentelemetry/api';
import { HttpError, type NextFunction, type Order, type Request, type Response, store } from './support.js';

const tracer = trace.getTracer('orders');

/** Express controllers: failures go to the error middleware through next(err). */
export const getOrder = async (req: Request, res: Response, next: NextFunction) => {
  try {
    const order = await store.findById(req.params.id ?? '');
    if (!order) {
      res.status(404).json({ error: 'not found' });
      return;
    }
    res.json(order);
  } catch (err) {
    next(err);
  }
};

export async function createOrder(req: Request, res: Response, next: NextFunction): Promise<void> {
  const order = req.body as Order | null;
  if (!order?.id) return next(new HttpError(400, 'an order needs an id'));
  try {
    await store.save(order);
    res.status(201).json(order);
  } catch (err) {
    next(err);
  }
}

export async function cancelOrder(req: Request, res: Response, next: NextFunction): Promise<void> {
  let order: Order | undefined;
  try {
    order = await store.findById(req.params.id ?? '');
  } catch (err) {
    next(err);
    return;
  }
  if (!order) {
    next('route');
    return;
  }
  await store.cancel(order.id);
  res.status(204).end();
}

export async function updateOrder(req: Request, res: Response, next: NextFunction): Promise<void> {
  return tracer.startActiveSpan('orders.update', { attributes: { 'service.operation': 'update_order' } }, async (span) => {
    try {
      await store.save(req.body as Order);
      res.json(req.body);
    } catch (err) {
      next(err);
    } finally {
      span.end();
    }
  });
}
