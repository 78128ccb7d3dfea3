// Golden tests of the Go gauge planner: every case under test/golden/gauges/go/<case>/ holds gauges.json
// (the standards' metrics.gauges), input/*.go and the expected/*.go a reviewer would merge, plus
// expected/plan.txt. Each input file is planned as the pipeline plans it (only the gauges its text
// mentions, the other files of the package as siblings), then gofmt runs; the expected module is vetted
// and its *_test.go files run the generated gauges against a real SDK MeterProvider with a ManualReader.
// UPDATE_GOLDEN=1 rewrites the expected files.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../../edit/apply-text.js';
import { gaugesMentioned } from '../../../instrument/gauge-sources.js';
import type { GaugeSpec, PlanResult, SiblingFile } from '../../../instrument/types.js';
import { defaultStandards } from '../../../standards/defaults.js';
import { goAdapter } from '../adapter.js';
import { goFormatter } from '../instrument/formatter.js';
import { hasGo, run } from '../instrument/go-tool.js';
import { planGoGauges } from './gauges.js';

const MODULE = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../test/golden/gauges/go');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

function cases(): string[] {
  return readdirSync(MODULE, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(MODULE, d.name, 'input')))
    .map((d) => d.name)
    .sort();
}

function plan(
  name: string,
  path: string,
  text: string,
  gauges: readonly GaugeSpec[],
  siblings: SiblingFile[],
): { plan: PlanResult; text: string } {
  const standards = defaultStandards();
  const facts = goAdapter.extractFacts({
    path,
    text,
    language: 'go',
    packageHint: name,
    scopeHint: `example.com/goldengauges/${name}`,
  });
  const result = planGoGauges({
    path,
    text,
    facts,
    standards: { ...standards, metrics: { ...standards.metrics, gauges: [...gauges] } },
    service: 'shop',
    scopeName: `example.com/goldengauges/${name}`,
    gauges: gaugesMentioned(text, gauges),
    siblings,
  });
  const edited = applyEdits(path, text, result.edits);
  const formatted = result.edits.length > 0 ? goFormatter.format(path, edited, '.').text : edited;
  return { plan: result, text: formatted };
}

function planReport(file: string, result: PlanResult): string[] {
  return [
    ...result.planned.map((p) => `${file}:${p.line} ${p.function} [${p.gauge}]: ${p.summary}`),
    ...result.skipped.map((s) => `${file}:${s.line} ${s.function} [${s.gauge}] skipped: ${s.reason}`),
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

describe.skipIf(!hasGo())('go gauge golden cases', () => {
  it('has a case for every shape the issue lists', () => {
    expect(cases()).toEqual([
      'already-observed',
      'assigned-fields',
      'call-source',
      'constructor-literal',
      'package-var',
      'skips',
    ]);
  });

  it.each(cases())('%s: planned output matches expected, and planning it again changes nothing', (name) => {
    const input = join(MODULE, name, 'input');
    const gauges = JSON.parse(readFileSync(join(MODULE, name, 'gauges.json'), 'utf8')) as GaugeSpec[];
    const files = readdirSync(input)
      .filter((f) => f.endsWith('.go') && !f.endsWith('_test.go'))
      .sort()
      .map((f) => ({ path: f, text: readFileSync(join(input, f), 'utf8') }));
    const report: string[] = [];
    for (const file of files) {
      const siblings = files.filter((f) => f !== file);
      const { plan: result, text } = plan(name, file.path, file.text, gauges, siblings);
      report.push(...planReport(file.path, result));
      for (const entry of [...result.planned, ...result.skipped]) expect(entry.gauge).toBeDefined();
      compareOrUpdate(join(MODULE, name, 'expected', file.path), text);
      const again = plan(name, file.path, text, gauges, siblings);
      expect(again.plan.edits, `${file.path} is not idempotent`).toEqual([]);
      expect(plan(name, file.path, file.text, gauges, siblings).text, 'not deterministic').toBe(text);
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
