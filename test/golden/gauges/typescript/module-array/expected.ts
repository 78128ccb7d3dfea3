import { metrics, trace } from '@opentelemetry/api';

const tracer = trace.getTracer('outbox');

export const outbox: string[] = [];

// outbox.depth: observe outbox.length at each metrics collection (registered once, where it is created).
metrics.getMeter('outbox')
  .createObservableGauge('shop.outbox.outbox.depth', {
    unit: '{item}',
    description: 'Items in outbox, observed at each collection.',
  })
  .addCallback((result) => {
    result.observe(outbox.length);
  });

export function enqueue(message: string): void {
  tracer.startActiveSpan('outbox.enqueue', (span) => {
    outbox.push(message);
    span.end();
  });
}

export function drain(): string[] {
  return outbox.splice(0, outbox.length);
}
