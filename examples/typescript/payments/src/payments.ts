import { randomUUID } from 'node:crypto';
import { InvalidPaymentStateError, PaymentNotFoundError, ValidationError } from './errors.js';
import type { PaymentGateway } from './gateway.js';
import { type Currency, type Payment, type PaymentRequest, SUPPORTED_CURRENCIES } from './model.js';
import type { PaymentRepository } from './repository.js';

/** Card payments are authorised first and captured when the merchant ships. */
export class PaymentService {
  constructor(
    private readonly gateway: PaymentGateway,
    private readonly repository: PaymentRepository,
    private readonly maxAmountMinor = 1_000_000,
  ) {}

  /**
   * Authorises a card payment. Replaying a request with the same idempotency key returns the first
   * payment instead of charging again. Throws CardDeclinedError when the issuer declines.
   */
  async authorize(request: PaymentRequest): Promise<Payment> {
    const currency = this.validate(request);
    const previous = await this.repository.findByIdempotencyKey(request.merchantId, request.idempotencyKey);
    if (previous) {
      return previous;
    }

    const charge = await this.gateway.charge({
      amountMinor: request.amountMinor,
      currency,
      cardToken: request.cardToken,
      idempotencyKey: request.idempotencyKey,
    });
    const payment: Payment = {
      id: `pay_${randomUUID()}`,
      merchantId: request.merchantId,
      amountMinor: request.amountMinor,
      currency,
      cardToken: request.cardToken,
      status: charge.captured ? 'captured' : 'authorized',
      providerChargeId: charge.chargeId,
      refundedMinor: 0,
      createdAt: new Date(),
    };
    await this.repository.save(payment, request.idempotencyKey);
    return payment;
  }

  /** Captures an authorised payment; capturing twice is a no-op. */
  async capture(paymentId: string): Promise<Payment> {
    const payment = await this.getPayment(paymentId);
    if (payment.status === 'captured') {
      return payment;
    }
    if (payment.status !== 'authorized') {
      throw new InvalidPaymentStateError(paymentId, payment.status, 'capture');
    }
    await this.gateway.capture(payment.providerChargeId);
    const captured: Payment = { ...payment, status: 'captured' };
    await this.repository.save(captured);
    return captured;
  }

  async getPayment(paymentId: string): Promise<Payment> {
    const payment = await this.repository.findById(paymentId);
    if (!payment) {
      throw new PaymentNotFoundError(paymentId);
    }
    return payment;
  }

  private validate(request: PaymentRequest): Currency {
    if (!Number.isSafeInteger(request.amountMinor) || request.amountMinor <= 0) {
      throw new ValidationError('amountMinor must be a positive integer');
    }
    if (request.amountMinor > this.maxAmountMinor) {
      throw new ValidationError(`amountMinor exceeds the limit of ${this.maxAmountMinor}`);
    }
    const currency = SUPPORTED_CURRENCIES.find((c) => c === request.currency.toUpperCase());
    if (!currency) {
      throw new ValidationError(`unsupported currency ${request.currency}`);
    }
    if (!request.cardToken.startsWith('tok_')) {
      throw new ValidationError('cardToken must be a provider token (tok_...)');
    }
    if (request.idempotencyKey.length < 8) {
      throw new ValidationError('idempotencyKey must be at least 8 characters');
    }
    return currency;
  }
}
