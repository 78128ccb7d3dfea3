import { type Context, propagation, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Queue } from './support.js';

const tracer = trace.getTracer('shop');

/** Publishes an event on behalf of the job whose context is given (jobs run outside any request). */
export async function publishEvent(ctx: Context, queue: Queue, eventId: string, body: string): Promise<void> {
  return tracer.startActiveSpan(
    'shop.publishEvent',
    { attributes: { 'service.operation': 'publish_event', 'business.entity_id': eventId } },
    ctx,
    async (span): Promise<void> => {
      try {
        const headers: Record<string, string> = { 'event-id': eventId };
        propagation.inject(ctx, headers);
        await queue.publish('events', body, headers);
        span.setAttribute('business.outcome', 'success');
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
