import { SpanStatusCode, trace } from '@opentelemetry/api';
import type { Order, Pool } from './support.js';

const tracer = trace.getTracer('shop');

export class OrderNotFoundError extends Error {
  override name = 'OrderNotFoundError';
}

/** Loads an order; throws OrderNotFoundError when there is none. */
export async function loadOrder(pool: Pool, orderId: string): Promise<Order> {
  return tracer.startActiveSpan(
    'shop.loadOrder',
    { attributes: { 'service.operation': 'load_order', 'business.entity_id': orderId } },
    async (span): Promise<Order> => {
      try {
        const { rows } = await pool.query('select * from orders where id = $1', [orderId]);
        const order = rows[0];
        if (!order) {
          throw new OrderNotFoundError(`order ${orderId} does not exist`);
        }
        span.setAttribute('business.outcome', 'success');
        return order;
      } catch (err) {
        span.recordException(err as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.name : 'Error' });
        throw err;
      } finally {
        span.end();
      }
    },
  );
}

/** Cancels an open order; returns false when it was already cancelled. */
export async function cancelOrder(pool: Pool, orderId: string, reason: string): Promise<boolean> {
  return tracer.startActiveSpan(
    'shop.cancelOrder',
    { attributes: { 'service.operation': 'cancel_order', 'business.entity_id': orderId } },
    async (span): Promise<boolean> => {
      try {
        const order = await loadOrder(pool, orderId);
        if (order.status === 'cancelled') {
          span.setAttribute('business.outcome', 'success');
          return false;
        }
        if (order.status === 'shipped') {
          throw new Error('a shipped order cannot be cancelled');
        }
        // The update's promise is returned as is: its rejection must still reach the caller.
        const returnValue: boolean = await pool
          .query('update orders set status = $2, reason = $3 where id = $1', [orderId, 'cancelled', reason])
          .then((result) => result.rowCount === 1);
        span.setAttribute('business.outcome', 'success');
        return returnValue;
      } catch (err) {
        span.recordException(err as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.name : 'Error' });
        throw err;
      } finally {
        span.end();
      }
    },
  );
}

/** Orders paid with a card: the card id is personal data and must not reach telemetry. */
export async function ordersForCard(pool: Pool, cardId: string): Promise<Order[]> {
  return tracer.startActiveSpan(
    'shop.ordersForCard',
    { attributes: { 'service.operation': 'orders_for_card' } },
    async (span): Promise<Order[]> => {
      try {
        const { rows } = await pool.query('select * from orders where card_id = $1', [cardId]);
        span.setAttribute('business.outcome', 'success');
        return rows;
      } catch (err) {
        span.recordException(err as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.name : 'Error' });
        throw err;
      } finally {
        span.end();
      }
    },
  );
}
