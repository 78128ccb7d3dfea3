import { randomUUID } from 'node:crypto';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import { InvalidPaymentStateError, PaymentNotFoundError, ValidationError } from './errors.js';
import type { PaymentGateway } from './gateway.js';
import type { Refund } from './model.js';
import type { PaymentRepository } from './repository.js';

const tracer = trace.getTracer('@example/payments');

export class RefundService {
  constructor(
    private readonly gateway: PaymentGateway,
    private readonly repository: PaymentRepository,
  ) {}

  /**
   * Refunds part or all of a captured payment. Without an amount, refunds whatever is left. Asking for a
   * refund of an already fully refunded payment returns the last refund, so client retries are safe.
   */
  async refundPayment(paymentId: string, amountMinor?: number): Promise<Refund> {
    return tracer.startActiveSpan('payments.refundPayment', async (span) => {
      span.setAttribute('business.entity_id', paymentId);
      const payment = await this.repository.findById(paymentId);
      if (!payment) {
        throw new PaymentNotFoundError(paymentId);
      }
      if (payment.status === 'refunded') {
        const previous = await this.repository.refundsFor(paymentId);
        const last = previous.at(-1);
        if (last) {
          return last;
        }
      }
      if (payment.status !== 'captured' && payment.status !== 'partially_refunded') {
        throw new InvalidPaymentStateError(paymentId, payment.status, 'refund');
      }

      const remaining = payment.amountMinor - payment.refundedMinor;
      const amount = amountMinor ?? remaining;
      if (!Number.isSafeInteger(amount) || amount <= 0 || amount > remaining) {
        throw new ValidationError(`refund amount must be between 1 and ${remaining}`);
      }

      try {
        const { refundId } = await this.gateway.refund(
          payment.providerChargeId,
          amount,
          `refund-${paymentId}-${payment.refundedMinor + amount}`,
        );
        const refund: Refund = {
          id: `re_${randomUUID()}`,
          paymentId,
          amountMinor: amount,
          providerRefundId: refundId,
          createdAt: new Date(),
        };
        const refundedMinor = payment.refundedMinor + amount;
        await this.repository.saveRefund(refund);
        await this.repository.save({
          ...payment,
          refundedMinor,
          status: refundedMinor === payment.amountMinor ? 'refunded' : 'partially_refunded',
        });
        span.setAttribute('business.outcome', 'refunded');
        span.end();
        return refund;
      } catch (err) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: 'refund failed' });
        span.end();
        throw err;
      }
    });
  }
}
