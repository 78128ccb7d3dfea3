import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError, InvalidPaymentStateError, PaymentNotFoundError, ValidationError } from '../src/errors.js';
import { PaymentService } from '../src/payments.js';
import { RefundService } from '../src/refunds.js';
import { InMemoryPaymentRepository } from '../src/repository.js';
import { FakeGateway, validRequest } from './fakes.js';

async function capturedPayment() {
  const gateway = new FakeGateway();
  const repository = new InMemoryPaymentRepository();
  const payments = new PaymentService(gateway, repository);
  const payment = await payments.capture((await payments.authorize(validRequest)).id);
  return { gateway, repository, payments, refunds: new RefundService(gateway, repository), payment };
}

describe('RefundService.refundPayment', () => {
  it('refunds the remaining amount when none is given', async () => {
    const { gateway, payments, refunds, payment } = await capturedPayment();
    const refund = await refunds.refundPayment(payment.id);
    assert.equal(refund.amountMinor, 2599);
    assert.deepEqual(gateway.refunds, [{ chargeId: 'ch_1', amountMinor: 2599 }]);
    assert.equal((await payments.getPayment(payment.id)).status, 'refunded');
  });

  it('tracks partial refunds until the payment is fully refunded', async () => {
    const { payments, refunds, payment } = await capturedPayment();
    await refunds.refundPayment(payment.id, 1000);
    assert.equal((await payments.getPayment(payment.id)).status, 'partially_refunded');
    await refunds.refundPayment(payment.id, 1599);
    const after = await payments.getPayment(payment.id);
    assert.equal(after.status, 'refunded');
    assert.equal(after.refundedMinor, 2599);
  });

  it('returns the last refund when the payment is already refunded', async () => {
    const { gateway, refunds, payment } = await capturedPayment();
    const first = await refunds.refundPayment(payment.id);
    const again = await refunds.refundPayment(payment.id);
    assert.equal(again.id, first.id);
    assert.equal(gateway.refunds.length, 1);
  });

  it('rejects amounts above what is left', async () => {
    const { refunds, payment } = await capturedPayment();
    await assert.rejects(refunds.refundPayment(payment.id, 5000), ValidationError);
  });

  it('rejects refunds of payments that were never captured', async () => {
    const { payments, refunds } = await capturedPayment();
    const authorized = await payments.authorize({ ...validRequest, idempotencyKey: 'order-1002' });
    await assert.rejects(refunds.refundPayment(authorized.id), InvalidPaymentStateError);
  });

  it('throws PaymentNotFoundError for an unknown payment', async () => {
    const { refunds } = await capturedPayment();
    await assert.rejects(refunds.refundPayment('pay_missing'), PaymentNotFoundError);
  });

  it('propagates gateway failures and leaves the payment unchanged', async () => {
    const { gateway, payments, refunds, payment } = await capturedPayment();
    gateway.failRefunds = true;
    await assert.rejects(refunds.refundPayment(payment.id), GatewayError);
    assert.equal((await payments.getPayment(payment.id)).refundedMinor, 0);
  });
});
