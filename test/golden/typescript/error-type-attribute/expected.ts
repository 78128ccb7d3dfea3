import { SpanStatusCode, trace } from '@opentelemetry/api';
import type { Inventory } from './support.js';

const tracer = trace.getTracer('shop');

export async function releaseStock(inventory: Inventory, sku: string, quantity: number): Promise<number> {
  return tracer.startActiveSpan(
    'shop.releaseStock',
    { attributes: { 'service.operation': 'release_stock', 'business.entity_id': sku } },
    async (span): Promise<number> => {
      try {
        if (quantity <= 0) {
          throw new RangeError('quantity must be positive');
        }
        return await inventory.release(sku, quantity);
      } catch (err) {
        const errorType = err instanceof Error ? err.name : 'Error';
        span.setAttribute('error.type', errorType);
        span.setStatus({ code: SpanStatusCode.ERROR, message: errorType });
        throw err;
      } finally {
        span.end();
      }
    },
  );
}
