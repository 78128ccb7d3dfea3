'use strict';
// Receipts from the first version of the service, still CommonJS because the dashboard requires it.

const fs = require('node:fs');
const path = require('node:path');
const { SpanStatusCode, trace } = require('@opentelemetry/api');

const tracer = trace.getTracer('shop');

/** Writes the receipt under `dir`; an empty receipt is refused. */
exports.archiveReceipt = function archiveReceipt(dir, paymentId, text) {
  return tracer.startActiveSpan(
    'shop.archiveReceipt',
    { attributes: { 'service.operation': 'archive_receipt', 'business.entity_id': paymentId } },
    (span) => {
      try {
        if (!text) {
          throw new Error('empty receipt');
        }
        const file = path.join(dir, `${paymentId}.txt`);
        fs.writeFileSync(file, text);
        span.setAttribute('business.outcome', 'success');
        return file;
      } catch (err) {
        span.recordException(err);
        span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.name : 'Error' });
        throw err;
      } finally {
        span.end();
      }
    },
  );
};

exports.sendReceipt = async function (mailerUrl, paymentId, text) {
  return tracer.startActiveSpan(
    'shop.sendReceipt',
    { attributes: { 'service.operation': 'send_receipt', 'business.entity_id': paymentId } },
    async (span) => {
      try {
        const response = await fetch(mailerUrl, { method: 'POST', body: JSON.stringify({ paymentId, text }) });
        if (!response.ok) {
          throw new Error(`mailer answered ${response.status}`);
        }
        span.setAttribute('business.outcome', 'success');
        return { sent: true };
      } catch (err) {
        span.recordException(err);
        span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.name : 'Error' });
        throw err;
      } finally {
        span.end();
      }
    },
  );
};
