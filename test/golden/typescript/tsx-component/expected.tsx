import { SpanStatusCode, trace } from '@opentelemetry/api';
import { h, type Summary } from './support.js';

const tracer = trace.getTracer('shop');

export async function loadSummary(baseUrl: string, orderId: string): Promise<Summary> {
  return tracer.startActiveSpan(
    'shop.loadSummary',
    { attributes: { 'service.operation': 'load_summary', 'business.entity_id': orderId } },
    async (span): Promise<Summary> => {
      try {
        const response = await fetch(`${baseUrl}/orders/${orderId}/summary`);
        if (!response.ok) {
          throw new Error(`summary of ${orderId}: HTTP ${response.status}`);
        }
        const result: Summary = (await response.json()) as Summary;
        span.setAttribute('business.outcome', 'success');
        return result;
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

export function OrderSummary(props: { summary: Summary }) {
  return (
    <section class="summary">
      <h2>Order {props.summary.orderId}</h2>
      <p>{(props.summary.totalMinor / 100).toFixed(2)}</p>
    </section>
  );
}
