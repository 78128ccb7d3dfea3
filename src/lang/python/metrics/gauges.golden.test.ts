// Gauge goldens: each case under test/golden/gauges/python/<case>/ is an `input.py` and a case.json (the
// package name and the standards' metrics.gauges) planned as the pipeline plans it: only the gauges its
// text mentions. The result must equal `expected.py` byte for byte and the plan `expected.plan.txt`, plan
// to nothing again, and pass compile() and mypy against the real opentelemetry-api in the venv (--strict
// when the input is strict-clean). test_gauges_runtime.py beside them runs the expected modules with a
// real MeterProvider (gauges.runtime.test.ts). UPDATE_GOLDEN=1 rewrites the expected files.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../../edit/apply-text.js';
import { gaugesMentioned } from '../../../instrument/gauge-sources.js';
import type { GaugeSpec, PlanResult } from '../../../instrument/types.js';
import { defaultStandards } from '../../../standards/defaults.js';
import { pythonAdapter } from '../adapter.js';
import { planPythonGauges } from './gauges.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const goldenDir = join(repo, 'test/golden/gauges/python');
const venvPython = join(repo, '.venv/bin/python');
const update = process.env.UPDATE_GOLDEN === '1';

interface Case {
  packageName: string;
  gauges: GaugeSpec[];
}

function planGauges(text: string, config: Case): { result: PlanResult; text: string } {
  const path = `${config.packageName}/module.py`;
  const facts = pythonAdapter.extractFacts({
    path,
    text,
    language: 'python',
    packageHint: config.packageName,
    scopeHint: config.packageName,
  });
  const standards = defaultStandards();
  const result = planPythonGauges({
    path,
    text,
    facts,
    standards: { ...standards, metrics: { ...standards.metrics, gauges: config.gauges } },
    service: 'shop',
    scopeName: config.packageName,
    gauges: gaugesMentioned(text, config.gauges),
  });
  return { result, text: applyEdits(path, text, result.edits) };
}

function python(args: string[]): { status: number | null; output: string } {
  const env = { ...process.env, PYTHONDONTWRITEBYTECODE: '1' };
  const r = spawnSync(venvPython, args, { cwd: repo, env, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, output: `${r.stdout ?? ''}${r.stderr ?? ''}`.trim() };
}

function describePlan(result: PlanResult): string {
  const planned = result.planned.map(
    (p) => `planned ${p.function} (line ${p.line}) [${p.gauge}]: ${p.summary}`,
  );
  const skipped = result.skipped.map(
    (s) => `skipped ${s.function} (line ${s.line}) [${s.gauge}]: ${s.reason}`,
  );
  return `${[...planned, ...skipped].join('\n')}\n`;
}

function compare(path: string, actual: string): void {
  if (update || !existsSync(path)) writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

const cases = readdirSync(goldenDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(goldenDir, d.name, 'input.py')))
  .map((d) => d.name)
  .sort();

describe('python gauge goldens', () => {
  it('has cases', () => {
    expect(cases).toEqual([
      'already_observed',
      'deque_and_list',
      'module_asyncio_queue',
      'skips',
      'worker_queue',
    ]);
  });

  for (const name of cases) {
    const dir = join(goldenDir, name);
    const config = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as Case;

    it(`${name}: input → expected, every entry naming its gauge`, () => {
      const { result, text } = planGauges(readFileSync(join(dir, 'input.py'), 'utf8'), config);
      for (const entry of [...result.planned, ...result.skipped]) expect(entry.gauge).toBeDefined();
      compare(join(dir, 'expected.py'), text);
      compare(join(dir, 'expected.plan.txt'), describePlan(result));
    });

    it(`${name}: idempotent and deterministic`, () => {
      const input = readFileSync(join(dir, 'input.py'), 'utf8');
      const expected = readFileSync(join(dir, 'expected.py'), 'utf8');
      expect(planGauges(input, config).text).toBe(expected);
      expect(planGauges(expected, config).result.edits).toEqual([]);
    });

    it.skipIf(!existsSync(venvPython))(
      `${name}: compiles and type-checks against opentelemetry-api`,
      () => {
        const file = join(dir, 'expected.py');
        const compiled = python([
          '-c',
          'import sys; compile(open(sys.argv[1]).read(), sys.argv[1], "exec")',
          file,
        ]);
        expect(compiled).toEqual({ status: 0, output: '' });
        const strict = (f: string) => python(['-m', 'mypy', '--strict', '--cache-dir=/dev/null', f]);
        const checked = python([
          '-m',
          'mypy',
          '--no-error-summary',
          '--check-untyped-defs',
          '--cache-dir=/dev/null',
          file,
        ]);
        expect(checked).toEqual({ status: 0, output: '' });
        if (strict(join(dir, 'input.py')).status === 0) expect(strict(file)).toMatchObject({ status: 0 });
      },
      120_000,
    );
  }
});
