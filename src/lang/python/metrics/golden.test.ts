// Metrics goldens: each case under test/golden/metrics/python/<case>/ is an `input.py` run through the
// real adapter, audit and metrics planner; the result must equal `expected.py` byte for byte and the
// plan `expected.plan.txt`. The expected output must satisfy OTW004 (no missing_metric gap left), plan
// to nothing again, and pass py_compile and mypy against the real opentelemetry-api in the venv.
// UPDATE_GOLDEN=1 rewrites the expected files (read every one before committing it).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../../edit/apply-text.js';
import type { PlanResult } from '../../../instrument/types.js';
import { defaultStandards } from '../../../standards/defaults.js';
import { auditPython } from '../instrument/testing/plan-python.js';
import { pythonMetricsPlanner } from './planner.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const goldenDir = join(repo, 'test/golden/metrics/python');
const python = join(repo, '.venv/bin/python');
const update = process.env.UPDATE_GOLDEN === '1';

interface CaseOptions {
  path: string;
  packageName: string;
}

function planMetrics(text: string, options: CaseOptions): { result: PlanResult; text: string } {
  const { facts, report } = auditPython(text, options);
  const targets = facts.functions.flatMap((fn) => {
    const gaps = report.gaps.filter(
      (g) => g.gap_type === 'missing_metric' && g.function === fn.qualifiedName && g.line === fn.line,
    );
    return gaps.length > 0 ? [{ fn, gaps }] : [];
  });
  const result = pythonMetricsPlanner.plan({
    path: facts.path,
    text,
    facts,
    targets,
    standards: defaultStandards(),
    service: 'shop',
    scopeName: options.packageName,
    unsafe: false,
    tracer: { existing: null, declareHere: false, name: 'tracer' },
  });
  return { result, text: applyEdits(facts.path, text, result.edits) };
}

function describePlan(result: PlanResult): string {
  const planned = result.planned.map((p) => `planned ${p.function} (line ${p.line}): ${p.summary}`);
  const skipped = result.skipped.map((s) => `skipped ${s.function} (line ${s.line}) ${s.gapType}: ${s.reason}`);
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

describe('python metrics goldens', () => {
  it('has cases', () => {
    expect(cases).toEqual(['fastapi_orders', 'flask_customers']);
  });

  for (const name of cases) {
    const dir = join(goldenDir, name);
    const options: CaseOptions = {
      path: `${name}/module.py`,
      ...(JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as { packageName: string }),
    };

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
      execFileSync(python, ['-m', 'py_compile', file], { stdio: 'pipe' });
      const out = execFileSync(
        python,
        ['-m', 'mypy', '--no-incremental', '--ignore-missing-imports', '--check-untyped-defs', file],
        { cwd: dir, encoding: 'utf8' },
      );
      expect(out).toContain('Success');
    }, 120_000);
  }
});
