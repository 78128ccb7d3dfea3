// Drives the metrics goldens' expected output for real (test/runtime/metrics/python): a MeterProvider
// with an InMemoryMetricReader, FastAPI's TestClient (a router mounted through include_router prefixes),
// Flask's test client (a blueprint registered under other prefixes: the matched rule is recorded) and
// Django's (settings.configure with the case's urls.py as ROOT_URLCONF), success and failure paths;
// one histogram point per request with the status the client received, counter values equal to the
// requests made, no high-cardinality attribute, and FastAPI still seeing the original signature.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const venvPython = join(repo, '.venv/bin/python');

describe.skipIf(!existsSync(venvPython))('python handler metrics at run time', () => {
  it('record what FastAPI, Flask and Django clients received (pytest)', () => {
    const env = { ...process.env, PYTHONDONTWRITEBYTECODE: '1' };
    const r = spawnSync(
      venvPython,
      ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', 'test/runtime/metrics/python'],
      { cwd: repo, env, encoding: 'utf8', timeout: 300_000 },
    );
    const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
    expect(output).toMatch(/7 passed/);
    expect({ status: r.status, output: r.status === 0 ? '' : output }).toEqual({ status: 0, output: '' });
  }, 300_000);
});
