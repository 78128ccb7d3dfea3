// Go handler metrics through the real instrument pipeline (plan, gofmt, write, go vet, restore on
// failure): two handler files of one package, the second reusing what the first declares, so neither is
// restored; and echo handlers, written exactly as the golden case expects.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runInstrument } from '../../../instrument/run-instrument.js';
import { instrumentOptions } from '../../../instrument/testing/options.js';
import { hasGo, run } from '../instrument/go-tool.js';
import { goToolkit } from '../instrument/toolkit.js';
import { goMetricsPlanner } from './planner.js';

const GOLDEN = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../test/golden/metrics/go');

function options(cwd: string) {
  return instrumentOptions(cwd, {
    force: false,
    selection: { minSeverity: 'low', gapTypes: ['missing_metric'] },
    toolkits: { go: { ...goToolkit, metricsPlanner: goMetricsPlanner } },
  });
}

/** A module with the golden module's requirements (already in the module cache: no network). */
function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'otelwright-go-metrics-pipeline-'));
  const goMod = readFileSync(join(GOLDEN, 'go.mod'), 'utf8').replace(
    /^module .*$/m,
    'module example.com/shop',
  );
  writeFileSync(join(root, 'go.mod'), goMod);
  copyFileSync(join(GOLDEN, 'go.sum'), join(root, 'go.sum'));
  for (const [to, from] of Object.entries(files)) {
    mkdirSync(dirname(join(root, to)), { recursive: true });
    copyFileSync(join(GOLDEN, from), join(root, to));
  }
  return root;
}

describe.skipIf(!hasGo())('go metrics in the instrument pipeline', () => {
  it('plans two handler files of one package in one run, keeps both, and go vet passes', async () => {
    const root = project({
      'accounts/customers.go': 'two-files/input/customers.go',
      'accounts/orders.go': 'two-files/input/orders.go',
      'accounts/external_test.go': 'two-files/input/external_test.go',
    });
    const first = await runInstrument(options(root));
    expect(first.skipped).toEqual([]);
    expect(first.validation.flatMap((v) => v.restored)).toEqual([]);
    expect(first.validation.map((v) => [v.ok, v.commands.join(' ')])).toEqual([
      [true, expect.stringContaining('go vet')],
    ]);
    expect(first.filesChanged.sort()).toEqual(['accounts/customers.go', 'accounts/orders.go']);
    expect(first.planned.map((p) => `${p.file} ${p.function}`).sort()).toEqual([
      'accounts/customers.go GetCustomer',
      'accounts/orders.go CreateOrder',
      'accounts/orders.go ListOrders',
    ]);
    const customers = readFileSync(join(root, 'accounts/customers.go'), 'utf8');
    const orders = readFileSync(join(root, 'accounts/orders.go'), 'utf8');
    // Declared once for the package, in the file planned first; used by both.
    expect(customers).toContain('requestDuration = mustInstrument(');
    expect(customers).toContain('type statusRecorder struct');
    expect(orders).not.toMatch(
      /requestDuration =|func mustInstrument|type statusRecorder|requestMetricResource =/,
    );
    expect(orders).toContain('requestCount.Add(r.Context(), 1, attrs)');
    const vet = run('go', ['vet', './...'], {
      cwd: root,
      env: { ...process.env, GOFLAGS: '-mod=mod', GOPROXY: 'off' },
    });
    expect(vet.status, vet.stdout + vet.stderr).toBe(0);

    const second = await runInstrument(options(root));
    expect(second.planned).toEqual([]);
    expect(second.filesChanged).toEqual([]);
    rmSync(root, { recursive: true, force: true });
  }, 240_000);

  it('instruments echo handlers as the golden case expects, routes from the registrations', async () => {
    const root = project({ 'catalog/catalog.go': 'echo-handlers/input/catalog.go' });
    const first = await runInstrument(options(root));
    expect(first.validation.map((v) => v.ok)).toEqual([true]);
    expect(first.filesChanged).toEqual(['catalog/catalog.go']);
    expect(readFileSync(join(root, 'catalog/catalog.go'), 'utf8')).toBe(
      readFileSync(join(GOLDEN, 'echo-handlers/expected/catalog.go'), 'utf8'),
    );
    const second = await runInstrument(options(root));
    expect(second.filesChanged).toEqual([]);
    rmSync(root, { recursive: true, force: true });
  }, 240_000);
});
