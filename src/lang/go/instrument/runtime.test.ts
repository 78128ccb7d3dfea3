// The golden outputs compiled, vetted and run: test/golden/go is a Go module holding every case's input
// and expected package, so `go vet` checks both against the real OpenTelemetry API; test/runtime/go
// drives both with the real SDK and an in-memory exporter (spans, parents, status, recorded errors,
// attributes, unchanged results). Its go.mod points at the golden module with a replace directive.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hasGo, run } from './go-tool.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const GOLDEN = join(ROOT, 'test/golden/go');
const RUNTIME = join(ROOT, 'test/runtime/go');

function caseNames(): string[] {
  return readdirSync(GOLDEN, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(GOLDEN, d.name, 'expected')))
    .map((d) => d.name)
    .sort();
}

describe.skipIf(!hasGo())('go instrument runtime', () => {
  it('has a runtime test for every golden case', () => {
    const missing = caseNames().filter((name) => !existsSync(join(RUNTIME, name)));
    expect(missing).toEqual([]);
  });

  // The first run builds gin, gRPC and the SDK from the module cache: minutes on a cold 2-core machine.
  it('compiles and vets every golden input and expected output', { timeout: 600_000 }, () => {
    const vet = run('go', ['vet', './...'], { cwd: GOLDEN });
    expect(vet.stderr + vet.stdout, vet.command).toBe('');
    expect(vet.status).toBe(0);
  });

  it('runs every golden output with the real SDK', { timeout: 600_000 }, () => {
    const test = run('go', ['test', '-count=1', './...'], { cwd: RUNTIME });
    expect(test.status, `${test.command}\n${test.stdout}${test.stderr}`).toBe(0);
    const passed = test.stdout.split('\n').filter((l) => l.startsWith('ok '));
    expect(passed.length).toBe(caseNames().length);
  });
});
