class Deque<T> {
  readonly items: T[] = [];
}

export class Dispatcher {
  private jobs!: string[];
  private readonly backlog: Deque<string>;
  private inflight = 0;

  constructor() {
    this.backlog = new Deque();
  }

  start(): void {
    this.jobs = [];
  }

  send(id: string): void {
    this.jobs.push(id);
    this.backlog.items.push(id);
    this.inflight += 1;
  }
}

export class Retrier {
  private retries: string[] = [];

  retry(id: string): void {
    this.retries.push(id);
  }
}
