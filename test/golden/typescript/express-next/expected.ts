import { SpanStatusCode, trace } from '@opentelemetry/api';
import { HttpError, type NextFunction, type Order, type Request, type Response, store } from './support.js';

const tracer = trace.getTracer('orders');

/** Express controllers: failures go to the error middleware through next(err). */
export const getOrder = async (req: Request, res: Response, next: NextFunction) => {
  return tracer.startActiveSpan('shop.getOrder', { attributes: { 'service.operation': 'get_order' } }, async (span) => {
    try {
      try {
        const order = await store.findById(req.params.id ?? '');
        if (!order) {
          res.status(404).json({ error: 'not found' });
          span.setAttribute('business.outcome', 'success');
          return;
        }
        res.json(order);
        span.setAttribute('business.outcome', 'success');
      } catch (err) {
        span.recordException(err as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.name : 'Error' });
        next(err);
      }
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'Error' });
      throw error;
    } finally {
      span.end();
    }
  });
};

export async function createOrder(req: Request, res: Response, next: NextFunction): Promise<void> {
  return tracer.startActiveSpan(
    'shop.createOrder',
    { attributes: { 'service.operation': 'create_order' } },
    async (span): Promise<void> => {
      try {
        const order = req.body as Order | null;
        if (!order?.id) {
          const forwarded = new HttpError(400, 'an order needs an id');
          span.recordException(forwarded as Error);
          span.setStatus({ code: SpanStatusCode.ERROR, message: forwarded instanceof Error ? forwarded.name : 'Error' });
          return next(forwarded);
        }
        try {
          await store.save(order);
          res.status(201).json(order);
          span.setAttribute('business.outcome', 'success');
        } catch (err) {
          span.recordException(err as Error);
          span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.name : 'Error' });
          next(err);
        }
      } catch (error) {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'Error' });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

export async function cancelOrder(req: Request, res: Response, next: NextFunction): Promise<void> {
  return tracer.startActiveSpan(
    'shop.cancelOrder',
    { attributes: { 'service.operation': 'cancel_order' } },
    async (span): Promise<void> => {
      try {
        let order: Order | undefined;
        try {
          order = await store.findById(req.params.id ?? '');
        } catch (err) {
          span.recordException(err as Error);
          span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.name : 'Error' });
          next(err);
          return;
        }
        if (!order) {
          next('route');
          span.setAttribute('business.outcome', 'success');
          return;
        }
        await store.cancel(order.id);
        res.status(204).end();
        span.setAttribute('business.outcome', 'success');
      } catch (error) {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'Error' });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

export async function updateOrder(req: Request, res: Response, next: NextFunction): Promise<void> {
  return tracer.startActiveSpan('orders.update', { attributes: { 'service.operation': 'update_order' } }, async (span) => {
    try {
      await store.save(req.body as Order);
      res.json(req.body);
    } catch (err) {
      span.recordException(err as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.name : 'Error' });
      next(err);
    } finally {
      span.end();
    }
  });
}
