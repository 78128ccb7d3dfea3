// Runtime test: the TypeScript gauge goldens' expected output, compiled with strict tsc, run against a real
// MeterProvider with a manual reader: items pushed and removed, each collection reporting the depth under
// the configured name and unit.
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { metrics } from '@opentelemetry/api';
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Compiled, compileStrict } from '../instrument/testing/compile-golden.js';

const DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../test/golden/gauges/typescript');

class ManualReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

const reader = new ManualReader();
let compiled: Compiled;

async function load<T>(name: string): Promise<T> {
  return (await import(pathToFileURL(join(compiled.outDir, name, 'expected.js')).href)) as T;
}

/** Every point of the gauge `name`: [value, unit]. */
async function gauge(name: string): Promise<[number, string][]> {
  const { resourceMetrics, errors } = await reader.collect();
  expect(errors).toEqual([]);
  return resourceMetrics.scopeMetrics.flatMap((scope) =>
    scope.metrics
      .filter((m) => m.descriptor.name === name)
      .flatMap((m) => m.dataPoints.map((p): [number, string] => [p.value as number, m.descriptor.unit])),
  );
}

beforeAll(() => {
  compiled = compileStrict(DIR, { exactOptionalPropertyTypes: true }, [`${DIR}/**/expected.ts`]);
  expect(compiled.diagnostics).toBe('');
  metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
}, 120_000);

afterAll(() => rmSync(compiled.dir, { recursive: true, force: true }));

describe('typescript gauges at run time', () => {
  it('a class-field array observed from the constructor', async () => {
    const { JobQueue } = await load<{
      JobQueue: new (name: string) => { push(job: { id: string }): void; shift(): unknown };
    }>('constructor-field');
    const queue = new JobQueue('main');
    for (const id of ['a', 'b', 'c']) queue.push({ id });
    expect(await gauge('shop.jobs.queue_depth')).toEqual([[3, '{item}']]);
    queue.shift();
    expect(await gauge('shop.jobs.queue_depth')).toEqual([[2, '{item}']]);
  });

  it('a Map assigned after super() in the constructor', async () => {
    const { SessionStore } = await load<{
      SessionStore: new (ttl: number) => { open(id: string): void; close(id: string): boolean };
    }>('constructor-assign');
    const store = new SessionStore(1000);
    store.open('s1');
    store.open('s2');
    expect(await gauge('shop.sessions.pending')).toEqual([[2, '{item}']]);
    store.close('s1');
    expect(await gauge('shop.sessions.pending')).toEqual([[1, '{item}']]);
  });

  it('a module-level array observed from module load', async () => {
    const outbox = await load<{ enqueue(m: string): void; drain(): string[] }>('module-array');
    outbox.enqueue('m1');
    outbox.enqueue('m2');
    outbox.enqueue('m3');
    expect(await gauge('shop.outbox.outbox.depth')).toEqual([[3, '{item}']]);
    outbox.drain();
    expect(await gauge('shop.outbox.outbox.depth')).toEqual([[0, '{item}']]);
  });

  it('with two instances the SDK keeps the point of the last one: the documented per-instance limit', async () => {
    const { JobQueue } = await load<{
      JobQueue: new (name: string) => { push(job: { id: string }): void; shift(): unknown };
    }>('constructor-field');
    const second = new JobQueue('second');
    second.push({ id: 'x' });
    // The first queue still holds 2 items: both callbacks observe the same (empty) attribute set.
    expect(await gauge('shop.jobs.queue_depth')).toEqual([[1, '{item}']]);
  });
});
