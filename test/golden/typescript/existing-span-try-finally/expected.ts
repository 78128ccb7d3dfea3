import { SpanStatusCode, trace } from '@opentelemetry/api';
import type { Carrier, Order, OrderDb } from './support.js';

const tracer = trace.getTracer('orders');

export class OrderNotFoundError extends Error {
  override name = 'OrderNotFoundError';
}

export async function loadOrder(db: OrderDb, orderId: string): Promise<Order> {
  return tracer.startActiveSpan(
    'shop.loadOrder',
    { attributes: { 'service.operation': 'load_order', 'business.entity_id': orderId } },
    async (span) => {
      try {
        const order = await db.get(orderId);
        if (!order) throw new OrderNotFoundError(`no order ${orderId}`);
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

export async function trackParcel(carrier: Carrier, parcelId: string): Promise<string> {
  const span = tracer.startSpan('shop.trackParcel', {
    attributes: { 'service.operation': 'track_parcel', 'business.entity_id': parcelId },
  });
  try {
    if (parcelId.length === 0) {
      throw new RangeError('empty parcel id');
    }
    return await carrier.track(parcelId);
  } catch (err) {
    span.recordException(err as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.name : 'Error' });
    throw err;
  } finally {
    span.end();
  }
}
