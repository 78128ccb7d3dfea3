import type { Sql } from './support.js';

export async function dailyTotals(sql: Sql, merchantId: string, days: number) {
  const query = `
    select date_trunc('day', created_at) as day,
           sum(amount_minor) as total
      from payments
     where merchant_id = $1
       and created_at > now() - make_interval(days => $2)
  group by 1
  order by 1`;
  const { rows } = await sql.query(query, [merchantId, days]);
  if (rows.length === 0) {
    throw new Error(`no payments for ${merchantId} in ${days} days:
  check the merchant id`);
  }
  return rows.map((r) => `${r.day}\t${r.total}`).join('\n');
}
