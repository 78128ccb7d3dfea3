import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { CardDeclinedError, GatewayError } from '../src/errors.js';
import { HttpPaymentGateway } from '../src/gateway.js';

/** A stand-in for the provider's API: the card token picks the answer. */
function provider(req: IncomingMessage, res: ServerResponse): void {
  let raw = '';
  req.on('data', (chunk) => {
    raw += chunk;
  });
  req.on('end', () => {
    const reply = (status: number, body: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.headers.authorization !== 'Bearer sk_test' || !req.headers['idempotency-key']) {
      reply(401, { error: { type: 'auth_error' } });
      return;
    }
    const body = JSON.parse(raw) as { source?: string };
    if (req.url === '/v1/refunds') reply(200, { id: 're_1' });
    else if (body.source === 'tok_declined') reply(402, { error: { type: 'card_error', decline_code: 'stolen_card' } });
    else if (body.source === 'tok_outage') reply(503, { error: { type: 'api_error' } });
    else reply(200, { id: 'ch_1', captured: false });
  });
}

describe('HttpPaymentGateway', () => {
  const server = createServer(provider);
  let gateway: HttpPaymentGateway;

  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    gateway = new HttpPaymentGateway(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, 'sk_test');
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const charge = (cardToken: string) =>
    gateway.charge({ amountMinor: 500, currency: 'EUR', cardToken, idempotencyKey: 'order-3001' });

  it('returns the charge id', async () => {
    assert.deepEqual(await charge('tok_visa'), { chargeId: 'ch_1', captured: false });
  });

  it('turns a card_error 402 into CardDeclinedError with the decline code', async () => {
    await assert.rejects(charge('tok_declined'), (err: unknown) => {
      assert.ok(err instanceof CardDeclinedError);
      assert.equal(err.declineCode, 'stolen_card');
      return true;
    });
  });

  it('turns provider failures into GatewayError', async () => {
    await assert.rejects(charge('tok_outage'), GatewayError);
  });

  it('refunds by charge id', async () => {
    assert.deepEqual(await gateway.refund('ch_1', 200, 'refund-1'), { refundId: 're_1' });
  });

  it('reports an unreachable provider as GatewayError', async () => {
    const offline = new HttpPaymentGateway('http://127.0.0.1:9', 'sk_test', 1_000);
    await assert.rejects(offline.capture('ch_1'), GatewayError);
  });
});
