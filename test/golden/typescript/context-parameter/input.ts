import { type Context, propagation } from '@opentelemetry/api';
import type { Queue } from './support.js';

/** Publishes an event on behalf of the job whose context is given (jobs run outside any request). */
export async function publishEvent(ctx: Context, queue: Queue, eventId: string, body: string): Promise<void> {
  const headers: Record<string, string> = { 'event-id': eventId };
  propagation.inject(ctx, headers);
  await queue.publish('events', body, headers);
}
