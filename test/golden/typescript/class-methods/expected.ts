import { SpanStatusCode, trace } from '@opentelemetry/api';
import type { Gateway, Payment, PaymentDb } from './support.js';

const tracer = trace.getTracer('shop');

export class PaymentService {
  private captures = 0;

  constructor(
    private readonly gateway: Gateway,
    private readonly db: PaymentDb,
  ) {}

  /** Captures an authorised payment; capturing twice is a no-op. */
  async capture(paymentId: string): Promise<Payment> {
    return tracer.startActiveSpan(
      'shop.capture',
      {
        attributes: {
          'service.operation': 'capture',
          'business.entity_id': paymentId,
        },
      },
      async (span): Promise<Payment> => {
        try {
          const payment = await this.db.findById(paymentId);
          if (!payment) {
            throw new Error(`payment ${paymentId} not found`);
          }
          if (payment.status === 'captured') {
            span.setAttribute('business.outcome', 'success');
            return payment;
          }
          await this.gateway.capture(payment.chargeId);
          const captured: Payment = { ...payment, status: 'captured' };
          await this.db.save(captured);
          this.captures++;
          span.setAttribute('business.outcome', 'success');
          return captured;
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

  static async countPayments(db: PaymentDb): Promise<number> {
    return tracer.startActiveSpan(
      'shop.countPayments',
      { attributes: { 'service.operation': 'count_payments' } },
      async (span): Promise<number> => {
        try {
          const total = await db.count();
          if (total < 0) throw new Error('negative count');
          span.setAttribute('business.outcome', 'success');
          return total;
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
}
