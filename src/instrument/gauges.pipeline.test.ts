// The standards' gauges through the real pipeline: the file that creates the queue gets the gauge,
// a gauge no file creates is reported against the standards file, and a second run changes nothing.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runInstrument } from './run-instrument.js';
import { instrumentOptions } from './testing/options.js';

const golden = resolve(dirname(fileURLToPath(import.meta.url)), '../../test/golden/gauges/python');

const STANDARDS = `metrics:
  gauges:
    - { name: queue_depth, source: self.outbox }
    - { name: pool_in_use, source: self.pool }
`;

function options(cwd: string) {
  return instrumentOptions(cwd, { selection: { gapTypes: ['missing_metric'] } });
}

describe('gauges in the metrics pipeline', () => {
  it('observes the queue where it is created, reports the gauge nobody creates, and is idempotent', async () => {
    const root = mkdtempSync(join(tmpdir(), 'otelwright-gauges-'));
    cpSync(join(golden, 'deque_and_list/input.py'), join(root, 'mailer.py'));
    writeFileSync(join(root, 'otelwright.yaml'), STANDARDS);

    const first = await runInstrument(options(root));
    expect(first.planned).toEqual([
      expect.objectContaining({ file: 'mailer.py', function: 'Mailer.__init__', gauge: 'queue_depth' }),
    ]);
    expect(first.skipped).toEqual([
      expect.objectContaining({
        file: 'otelwright.yaml',
        gauge: 'pool_in_use',
        reason: expect.stringContaining('no audited file creates self.pool'),
      }),
    ]);
    expect(first.validation.every((v) => v.ok)).toBe(true);
    const text = readFileSync(join(root, 'mailer.py'), 'utf8');
    expect(text).toContain('.create_observable_gauge(');
    expect(text).toContain('len(');

    const second = await runInstrument(options(root));
    expect(second.planned).toEqual([]);
    expect(second.filesChanged).toEqual([]);
    expect(readFileSync(join(root, 'mailer.py'), 'utf8')).toBe(text);
  });
});
