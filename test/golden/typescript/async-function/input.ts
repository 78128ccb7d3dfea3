import type { Order, Pool } from './support.js';

export class OrderNotFoundError extends Error {
  override name = 'OrderNotFoundError';
}

/** Loads an order; throws OrderNotFoundError when there is none. */
export async function loadOrder(pool: Pool, orderId: string): Promise<Order> {
  const { rows } = await pool.query('select * from orders where id = $1', [orderId]);
  const order = rows[0];
  if (!order) {
    throw new OrderNotFoundError(`order ${orderId} does not exist`);
  }
  return order;
}

/** Cancels an open order; returns false when it was already cancelled. */
export async function cancelOrder(pool: Pool, orderId: string, reason: string): Promise<boolean> {
  const order = await loadOrder(pool, orderId);
  if (order.status === 'cancelled') return false;
  if (order.status === 'shipped') {
    throw new Error('a shipped order cannot be cancelled');
  }
  // The update's promise is returned as is: its rejection must still reach the caller.
  return pool
    .query('update orders set status = $2, reason = $3 where id = $1', [orderId, 'cancelled', reason])
    .then((result) => result.rowCount === 1);
}

/** Orders paid with a card: the card id is personal data and must not reach telemetry. */
export async function ordersForCard(pool: Pool, cardId: string): Promise<Order[]> {
  const { rows } = await pool.query('select * from orders where card_id = $1', [cardId]);
  return rows;
}
