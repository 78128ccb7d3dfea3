import { SpanStatusCode, trace as otelTrace } from '@opentelemetry/api';
import { type Tracking, trace } from './support.js';

const tracer = otelTrace.getTracer('shop');

/** How long a parcel has been in transit: the span between its first and last event, in ms. */
export async function transitTime(tracking: Tracking, parcelId: string): Promise<number> {
  return tracer.startActiveSpan(
    'shop.transitTime',
    { attributes: { 'service.operation': 'transit_time', 'business.entity_id': parcelId } },
    async (otelSpan): Promise<number> => {
      try {
        const events = await tracking.events(parcelId);
        const first = events[0];
        const last = events[events.length - 1];
        if (!first || !last) {
          throw new Error(`no events for ${parcelId}`);
        }
        const span = last.at - first.at;
        trace(`parcel ${parcelId}: ${span} ms`);
        const result = span;
        otelSpan.setAttribute('business.outcome', 'success');
        return result;
      } catch (err) {
        otelSpan.recordException(err as Error);
        otelSpan.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.name : 'Error' });
        throw err;
      } finally {
        otelSpan.end();
      }
    },
  );
}
