const db = require('./db');

async function listRefunds(paymentId) {
  const { rows } = await db.query('select * from refunds where payment_id = $1', [paymentId]);
  return rows;
}

module.exports = {
  listRefunds,
  async refund(paymentId, amountMinor) {
    if (amountMinor <= 0) {
      throw new RangeError('amount must be positive');
    }
    await db.query('insert into refunds (payment_id, amount_minor) values ($1, $2)', [paymentId, amountMinor]);
    return { paymentId, amountMinor };
  },
};
