import { metrics } from '@opentelemetry/api';

export interface Job {
  id: string;
}

export class JobQueue {
  private readonly jobs: Job[] = [];

  constructor(readonly name: string) {
    // queue_depth: observe this.jobs.length at each metrics collection (registered once, where it is created).
    metrics.getMeter('jobs')
      .createObservableGauge('shop.jobs.queue_depth', {
        unit: '{item}',
        description: 'Items in this.jobs, observed at each collection.',
      })
      .addCallback((result) => {
        result.observe(this.jobs.length);
      });
  }

  push(job: Job): void {
    this.jobs.push(job);
  }

  shift(): Job | undefined {
    return this.jobs.shift();
  }
}
