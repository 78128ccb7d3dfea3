import { EventEmitter } from 'node:events';
import { metrics } from '@opentelemetry/api';

export class SessionStore extends EventEmitter {
  private readonly pending: Map<string, number>;

  constructor(private readonly ttlMs: number) {
    super();
    this.pending = new Map();
    // pending: observe this.pending.size at each metrics collection (registered once, where it is created).
    metrics.getMeter('sessions')
      .createObservableGauge('shop.sessions.pending', {
        unit: '{item}',
        description: 'Items in this.pending, observed at each collection.',
      })
      .addCallback((result) => {
        result.observe(this.pending.size);
      });
  }

  open(id: string): void {
    this.pending.set(id, Date.now() + this.ttlMs);
    this.emit('open', id);
  }

  close(id: string): boolean {
    return this.pending.delete(id);
  }
}
