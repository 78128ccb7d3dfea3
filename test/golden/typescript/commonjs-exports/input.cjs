'use strict';
// Receipts from the first version of the service, still CommonJS because the dashboard requires it.

const fs = require('node:fs');
const path = require('node:path');

/** Writes the receipt under `dir`; an empty receipt is refused. */
exports.archiveReceipt = function archiveReceipt(dir, paymentId, text) {
  if (!text) {
    throw new Error('empty receipt');
  }
  const file = path.join(dir, `${paymentId}.txt`);
  fs.writeFileSync(file, text);
  return file;
};

exports.sendReceipt = async function (mailerUrl, paymentId, text) {
  const response = await fetch(mailerUrl, { method: 'POST', body: JSON.stringify({ paymentId, text }) });
  if (!response.ok) {
    throw new Error(`mailer answered ${response.status}`);
  }
  return { sent: true };
};
