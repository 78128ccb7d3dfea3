import { h, type Summary } from './support.js';

export async function loadSummary(baseUrl: string, orderId: string): Promise<Summary> {
  const response = await fetch(`${baseUrl}/orders/${orderId}/summary`);
  if (!response.ok) {
    throw new Error(`summary of ${orderId}: HTTP ${response.status}`);
  }
  return (await response.json()) as Summary;
}

export function OrderSummary(props: { summary: Summary }) {
  return (
    <section class="summary">
      <h2>Order {props.summary.orderId}</h2>
      <p>{(props.summary.totalMinor / 100).toFixed(2)}</p>
    </section>
  );
}
