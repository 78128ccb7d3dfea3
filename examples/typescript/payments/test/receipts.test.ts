import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import receipts from '../src/legacy/receipts.cjs';

const payment = {
  id: 'pay_1',
  merchantId: 'mer_42',
  amountMinor: 2599,
  currency: 'EUR',
  refundedMinor: 1000,
};
const refunds = [{ id: 're_1', amountMinor: 1000 }];

describe('legacy receipts', () => {
  it('renders charges, refunds and the net amount', () => {
    const text: string = receipts.renderReceipt(payment, refunds);
    assert.match(text, /^Receipt pay_1\n/);
    assert.match(text, /Charged\s+€25\.99/);
    assert.match(text, /Refund re_1\s+€-10\.00/);
    assert.match(text, /Net\s+€15\.99\n$/);
  });

  it('mails the receipt to the billing contact', async () => {
    const sent: { to: string; subject: string }[] = [];
    const mailer = { send: async (message: { to: string; subject: string }) => void sent.push(message) };
    const merchants = { get: async () => ({ billingEmail: 'billing@shop.example' }) };
    const result = await receipts.sendReceipt(mailer, merchants, payment, refunds);
    assert.deepEqual(result, { sentTo: 'billing@shop.example' });
    assert.equal(sent[0]?.subject, 'Receipt for payment pay_1');
  });

  it('rejects merchants without a billing contact', async () => {
    const mailer = { send: async () => undefined };
    const merchants = { get: async () => ({}) };
    await assert.rejects(receipts.sendReceipt(mailer, merchants, payment, refunds), /no billing contact/);
  });
});
