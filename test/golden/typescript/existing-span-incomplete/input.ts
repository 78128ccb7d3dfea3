import { trace } from '@opentelemetry/api';
import type { Carrier } from './support.js';

const tracer = trace.getTracer('shipping');

export async function shipOrder(carrier: Carrier, orderId: string): Promise<string> {
  return tracer.startActiveSpan(
    'shop.shipOrder',
    { attributes: { 'service.operation': 'ship_order', 'business.entity_id': orderId } },
    async (span) => {
      const label = await carrier.createLabel(orderId);
      if (!label) {
        throw new Error(`no label for ${orderId}`);
      }
      span.end();
      return label.id;
    },
  );
}

export async function trackParcel(carrier: Carrier, parcelId: string): Promise<string> {
  const span = tracer.startSpan('shop.trackParcel', {
    attributes: { 'service.operation': 'track_parcel', 'business.entity_id': parcelId },
  });
  const status = await carrier.getStatus(parcelId);
  span.end();
  return status;
}
