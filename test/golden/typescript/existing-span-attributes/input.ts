import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { CatalogDb, Product } from './support.js';

const tracer = trace.getTracer('catalog');

export async function getProduct(db: CatalogDb, sku: string): Promise<Product> {
  return tracer.startActiveSpan('shop.getProduct', async (span) => {
    try {
      const product = await db.findProduct(sku);
      if (!product) throw new Error(`unknown product ${sku}`);
      return product;
    } catch (err) {
      span.recordException(err as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: 'lookup failed' });
      throw err;
    } finally {
      span.end();
    }
  });
}

export async function listProducts(db: CatalogDb, category: string): Promise<Product[]> {
  return tracer.startActiveSpan('shop.listProducts', { kind: SpanKind.INTERNAL }, async (span) => {
    try {
      return await db.listProducts(category);
    } catch (err) {
      span.recordException(err as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: 'list failed' });
      throw err;
    } finally {
      span.end();
    }
  });
}

export async function renameProduct(db: CatalogDb, productId: string, name: string): Promise<Product> {
  return tracer.startActiveSpan(
    'shop.renameProduct',
    {
      attributes: {
        'catalog.change': 'rename',
      },
    },
    async (span) => {
      try {
        const product = await db.findProduct(productId);
        if (!product) throw new Error(`unknown product ${productId}`);
        return { ...product, name };
      } catch (err) {
        span.recordException(err as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: 'rename failed' });
        throw err;
      } finally {
        span.end();
      }
    },
  );
}
