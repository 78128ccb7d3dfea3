import {
  context,
  propagation,
  SpanStatusCode,
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
  return billingTracer.startActiveSpan(
    'shop.chargeAccount',
    { attributes: { 'service.operation': 'charge_account', 'business.entity_id': accountId } },
    async (span): Promise<number> => {
      try {
        if (amountMinor <= 0) {
          throw new RangeError('amount must be positive');
        }
        const { balanceMinor } = await ledger.post(accountId, amountMinor);
        span.setAttribute('business.outcome', 'success');
        return balanceMinor;
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

export { billingTracer };
