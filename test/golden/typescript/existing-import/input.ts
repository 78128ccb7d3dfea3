import {
  context,
  propagation,
  trace,
} from '@opentelemetry/api';
import type { Ledger } from './support.js';

const billingTracer = trace.getTracer('billing');

/** Headers that carry the current trace to the ledger service. */
export function traceHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  propagation.inject(context.active(), headers);
  return headers;
}

export async function chargeAccount(ledger: Ledger, accountId: string, amountMinor: number): Promise<number> {
  if (amountMinor <= 0) {
    throw new RangeError('amount must be positive');
  }
  const { balanceMinor } = await ledger.post(accountId, amountMinor);
  return balanceMinor;
}

export { billingTracer };
