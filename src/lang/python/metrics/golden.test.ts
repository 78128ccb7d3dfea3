// Metrics goldens: each case under test/golden/metrics/python/<case>/ is an `input.py` run through the
// real adapter, audit and metrics planner; the result must equal `expected.py` byte for byte and the
// plan `expected.plan.txt`. The expected output must satisfy OTW004 (no missing_metric gap left), plan
// to nothing again, and pass py_compile and mypy against the real opentelemetry-api in the venv.
// case.json gives the package name, and may give the file's path in the project (`orders/views.py`: a
// Django views module is recognised by its path) and `files`, other files of the case's directory placed
// beside it (a `urls.py`, FastAPI's `include_router` mounts) whose registrations and mounts resolve the
// handlers' routes, as in a run.
// UPDATE_GOLDEN=1 rewrites the expected files (read every one before committing it).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { PlanResult } from '../../../instrument/types.js';
import { auditPython } from '../instrument/testing/plan-python.js';
import { type CaseOptions, planMetrics } from './testing/plan-metrics.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const goldenDir = join(repo, 'test/golden/metrics/python');
const venvPython = join(repo, '.venv/bin/python');
const update = process.env.UPDATE_GOLDEN === '1';

function python(args: string[]): { status: number | null; output: string } {
  const env = { ...process.env, PYTHONDONTWRITEBYTECODE: '1' };
  const r = spawnSync(venvPython, args, { cwd: repo, env, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, output: `${r.stdout ?? ''}${r.stderr ?? ''}`.trim() };
}

function describePlan(result: PlanResult): string {
  const planned = result.planned.map((p) => `planned ${p.function} (line ${p.line}): ${p.summary}`);
  const skipped = result.skipped.map(
    (s) => `skipped ${s.function} (line ${s.line}) ${s.gapType}: ${s.reason}`,
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

describe.skipIf(!existsSync(venvPython))('python metrics goldens', () => {
  it('has cases', () => {
    expect(cases).toEqual([
      'django_class_views',
      'django_orders',
      'drf_orders',
      'fastapi_orders',
      'fastapi_routers',
      'flask_blueprints',
      'flask_customers',
    ]);
  });

  for (const name of cases) {
    const dir = join(goldenDir, name);
    const { files, ...config } = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as {
      packageName: string;
      path?: string;
      files?: string[];
    };
    const options: CaseOptions = { path: `${name}/module.py`, ...config };
    options.files = Object.fromEntries(
      (files ?? []).map((f) => [
        posix.join(posix.dirname(options.path), f),
        readFileSync(join(dir, f), 'utf8'),
      ]),
    );

    it(`${name}: input → expected`, () => {
      const { result, text } = planMetrics(readFileSync(join(dir, 'input.py'), 'utf8'), options);
      expect(result.planned.length).toBeGreaterThan(0);
      compare(join(dir, 'expected.py'), text);
      compare(join(dir, 'expected.plan.txt'), describePlan(result));
    });

    it(`${name}: idempotent, and OTW004 is satisfied`, () => {
      const expected = readFileSync(join(dir, 'expected.py'), 'utf8');
      const { report } = auditPython(expected, options);
      expect(report.gaps.filter((g) => g.gap_type === 'missing_metric')).toEqual([]);
      expect(planMetrics(expected, options).result.edits).toEqual([]);
    });

    it(`${name}: compiles and type-checks against opentelemetry-api`, () => {
      const file = join(dir, 'expected.py');
      // compile() rather than py_compile: no __pycache__ left beside the goldens.
      const compiled = python([
        '-c',
        'import sys; compile(open(sys.argv[1]).read(), sys.argv[1], "exec")',
        file,
      ]);
      expect(compiled).toEqual({ status: 0, output: '' });
      const checked = python([
        '-m',
        'mypy',
        '--no-error-summary',
        '--ignore-missing-imports',
        '--check-untyped-defs',
        '--cache-dir=/dev/null',
        file,
      ]);
      expect(checked).toEqual({ status: 0, output: '' });
      // Code that was clean under --strict stays clean: the generated code is fully typed.
      const strict = (f: string) => python(['-m', 'mypy', '--strict', '--cache-dir=/dev/null', f]).status;
      if (strict(join(dir, 'input.py')) === 0) expect(strict(file)).toBe(0);
    }, 120_000);
  }
});
