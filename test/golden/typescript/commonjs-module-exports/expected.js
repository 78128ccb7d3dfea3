const db = require('./db');
const { SpanStatusCode, trace } = require('@opentelemetry/api');

const tracer = trace.getTracer('shop');

async function listRefunds(paymentId) {
  return tracer.startActiveSpan(
    'shop.listRefunds',
    { attributes: { 'service.operation': 'list_refunds', 'business.entity_id': paymentId } },
    async (span) => {
      try {
        const { rows } = await db.query('select * from refunds where payment_id = $1', [paymentId]);
        span.setAttribute('business.outcome', 'success');
        return rows;
      } catch (err) {
        span.recordException(err);
        span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.name : 'Error' });
        throw err;
      } finally {
        span.end();
      }
    },
  );
}

module.exports = {
  listRefunds,
  async refund(paymentId, amountMinor) {
    return tracer.startActiveSpan(
      'shop.refund',
      { attributes: { 'service.operation': 'refund', 'business.entity_id': paymentId } },
      async (span) => {
        try {
          if (amountMinor <= 0) {
            throw new RangeError('amount must be positive');
          }
          await db.query('insert into refunds (payment_id, amount_minor) values ($1, $2)', [paymentId, amountMinor]);
          span.setAttribute('business.outcome', 'success');
          return { paymentId, amountMinor };
        } catch (err) {
          span.recordException(err);
          span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.name : 'Error' });
          throw err;
        } finally {
          span.end();
        }
      },
    );
  },
};
