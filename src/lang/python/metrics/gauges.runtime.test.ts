// Drives the gauge goldens' expected output for real (test/golden/gauges/python/test_gauges_runtime.py):
// a MeterProvider with an InMemoryMetricReader, items enqueued and dequeued, each collection reporting the
// depth under the configured name and unit.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const venvPython = join(repo, '.venv/bin/python');

describe.skipIf(!existsSync(venvPython))('python gauges at run time', () => {
  it('report the queue depths after enqueue and dequeue (pytest)', () => {
    const env = { ...process.env, PYTHONDONTWRITEBYTECODE: '1' };
    const r = spawnSync(
      venvPython,
      ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', 'test/golden/gauges/python/test_gauges_runtime.py'],
      { cwd: repo, env, encoding: 'utf8', timeout: 300_000 },
    );
    const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
    expect(output).toMatch(/3 passed/);
    expect({ status: r.status, output: r.status === 0 ? '' : output }).toEqual({ status: 0, output: '' });
  }, 300_000);
});
