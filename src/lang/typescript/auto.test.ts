import { describe, expect, it } from 'vitest';
import { factsOf, fnOf } from './__fixtures__/facts.js';

const ALL = { serverSpans: true, serverMetrics: true, clientSpans: true };
const SERVER = { serverSpans: true, serverMetrics: false, clientSpans: false };

describe('typescript adapter: auto-instrumentation', () => {
  it('sees the Node auto-instrumentations, by import, register entry, require and call', () => {
    const byImport = factsOf(`import { NodeSDK } from '@opentelemetry/sdk-node';
import { getNodeAutoInstrumentations } from '@opentelemetry/auto-instrumentations-node';
new NodeSDK({ instrumentations: [getNodeAutoInstrumentations()] }).start();`);
    expect(byImport.autoInstrumentation).toEqual([
      { library: 'auto-instrumentations-node', line: 2, covers: ALL },
    ]);
    expect(
      factsOf(`import '@opentelemetry/auto-instrumentations-node/register';`).autoInstrumentation,
    ).toEqual([{ library: 'auto-instrumentations-node', line: 1, covers: ALL }]);
    expect(
      factsOf(`require('@opentelemetry/auto-instrumentations-node/register');`, 'a.cjs').autoInstrumentation,
    ).toEqual([{ library: 'auto-instrumentations-node', line: 1, covers: ALL }]);
    expect(factsOf(`const sdk = makeSdk([getNodeAutoInstrumentations()]);`).autoInstrumentation).toEqual([
      { library: 'auto-instrumentations-node', line: 1, covers: ALL },
    ]);
  });

  it('sees framework instrumentations and what they cover', () => {
    const facts = factsOf(`
const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http');
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import fastifyOtel from '@fastify/otel';
import { registerOTel } from '@vercel/otel';
export function register() { registerOTel({ serviceName: 'web' }); }
`);
    expect(facts.autoInstrumentation).toEqual([
      { library: 'instrumentation-http', line: 2, covers: ALL },
      { library: 'instrumentation-express', line: 3, covers: SERVER },
      {
        library: 'instrumentation-pg',
        line: 4,
        covers: { serverSpans: false, serverMetrics: false, clientSpans: true },
      },
      { library: '@fastify/otel', line: 5, covers: SERVER },
      { library: '@vercel/otel', line: 6, covers: SERVER },
    ]);
  });

  it('sees instrumentations constructed from a wrapper package, but not in comments', () => {
    const facts = factsOf(`import { instrumentations } from '@acme/otel';
// new KoaInstrumentation() was removed
const list = [new HttpInstrumentation(), new NestInstrumentation()];`);
    expect(facts.autoInstrumentation.map((a) => [a.library, a.line])).toEqual([
      ['instrumentation-http', 3],
      ['instrumentation-nestjs-core', 3],
    ]);
  });

  it('sees tracing decorators and wrappers around one function', () => {
    const facts = factsOf(`
import { Span } from 'nestjs-otel';
export class Payments {
  @Span('payments.charge')
  async charge(id: string) { await this.gateway.charge(id); }
}
export const refund = withSpan('payments.refund', async (id: string) => { await gateway.refund(id); });
`);
    expect(fnOf(facts, 'Payments.charge').autoInstrumented).toEqual({
      library: 'nestjs-otel',
      line: 4,
      covers: SERVER,
    });
    expect(fnOf(facts, 'refund').autoInstrumented).toEqual({ library: 'withSpan', line: 7, covers: SERVER });
  });
});
