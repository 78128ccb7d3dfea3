export type Currency = 'EUR' | 'USD' | 'GBP';

export const SUPPORTED_CURRENCIES: readonly Currency[] = ['EUR', 'USD', 'GBP'];

export type PaymentStatus = 'authorized' | 'captured' | 'refunded' | 'partially_refunded';

export interface Payment {
  id: string;
  merchantId: string;
  /** Amount in minor units (cents). */
  amountMinor: number;
  currency: Currency;
  /** Provider-issued token for the card; the raw card number never reaches this service. */
  cardToken: string;
  status: PaymentStatus;
  providerChargeId: string;
  refundedMinor: number;
  createdAt: Date;
}

export interface Refund {
  id: string;
  paymentId: string;
  amountMinor: number;
  providerRefundId: string;
  createdAt: Date;
}

export interface PaymentRequest {
  merchantId: string;
  amountMinor: number;
  currency: string;
  cardToken: string;
  /** Client-chosen key: retrying a request with the same key never charges twice. */
  idempotencyKey: string;
}
