import type { Gateway, Payment, PaymentDb } from './support.js';

export class PaymentService {
  private captures = 0;

  constructor(
    private readonly gateway: Gateway,
    private readonly db: PaymentDb,
  ) {}

  /** Captures an authorised payment; capturing twice is a no-op. */
  async capture(paymentId: string): Promise<Payment> {
    const payment = await this.db.findById(paymentId);
    if (!payment) {
      throw new Error(`payment ${paymentId} not found`);
    }
    if (payment.status === 'captured') {
      return payment;
    }
    await this.gateway.capture(payment.chargeId);
    const captured: Payment = { ...payment, status: 'captured' };
    await this.db.save(captured);
    this.captures++;
    return captured;
  }

  static async countPayments(db: PaymentDb): Promise<number> {
    const total = await db.count();
    if (total < 0) throw new Error('negative count');
    return total;
  }
}
