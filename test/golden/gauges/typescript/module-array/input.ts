import { trace } from '@opentelemetry/api';

const tracer = trace.getTracer('outbox');

export const outbox: string[] = [];

export function enqueue(message: string): void {
  tracer.startActiveSpan('outbox.enqueue', (span) => {
    outbox.push(message);
    span.end();
  });
}

export function drain(): string[] {
  return outbox.splice(0, outbox.length);
}
