import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CardDeclinedError, InvalidPaymentStateError, PaymentNotFoundError, ValidationError } from '../src/errors.js';
import { PaymentService } from '../src/payments.js';
import { InMemoryPaymentRepository } from '../src/repository.js';
import { FakeGateway, validRequest } from './fakes.js';

function setup() {
  const gateway = new FakeGateway();
  const repository = new InMemoryPaymentRepository();
  return { gateway, repository, service: new PaymentService(gateway, repository) };
}

describe('PaymentService.authorize', () => {
  it('authorises the card and stores the payment', async () => {
    const { gateway, service } = setup();
    const payment = await service.authorize(validRequest);
    assert.equal(payment.status, 'authorized');
    assert.equal(payment.currency, 'EUR');
    assert.equal(payment.providerChargeId, 'ch_1');
    assert.deepEqual(await service.getPayment(payment.id), payment);
    assert.equal(gateway.charges.length, 1);
  });

  it('replays a request with the same idempotency key without charging again', async () => {
    const { gateway, service } = setup();
    const first = await service.authorize(validRequest);
    const second = await service.authorize(validRequest);
    assert.equal(second.id, first.id);
    assert.equal(gateway.charges.length, 1);
  });

  it('throws CardDeclinedError when the issuer declines', async () => {
    const { repository, service } = setup();
    await assert.rejects(service.authorize({ ...validRequest, cardToken: 'tok_card_declined' }), CardDeclinedError);
    assert.equal(await repository.findByIdempotencyKey(validRequest.merchantId, validRequest.idempotencyKey), undefined);
  });

  const invalid: [string, Partial<typeof validRequest>][] = [
    ['zero amount', { amountMinor: 0 }],
    ['fractional amount', { amountMinor: 10.5 }],
    ['amount over the limit', { amountMinor: 1_000_001 }],
    ['unsupported currency', { currency: 'JPY' }],
    ['raw card number', { cardToken: '4242424242424242' }],
    ['short idempotency key', { idempotencyKey: 'abc' }],
  ];
  for (const [name, override] of invalid) {
    it(`rejects ${name}`, async () => {
      const { gateway, service } = setup();
      await assert.rejects(service.authorize({ ...validRequest, ...override }), ValidationError);
      assert.equal(gateway.charges.length, 0);
    });
  }
});

describe('PaymentService.capture', () => {
  it('captures once and is idempotent afterwards', async () => {
    const { gateway, service } = setup();
    const payment = await service.authorize(validRequest);
    assert.equal((await service.capture(payment.id)).status, 'captured');
    assert.equal((await service.capture(payment.id)).status, 'captured');
    assert.deepEqual(gateway.captures, ['ch_1']);
  });

  it('refuses to capture a refunded payment', async () => {
    const { repository, service } = setup();
    const payment = await service.authorize(validRequest);
    await repository.save({ ...payment, status: 'refunded' });
    await assert.rejects(service.capture(payment.id), InvalidPaymentStateError);
  });

  it('throws PaymentNotFoundError for an unknown id', async () => {
    const { service } = setup();
    await assert.rejects(service.capture('pay_missing'), PaymentNotFoundError);
  });
});
