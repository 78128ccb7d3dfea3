// Pure presentation helpers: no I/O, nothing worth a span.
import type { Currency, Payment } from './model.js';

const SYMBOLS: Record<Currency, string> = { EUR: '€', USD: '$', GBP: '£' };

/** 1999 EUR → "€19.99". */
export function formatAmount(amountMinor: number, currency: Currency): string {
  const sign = amountMinor < 0 ? '-' : '';
  const abs = Math.abs(amountMinor);
  const major = Math.trunc(abs / 100);
  const minor = String(abs % 100).padStart(2, '0');
  return `${sign}${SYMBOLS[currency]}${major}.${minor}`;
}

/** Card tokens are opaque, but logs still show only their tail. */
export function maskToken(token: string): string {
  return token.length <= 4 ? '****' : `****${token.slice(-4)}`;
}

export function describePayment(payment: Payment): string {
  return `${payment.id} ${formatAmount(payment.amountMinor, payment.currency)} (${payment.status})`;
}

/** What the API returns: dates as ISO strings, the card token masked. */
export function toPublicPayment(payment: Payment): Record<string, unknown> {
  return {
    id: payment.id,
    merchant_id: payment.merchantId,
    amount_minor: payment.amountMinor,
    currency: payment.currency,
    card: maskToken(payment.cardToken),
    status: payment.status,
    refunded_minor: payment.refundedMinor,
    created_at: payment.createdAt.toISOString(),
  };
}
