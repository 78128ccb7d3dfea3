import { SpanStatusCode, trace } from '@opentelemetry/api';
import type { StockDb } from './support.js';

const tracer = trace.getTracer('shop');

export const reserveStock = async (db: StockDb, sku: string, quantity: number) => {
  return tracer.startActiveSpan(
    'shop.reserveStock',
    { attributes: { 'service.operation': 'reserve_stock', 'business.entity_id': sku } },
    async (span) => {
      try {
        const level = db.findLevel(sku) ?? 0;
        if (level < quantity) {
          throw new RangeError(`only ${level} of ${sku} left`);
        }
        await db.updateLevel(sku, level - quantity);
        span.setAttribute('business.outcome', 'success');
        return level - quantity;
      } catch (err) {
        span.recordException(err as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.name : 'Error' });
        throw err;
      } finally {
        span.end();
      }
    },
  );
};

export const findLevel = (db: StockDb, sku: string) => {
  return tracer.startActiveSpan(
    'shop.findLevel',
    { attributes: { 'service.operation': 'find_level', 'business.entity_id': sku } },
    (span) => {
      try {
        const result = db.findLevel(sku);
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
};

export const countReservations = async (db: StockDb, sku: string): Promise<number> => {
  return tracer.startActiveSpan(
    'shop.countReservations',
    { attributes: { 'service.operation': 'count_reservations', 'business.entity_id': sku } },
    async (span): Promise<number> => {
      try {
        const result: number = await db.countReservations(sku);
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
};
