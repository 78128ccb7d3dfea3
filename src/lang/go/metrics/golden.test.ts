// Golden tests: every case under test/golden/metrics/go/<case>/ holds input/*.go and the expected/*.go a
// reviewer would merge, plus expected/plan.txt. The real audit, metrics planner and gofmt run over each
// input, file by file in sorted order with the package's other files as siblings (planned text for the
// files planned before, as the pipeline passes them); the expected package is then vetted and, where it
// has a *_test.go, run against a real SDK MeterProvider (go test). UPDATE_GOLDEN=1 rewrites the expected
// files.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../../edit/apply-text.js';
import type { PlanResult, PlanTarget, SiblingFile } from '../../../instrument/types.js';
import { defaultStandards } from '../../../standards/defaults.js';
import type { FileFacts } from '../../facts.js';
import { auditGo } from '../instrument/__fixtures__/golden-harness.js';
import { goFormatter } from '../instrument/formatter.js';
import { hasGo, run } from '../instrument/go-tool.js';
import { planGoMetrics } from './planner.js';

const MODULE = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../test/golden/metrics/go');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

function cases(): string[] {
  return readdirSync(MODULE, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(MODULE, d.name, 'input')))
    .map((d) => d.name)
    .sort();
}

function metricTargets(facts: FileFacts, gaps: ReturnType<typeof auditGo>['report']['gaps']): PlanTarget[] {
  return facts.functions.flatMap((fn) => {
    const own = gaps.filter(
      (g) => g.gap_type === 'missing_metric' && g.function === fn.qualifiedName && g.line === fn.line,
    );
    return own.length > 0 ? [{ fn, gaps: own }] : [];
  });
}

function plan(
  path: string,
  text: string,
  siblings: readonly SiblingFile[] = [],
): { plan: PlanResult; text: string } {
  const standards = defaultStandards();
  const { facts, report } = auditGo(path, text, standards);
  const result = planGoMetrics({
    path,
    text,
    facts,
    targets: metricTargets(facts, report.gaps),
    standards,
    service: 'shop',
    scopeName: `example.com/shop/${facts.packageName}`,
    unsafe: false,
    tracer: { existing: null, declareHere: true, name: 'tracer' },
    siblings,
  });
  const edited = applyEdits(path, text, result.edits);
  const formatted = result.edits.length > 0 ? goFormatter.format(path, edited, '.').text : edited;
  return { plan: result, text: formatted };
}

function planReport(file: string, result: PlanResult): string[] {
  return [
    ...result.planned.map((p) => `${file}:${p.line} ${p.function}: ${p.summary}`),
    ...result.skipped.map((s) => `${file}:${s.line} ${s.function} skipped: ${s.reason}`),
  ];
}

function compareOrUpdate(path: string, actual: string): void {
  if (UPDATE) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  expect(existsSync(path), `${path} is missing: run with UPDATE_GOLDEN=1 and review it`).toBe(true);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe.skipIf(!hasGo())('go metrics golden cases', () => {
  it('has a case for every shape the issue lists', () => {
    expect(cases()).toEqual([
      'echo-handlers',
      'existing-instruments',
      'gin-handlers',
      'handler-factories',
      'mounted-routers',
      'nethttp-handlers',
      'partial',
      'second-run',
      'serve-http',
      'two-files',
    ]);
  });

  it.each(cases())('%s: planned output matches expected, and planning it again changes nothing', (name) => {
    const input = join(MODULE, name, 'input');
    const goFiles = readdirSync(input)
      .filter((f) => f.endsWith('.go'))
      .sort();
    // As the pipeline leaves them: planned text for the files planned so far, the input's for the rest.
    const texts = new Map(goFiles.map((f) => [f, readFileSync(join(input, f), 'utf8')]));
    const siblingsOf = (file: string): SiblingFile[] =>
      goFiles.filter((f) => f !== file).map((f) => ({ path: f, text: texts.get(f) as string }));
    const planned = goFiles.filter((f) => !f.endsWith('_test.go'));
    const report: string[] = [];
    const results = new Map<string, PlanResult>();
    for (const file of planned) {
      const { plan: result, text } = plan(file, texts.get(file) as string, siblingsOf(file));
      texts.set(file, text);
      results.set(file, result);
      report.push(...planReport(file, result));
      compareOrUpdate(join(MODULE, name, 'expected', file), text);
    }
    for (const file of planned) {
      const text = texts.get(file) as string;
      const again = plan(file, text, siblingsOf(file));
      expect(again.plan.edits, `${file} is not idempotent`).toEqual([]);
      const stillMissing = auditGo(file, text, defaultStandards())
        .report.gaps.filter((g) => g.gap_type === 'missing_metric')
        .map((g) => g.function);
      expect(stillMissing.sort()).toEqual(
        (results.get(file) as PlanResult).skipped.map((s) => s.function).sort(),
      );
    }
    compareOrUpdate(join(MODULE, name, 'expected', 'plan.txt'), `${report.sort().join('\n')}\n`);
  });

  it('the expected code passes go vet and its runtime tests against the real SDK', () => {
    const env = { ...process.env, GOFLAGS: '-mod=mod', GOPROXY: 'off', GOWORK: 'off' };
    const vet = run('go', ['vet', './...'], { cwd: MODULE, env });
    expect(vet.stderr + vet.stdout).toBe('');
    expect(vet.status).toBe(0);
    const test = run('go', ['test', '-count=1', './...'], { cwd: MODULE, env });
    expect(test.status, test.stdout + test.stderr).toBe(0);
  }, 240_000);
});
