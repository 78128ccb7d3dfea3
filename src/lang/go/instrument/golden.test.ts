// Golden tests: every case under test/golden/go/<case>/ holds input/*.go and the expected/*.go a reviewer
// would merge, plus expected/plan.txt (what was planned and what was skipped, and why). The real audit,
// planner and gofmt run over each input. UPDATE_GOLDEN=1 rewrites the expected files.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FIXABLE_GAP_TYPES } from '../../../instrument/select.js';
import type { PlanResult } from '../../../instrument/types.js';
import { type InstrumentOptions, instrumentGo, planFile } from './__fixtures__/golden-harness.js';
import { hasGo } from './go-tool.js';

const GOLDEN = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../test/golden/go');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

interface CaseOptions {
  unsafe?: boolean;
}

function cases(): string[] {
  return readdirSync(GOLDEN, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(GOLDEN, d.name, 'input')))
    .map((d) => d.name)
    .sort();
}

function optionsOf(name: string): InstrumentOptions {
  const file = join(GOLDEN, name, 'case.json');
  const opts: CaseOptions = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as CaseOptions) : {};
  return { unsafe: opts.unsafe ?? false };
}

function goFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.go'))
    .sort();
}

/** What was planned and skipped, one line each, as a reviewer reads it. */
function planReport(file: string, plan: PlanResult): string[] {
  return [
    ...plan.planned.map((p) => `${file}:${p.line} ${p.function} [${p.gapTypes.join(', ')}]: ${p.summary}`),
    ...plan.skipped.map((s) => `${file}:${s.line} ${s.function} skipped ${s.gapType}: ${s.reason}`),
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

describe.skipIf(!hasGo())('go instrument golden cases', () => {
  it('has a case for every shape the spec lists', () => {
    expect(cases()).toEqual(
      expect.arrayContaining([
        'methods',
        'free-functions',
        'named-results',
        'unnamed-results',
        'multiple-returns',
        'early-returns',
        'if-err-blocks',
        'tail-call-safe',
        'tail-call-unsafe',
        'panics',
        'http-request-used-after',
        'http-request-unused',
        'gin-handler',
        'existing-tracer',
        'struct-field-tracer',
        'grpc-codes-clash',
        'existing-span-error-recording',
        'existing-span-attributes',
        'no-context',
        'span-not-ended',
        'handler-factories',
      ]),
    );
  });

  for (const name of cases()) {
    describe(name, () => {
      const options = optionsOf(name);
      const inputDir = join(GOLDEN, name, 'input');
      const expectedDir = join(GOLDEN, name, 'expected');

      it('instruments the input into the expected output', () => {
        const report: string[] = [];
        for (const file of goFiles(inputDir)) {
          const out = instrumentGo(file, readFileSync(join(inputDir, file), 'utf8'), options);
          compareOrUpdate(join(expectedDir, file), out.text);
          report.push(...planReport(file, out.plan));
        }
        compareOrUpdate(join(expectedDir, 'plan.txt'), `${report.join('\n')}\n`);
      });

      it('is idempotent: planning the expected output changes nothing', () => {
        for (const file of goFiles(expectedDir)) {
          const { plan } = planFile(file, readFileSync(join(expectedDir, file), 'utf8'), options);
          expect(plan.edits).toEqual([]);
        }
      });

      it('leaves no fixable gap behind except those it skipped with a reason', () => {
        for (const file of goFiles(inputDir)) {
          const { plan } = planFile(file, readFileSync(join(inputDir, file), 'utf8'), options);
          const { report } = planFile(file, readFileSync(join(expectedDir, file), 'utf8'), options);
          const left = report.gaps
            .filter((g) => FIXABLE_GAP_TYPES.includes(g.gap_type))
            .filter((g) => !plan.skipped.some((s) => s.function === g.function && s.gapType === g.gap_type));
          expect(left.map((g) => `${g.function} ${g.gap_type} ${g.details.join(',')}`)).toEqual([]);
          expect(report.findings.filter((f) => f.rule_id === 'OTW103')).toEqual([]);
        }
      });
    });
  }
});
