import { SpanStatusCode, trace } from '@opentelemetry/api';
import type { Sql } from './support.js';

const tracer = trace.getTracer('shop');

export async function dailyTotals(sql: Sql, merchantId: string, days: number) {
  return tracer.startActiveSpan(
    'shop.dailyTotals',
    {
      attributes: {
        'service.operation': 'daily_totals',
        'business.entity_id': merchantId,
      },
    },
    async (span) => {
      try {
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
        const result = rows.map((r) => `${r.day}\t${r.total}`).join('\n');
        span.setAttribute('business.outcome', 'success');
        return result;
      } catch (err) {
        span.recordException(err as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.name : 'Error' });
        throw err;
      } finally {
        span.end();
      }
    },
  );
}
