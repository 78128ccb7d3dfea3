export interface Tracking {
  events(parcelId: string): Promise<{ at: number; status: string }[]>;
}

/** A debugging helper that happens to be called `trace`. */
export function trace(message: string): void {
  if (process.env.DEBUG_TRACKING) console.error(message);
}
