import { SpanStatusCode, trace } from '@opentelemetry/api';
import type { Carrier } from './support.js';

const tracer = trace.getTracer('shipping');

export async function shipOrder(carrier: Carrier, orderId: string): Promise<string> {
  return tracer.startActiveSpan(
    'shop.shipOrder',
    { attributes: { 'service.operation': 'ship_order', 'business.entity_id': orderId } },
    async (span) => {
      try {
        const label = await carrier.createLabel(orderId);
        if (!label) {
          throw new Error(`no label for ${orderId}`);
        }
        return label.id;
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
    const status = await carrier.getStatus(parcelId);
    return status;
  } catch (err) {
    span.recordException(err as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.name : 'Error' });
    throw err;
  } finally {
    span.end();
  }
}
