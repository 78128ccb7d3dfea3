/** Base class so the HTTP layer can map every domain error to a status code in one place. */
export class PaymentError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends PaymentError {
  constructor(message: string) {
    super(message, 422, 'invalid_request');
  }
}

export class PaymentNotFoundError extends PaymentError {
  constructor(readonly paymentId: string) {
    super(`payment ${paymentId} not found`, 404, 'payment_not_found');
  }
}

/** The issuer refused the card. Not retryable with the same card. */
export class CardDeclinedError extends PaymentError {
  constructor(readonly declineCode: string) {
    super(`card declined: ${declineCode}`, 402, 'card_declined');
  }
}

export class InvalidPaymentStateError extends PaymentError {
  constructor(paymentId: string, state: string, operation: string) {
    super(`cannot ${operation} payment ${paymentId} in state ${state}`, 409, 'invalid_state');
  }
}

/** The payment provider failed or was unreachable; safe to retry with the same idempotency key. */
export class GatewayError extends PaymentError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, 502, 'gateway_error');
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}
