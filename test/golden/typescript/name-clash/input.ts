import { type Tracking, trace } from './support.js';

/** How long a parcel has been in transit: the span between its first and last event, in ms. */
export async function transitTime(tracking: Tracking, parcelId: string): Promise<number> {
  const events = await tracking.events(parcelId);
  const first = events[0];
  const last = events[events.length - 1];
  if (!first || !last) {
    throw new Error(`no events for ${parcelId}`);
  }
  const span = last.at - first.at;
  trace(`parcel ${parcelId}: ${span} ms`);
  const result = span;
  return result;
}
