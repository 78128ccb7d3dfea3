import { CardDeclinedError, GatewayError } from './errors.js';
import type { Currency } from './model.js';

export interface ChargeRequest {
  amountMinor: number;
  currency: Currency;
  cardToken: string;
  idempotencyKey: string;
}

export interface ChargeResult {
  chargeId: string;
  captured: boolean;
}

/** The card processor. Implementations throw CardDeclinedError for declines and GatewayError otherwise. */
export interface PaymentGateway {
  charge(request: ChargeRequest): Promise<ChargeResult>;
  capture(chargeId: string): Promise<void>;
  refund(chargeId: string, amountMinor: number, idempotencyKey: string): Promise<{ refundId: string }>;
}

interface ProviderError {
  error?: { type?: string; decline_code?: string; message?: string };
}

/** PaymentGateway over the provider's REST API. */
export class HttpPaymentGateway implements PaymentGateway {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
    private readonly timeoutMs = 10_000,
  ) {}

  async charge(request: ChargeRequest): Promise<ChargeResult> {
    const body = await this.post('/v1/charges', request.idempotencyKey, {
      amount: request.amountMinor,
      currency: request.currency.toLowerCase(),
      source: request.cardToken,
      capture: false,
    });
    return { chargeId: String(body.id), captured: body.captured === true };
  }

  async capture(chargeId: string): Promise<void> {
    await this.post(`/v1/charges/${encodeURIComponent(chargeId)}/capture`, `capture-${chargeId}`, {});
  }

  async refund(chargeId: string, amountMinor: number, idempotencyKey: string): Promise<{ refundId: string }> {
    const body = await this.post('/v1/refunds', idempotencyKey, { charge: chargeId, amount: amountMinor });
    return { refundId: String(body.id) };
  }

  private async post(path: string, idempotencyKey: string, payload: object): Promise<Record<string, unknown>> {
    let response: Response;
    try {
      response = await fetch(new URL(path, this.baseUrl), {
        method: 'POST',
        headers: {
          authorization: `Bearer ${this.apiKey}`,
          'content-type': 'application/json',
          'idempotency-key': idempotencyKey,
        },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw new GatewayError(`payment provider unreachable: ${path}`, { cause: err });
    }
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown> & ProviderError;
    if (response.status === 402 && body.error?.type === 'card_error') {
      throw new CardDeclinedError(body.error.decline_code ?? 'generic_decline');
    }
    if (!response.ok) {
      throw new GatewayError(`payment provider returned ${response.status} for ${path}`);
    }
    return body;
  }
}
