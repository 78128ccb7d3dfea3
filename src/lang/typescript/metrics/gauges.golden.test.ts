// Gauge goldens: each case under test/golden/gauges/typescript/<case>/ is an `input.ts` and a case.json
// (package name, the standards' metrics.gauges) planned as the pipeline plans it: only the gauges its text
// mentions. The result must equal `expected.ts` and the plan `expected-plan.txt`, plan to nothing again,
// and every input and expected file must type-check with tsc (strict) against the real @opentelemetry/api.
// UPDATE_GOLDEN=1 rewrites the expected files.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../../edit/apply-text.js';
import { gaugesMentioned } from '../../../instrument/gauge-sources.js';
import type { GaugeSpec, PlanResult } from '../../../instrument/types.js';
import { defaultStandards } from '../../../standards/defaults.js';
import { typescriptAdapter } from '../adapter.js';
import { compileStrict } from '../instrument/testing/compile-golden.js';
import { planTypeScriptGauges } from './gauges.js';

const DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../test/golden/gauges/typescript');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

interface Case {
  packageName: string;
  gauges: GaugeSpec[];
}

function plan(text: string, config: Case): { result: PlanResult; text: string } {
  const path = `src/${config.packageName}.ts`;
  const facts = typescriptAdapter.extractFacts({
    path,
    text,
    language: 'typescript',
    packageHint: config.packageName,
    scopeHint: config.packageName,
  });
  const standards = defaultStandards();
  const result = planTypeScriptGauges({
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
  if (UPDATE || !existsSync(path)) writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

const cases = readdirSync(DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(DIR, d.name, 'input.ts')))
  .map((d) => d.name)
  .sort();

describe('typescript gauge goldens', () => {
  it('has cases', () => {
    expect(cases).toEqual(['constructor-assign', 'constructor-field', 'module-array', 'skips']);
  });

  for (const name of cases) {
    const dir = join(DIR, name);
    const config = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as Case;
    it(`${name}: input → expected, idempotent and deterministic`, () => {
      const input = readFileSync(join(dir, 'input.ts'), 'utf8');
      const { result, text } = plan(input, config);
      for (const entry of [...result.planned, ...result.skipped]) expect(entry.gauge).toBeDefined();
      compare(join(dir, 'expected.ts'), text);
      compare(join(dir, 'expected-plan.txt'), describePlan(result));
      expect(plan(input, config).text).toBe(text);
      expect(plan(text, config).result.edits).toEqual([]);
    });
  }

  it('inputs and expected outputs type-check under strict tsc against @opentelemetry/api', () => {
    const compiled = compileStrict(DIR, { exactOptionalPropertyTypes: true }, [`${DIR}/**/*.ts`]);
    rmSync(compiled.dir, { recursive: true, force: true });
    expect(compiled.diagnostics).toBe('');
  }, 120_000);
});
