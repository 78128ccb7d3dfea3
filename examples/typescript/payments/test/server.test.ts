import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { PaymentService } from '../src/payments.js';
import { RefundService } from '../src/refunds.js';
import { InMemoryPaymentRepository } from '../src/repository.js';
import { createPaymentServer } from '../src/server.js';
import { FakeGateway } from './fakes.js';

describe('payments HTTP API', () => {
  const repository = new InMemoryPaymentRepository();
  const gateway = new FakeGateway();
  const server = createPaymentServer({
    payments: new PaymentService(gateway, repository),
    refunds: new RefundService(gateway, repository),
    repository,
  });
  let baseUrl = '';

  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const post = (path: string, body?: unknown) =>
    fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const paymentBody = {
    merchant_id: 'mer_42',
    amount_minor: 4200,
    currency: 'GBP',
    card_token: 'tok_mc_4444',
    idempotency_key: 'order-2001',
  };

  it('authorises, captures, refunds and renders a receipt', async () => {
    const created = await post('/payments', paymentBody);
    assert.equal(created.status, 201);
    const payment = (await created.json()) as { id: string; card: string; status: string };
    assert.equal(payment.card, '****4444');
    assert.equal(payment.status, 'authorized');

    assert.equal((await post(`/payments/${payment.id}/capture`)).status, 200);
    const refund = await post(`/payments/${payment.id}/refunds`, { amount_minor: 200 });
    assert.equal(refund.status, 201);

    const receipt = await fetch(`${baseUrl}/payments/${payment.id}/receipt`);
    assert.equal(receipt.status, 200);
    assert.match(await receipt.text(), /Net\s+£40\.00/);
  });

  const failures: [string, () => Promise<Response>, number, string][] = [
    ['declined card', () => post('/payments', { ...paymentBody, card_token: 'tok_declined', idempotency_key: 'order-2002' }), 402, 'card_declined'],
    ['missing fields', () => post('/payments', { merchant_id: 'mer_42' }), 422, 'invalid_request'],
    ['unknown payment', () => fetch(`${baseUrl}/payments/pay_missing`), 404, 'payment_not_found'],
    ['unknown route', () => fetch(`${baseUrl}/refunds`), 404, 'not_found'],
  ];
  for (const [name, request, status, code] of failures) {
    it(`answers ${status} ${code} for ${name}`, async () => {
      const response = await request();
      assert.equal(response.status, status);
      assert.equal(((await response.json()) as { error: string }).error, code);
    });
  }
});
