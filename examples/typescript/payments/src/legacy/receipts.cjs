'use strict';
// Receipt rendering from the first version of the service, still CommonJS because the merchant
// dashboard requires it directly. New code imports it from ESM (see server.ts).

const CURRENCY_SYMBOLS = { EUR: '€', USD: '$', GBP: '£' };

function formatLine(label, amountMinor, currency) {
  const amount = `${CURRENCY_SYMBOLS[currency] || ''}${(amountMinor / 100).toFixed(2)}`;
  return `${label.padEnd(24, ' ')}${amount.padStart(12, ' ')}`;
}

/** Plain-text receipt for a payment and its refunds. */
function renderReceipt(payment, refunds) {
  const lines = [
    `Receipt ${payment.id}`,
    `Merchant ${payment.merchantId}`,
    formatLine('Charged', payment.amountMinor, payment.currency),
  ];
  for (const refund of refunds) {
    lines.push(formatLine(`Refund ${refund.id}`, -refund.amountMinor, payment.currency));
  }
  lines.push(formatLine('Net', payment.amountMinor - payment.refundedMinor, payment.currency));
  return `${lines.join('\n')}\n`;
}

/**
 * Sends the receipt through the mailer (any object with an async send({ to, subject, text })).
 * Rejects when the merchant has no billing contact.
 */
async function sendReceipt(mailer, merchants, payment, refunds) {
  const merchant = await merchants.get(payment.merchantId);
  if (!merchant || !merchant.billingEmail) {
    throw new Error(`merchant ${payment.merchantId} has no billing contact`);
  }
  await mailer.send({
    to: merchant.billingEmail,
    subject: `Receipt for payment ${payment.id}`,
    text: renderReceipt(payment, refunds),
  });
  return { sentTo: merchant.billingEmail };
}

module.exports = { renderReceipt, sendReceipt };
