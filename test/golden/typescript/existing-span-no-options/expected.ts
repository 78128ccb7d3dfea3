import { SpanStatusCode, trace } from '@opentelemetry/api';
import type { Carrier, Order, OrderDb } from './support.js';

const tracer = trace.getTracer('orders');

export async function loadOrder(db: OrderDb, orderId: string): Promise<Order> {
  return tracer.startActiveSpan(
    'shop.loadOrder',
    { attributes: { 'service.operation': 'load_order', 'business.entity_id': orderId } },
    async (span) => {
      try {
        const order = await db.get(orderId);
        if (!order) throw new Error('missing');
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

export async function getOrder(db: OrderDb, orderId: string): Promise<Order> {
  return tracer.startActiveSpan(
    'shop.getOrder',
    { attributes: { 'service.operation': 'get_order', 'business.entity_id': orderId } },
    async (span) => {
      try {
        const order = await db.get(orderId);
        if (!order) throw new Error('missing');
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
    return await carrier.track(parcelId);
  } catch (err) {
    span.recordException(err as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.name : 'Error' });
    throw err;
  } finally {
    span.end();
  }
}
