import type { Payment, Refund } from './model.js';

/** Storage for payments and refunds. Production uses Postgres; tests and local runs use the in-memory one. */
export interface PaymentRepository {
  findById(id: string): Promise<Payment | undefined>;
  findByIdempotencyKey(merchantId: string, key: string): Promise<Payment | undefined>;
  save(payment: Payment, idempotencyKey?: string): Promise<void>;
  saveRefund(refund: Refund): Promise<void>;
  refundsFor(paymentId: string): Promise<Refund[]>;
}

export class InMemoryPaymentRepository implements PaymentRepository {
  private readonly payments = new Map<string, Payment>();
  private readonly idempotencyKeys = new Map<string, string>();
  private readonly refunds: Refund[] = [];

  async findById(id: string): Promise<Payment | undefined> {
    const payment = this.payments.get(id);
    return payment && { ...payment };
  }

  async findByIdempotencyKey(merchantId: string, key: string): Promise<Payment | undefined> {
    const id = this.idempotencyKeys.get(`${merchantId}:${key}`);
    return id === undefined ? undefined : this.findById(id);
  }

  async save(payment: Payment, idempotencyKey?: string): Promise<void> {
    this.payments.set(payment.id, { ...payment });
    if (idempotencyKey !== undefined) {
      this.idempotencyKeys.set(`${payment.merchantId}:${idempotencyKey}`, payment.id);
    }
  }

  async saveRefund(refund: Refund): Promise<void> {
    this.refunds.push({ ...refund });
  }

  async refundsFor(paymentId: string): Promise<Refund[]> {
    return this.refunds.filter((refund) => refund.paymentId === paymentId);
  }
}
