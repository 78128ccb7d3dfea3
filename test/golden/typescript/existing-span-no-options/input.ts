import { trace } from '@opentelemetry/api';
import type { Carrier, Order, OrderDb } from './support.js';

const tracer = trace.getTracer('orders');

export async function loadOrder(db: OrderDb, orderId: string): Promise<Order> {
  return tracer.startActiveSpan('shop.loadOrder', async (span) => {
    try {
      const order = await db.get(orderId);
      if (!order) throw new Error('missing');
      return order;
    } finally {
      span.end();
    }
  });
}

export async function getOrder(db: OrderDb, orderId: string): Promise<Order> {
  return tracer.startActiveSpan('shop.getOrder', async (span) => {
    const order = await db.get(orderId);
    if (!order) throw new Error('missing');
    span.end();
    return order;
  });
}

export async function trackParcel(carrier: Carrier, parcelId: string): Promise<string> {
  const span = tracer.startSpan('shop.trackParcel');
  try {
    return await carrier.track(parcelId);
  } finally {
    span.end();
  }
}
