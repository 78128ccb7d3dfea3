import { CardDeclinedError, GatewayError } from '../src/errors.js';
import type { ChargeRequest, ChargeResult, PaymentGateway } from '../src/gateway.js';

/** A scripted gateway: cards whose token ends in `_declined` are declined, `failRefunds` simulates an outage. */
export class FakeGateway implements PaymentGateway {
  readonly charges: ChargeRequest[] = [];
  readonly captures: string[] = [];
  readonly refunds: { chargeId: string; amountMinor: number }[] = [];
  failRefunds = false;

  async charge(request: ChargeRequest): Promise<ChargeResult> {
    if (request.cardToken.endsWith('_declined')) {
      throw new CardDeclinedError('insufficient_funds');
    }
    this.charges.push(request);
    return { chargeId: `ch_${this.charges.length}`, captured: false };
  }

  async capture(chargeId: string): Promise<void> {
    this.captures.push(chargeId);
  }

  async refund(chargeId: string, amountMinor: number): Promise<{ refundId: string }> {
    if (this.failRefunds) {
      throw new GatewayError('payment provider returned 503 for /v1/refunds');
    }
    this.refunds.push({ chargeId, amountMinor });
    return { refundId: `pr_${this.refunds.length}` };
  }
}

export const validRequest = {
  merchantId: 'mer_42',
  amountMinor: 2599,
  currency: 'eur',
  cardToken: 'tok_visa_4242',
  idempotencyKey: 'order-1001',
};
