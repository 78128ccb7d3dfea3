import { EventEmitter } from 'node:events';

export class SessionStore extends EventEmitter {
  private readonly pending: Map<string, number>;

  constructor(private readonly ttlMs: number) {
    super();
    this.pending = new Map();
  }

  open(id: string): void {
    this.pending.set(id, Date.now() + this.ttlMs);
    this.emit('open', id);
  }

  close(id: string): boolean {
    return this.pending.delete(id);
  }
}
