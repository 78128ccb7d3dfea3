// Golden tests: each case under test/golden/python/<case>/ is an `input.py` run through the real adapter,
// audit, planner and formatter; the result must equal `expected.py` byte for byte, and what was planned
// and skipped must equal `expected.plan.txt`. Planning the expected output again must change nothing.
// UPDATE_GOLDEN=1 rewrites the expected files (read every one before committing it).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { PlanResult } from '../../../instrument/types.js';
import { pythonFormatter } from './formatter.js';
import { auditPython, planPython } from './testing/plan-python.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const goldenDir = join(repo, 'test/golden/python');
const update = process.env.UPDATE_GOLDEN === '1';

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

describe('python instrument goldens', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThan(10);
  });

  for (const name of cases) {
    const dir = join(goldenDir, name);
    const options = {
      path: `${name}/module.py`,
      ...(JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as {
        packageName?: string;
        force?: string[];
      }),
    };

    it(`${name}: input → expected`, () => {
      const input = readFileSync(join(dir, 'input.py'), 'utf8');
      const { result, text } = planPython(input, options);
      const formatted = pythonFormatter.format(join(dir, 'input.py'), text, goldenDir).text;
      compare(join(dir, 'expected.py'), formatted);
      compare(join(dir, 'expected.plan.txt'), describePlan(result));
    });

    it(`${name}: idempotent`, () => {
      const expected = readFileSync(join(dir, 'expected.py'), 'utf8');
      const again = planPython(expected, options);
      expect(again.result.edits).toEqual([]);
      // Every gap left is one the first run reported as skipped.
      const first = planPython(readFileSync(join(dir, 'input.py'), 'utf8'), options).result;
      const skipped = new Set(first.skipped.map((s) => `${s.function}:${s.gapType}`));
      const left = auditPython(expected, options).report.gaps.filter((g) => g.gap_type !== 'missing_metric');
      expect(
        left
          .filter((g) => !skipped.has(`${g.function}:${g.gap_type}`))
          .map((g) => `${g.function}:${g.gap_type}`),
      ).toEqual([]);
    });
  }
});
