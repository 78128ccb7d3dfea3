import { trace } from '@opentelemetry/api';
import type { Carrier, Order, OrderDb } from './support.js';

const tracer = trace.getTracer('orders');

export class OrderNotFoundError extends Error {
  override name = 'OrderNotFoundError';
}

export class TrackingError extends Error {
  override name = 'TrackingError';
}

export const failures: string[] = [];

export async function loadOrder(db: OrderDb, orderId: string): Promise<Order> {
  return tracer.startActiveSpan(
    'shop.loadOrder',
    { attributes: { 'service.operation': 'load_order', 'business.entity_id': orderId } },
    async (span) => {
      try {
        const order = await db.get(orderId);
        if (!order) throw new OrderNotFoundError(`no order ${orderId}`);
        return order;
      } catch (e) {
        failures.push(orderId);
        throw e;
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
  } catch {
    throw new TrackingError(`cannot track ${parcelId}`);
  } finally {
    span.end();
  }
}

export async function findOrder(db: OrderDb, orderId: string): Promise<Order | null> {
  return tracer.startActiveSpan(
    'shop.findOrder',
    { attributes: { 'service.operation': 'find_order', 'business.entity_id': orderId } },
    async (span) => {
      try {
        const order = await db.get(orderId);
        if (!order) throw new OrderNotFoundError(`no order ${orderId}`);
        return order;
      } catch (error) {
        if (error instanceof OrderNotFoundError) return null;
        throw error;
      } finally {
        span.end();
      }
    },
  );
}
