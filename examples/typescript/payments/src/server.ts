import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { pathToFileURL } from 'node:url';
import { PaymentError, ValidationError } from './errors.js';
import { toPublicPayment } from './format.js';
import { HttpPaymentGateway } from './gateway.js';
import receipts from './legacy/receipts.cjs';
import type { PaymentRequest } from './model.js';
import { PaymentService } from './payments.js';
import { RefundService } from './refunds.js';
import { InMemoryPaymentRepository, type PaymentRepository } from './repository.js';

const MAX_BODY_BYTES = 64 * 1024;

export interface ServerDeps {
  payments: PaymentService;
  refunds: RefundService;
  repository: PaymentRepository;
}

type RouteHandler = (deps: ServerDeps, req: IncomingMessage, res: ServerResponse, id: string) => Promise<void>;

const routes: { method: string; pattern: RegExp; handler: RouteHandler }[] = [
  { method: 'POST', pattern: /^\/payments$/, handler: createPayment },
  { method: 'GET', pattern: /^\/payments\/([\w-]+)$/, handler: getPayment },
  { method: 'POST', pattern: /^\/payments\/([\w-]+)\/capture$/, handler: capturePayment },
  { method: 'POST', pattern: /^\/payments\/([\w-]+)\/refunds$/, handler: refundPayment },
  { method: 'GET', pattern: /^\/payments\/([\w-]+)\/receipt$/, handler: getReceipt },
];

export function createPaymentServer(deps: ServerDeps): Server {
  return createServer((req, res) => {
    dispatch(deps, req, res).catch((err: unknown) => sendError(res, err));
  });
}

async function dispatch(deps: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (match && req.method === route.method) {
      await route.handler(deps, req, res, match[1] ?? '');
      return;
    }
  }
  sendJson(res, 404, { error: 'not_found' });
}

/** POST /payments */
async function createPayment(deps: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readJson(req);
  const payment = await deps.payments.authorize(parsePaymentRequest(body));
  sendJson(res, 201, toPublicPayment(payment));
}

/** GET /payments/:id */
async function getPayment(deps: ServerDeps, _req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
  sendJson(res, 200, toPublicPayment(await deps.payments.getPayment(id)));
}

/** POST /payments/:id/capture */
async function capturePayment(
  deps: ServerDeps,
  _req: IncomingMessage,
  res: ServerResponse,
  id: string,
): Promise<void> {
  sendJson(res, 200, toPublicPayment(await deps.payments.capture(id)));
}

/** POST /payments/:id/refunds with an optional {"amount_minor": n} */
async function refundPayment(deps: ServerDeps, req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
  const body = await readJson(req);
  const amount = body.amount_minor;
  if (amount !== undefined && typeof amount !== 'number') {
    throw new ValidationError('amount_minor must be a number');
  }
  const refund = await deps.refunds.refundPayment(id, amount);
  sendJson(res, 201, { id: refund.id, payment_id: refund.paymentId, amount_minor: refund.amountMinor });
}

/** GET /payments/:id/receipt, rendered by the legacy receipts module. */
async function getReceipt(deps: ServerDeps, _req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
  const payment = await deps.payments.getPayment(id);
  const text = receipts.renderReceipt(payment, await deps.repository.refundsFor(id));
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(text);
}

function parsePaymentRequest(body: Record<string, unknown>): PaymentRequest {
  const { merchant_id, amount_minor, currency, card_token, idempotency_key } = body;
  if (
    typeof merchant_id !== 'string' ||
    typeof amount_minor !== 'number' ||
    typeof currency !== 'string' ||
    typeof card_token !== 'string' ||
    typeof idempotency_key !== 'string'
  ) {
    throw new ValidationError('merchant_id, amount_minor, currency, card_token and idempotency_key are required');
  }
  return {
    merchantId: merchant_id,
    amountMinor: amount_minor,
    currency,
    cardToken: card_token,
    idempotencyKey: idempotency_key,
  };
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      throw new ValidationError('request body too large');
    }
    chunks.push(chunk as Buffer);
  }
  if (size === 0) {
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new ValidationError('request body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ValidationError('request body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function sendError(res: ServerResponse, err: unknown): void {
  if (err instanceof PaymentError) {
    sendJson(res, err.status, { error: err.code, message: err.message });
    return;
  }
  console.error('unhandled error', err);
  if (!res.headersSent) {
    sendJson(res, 500, { error: 'internal_error' });
  }
}

function main(): void {
  const baseUrl = process.env.PAYMENTS_PROVIDER_URL;
  const apiKey = process.env.PAYMENTS_PROVIDER_KEY;
  if (!baseUrl || !apiKey) {
    throw new Error('PAYMENTS_PROVIDER_URL and PAYMENTS_PROVIDER_KEY must be set');
  }
  const repository = new InMemoryPaymentRepository();
  const gateway = new HttpPaymentGateway(baseUrl, apiKey);
  const server = createPaymentServer({
    payments: new PaymentService(gateway, repository),
    refunds: new RefundService(gateway, repository),
    repository,
  });
  const port = Number(process.env.PORT ?? 3000);
  server.listen(port, () => console.log(`payments listening on :${port}`));
}

// Start only when run as the entry point, not when tests import createPaymentServer.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main();
}
