// Golden tests: the real audit and planner over each input, compared byte for byte with the expected
// output; then the expected output must be complete (no gap left on a planned function) and stable
// (planning it again changes nothing). `UPDATE_GOLDEN=1` rewrites the expected files.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../../edit/apply-text.js';
import { goldenCases } from './testing/golden-cases.js';
import { auditText, planText } from './testing/plan-text.js';

const update = process.env.UPDATE_GOLDEN === '1';

describe('TypeScript/JavaScript golden cases', () => {
  for (const c of goldenCases()) {
    describe(c.name, () => {
      const input = readFileSync(c.inputPath, 'utf8');
      const { result } = planText(input, c.options);
      const output = applyEdits(c.inputPath, input, result.edits);
      const plan = `${JSON.stringify({ planned: result.planned, skipped: result.skipped }, null, 2)}\n`;
      if (update) {
        writeFileSync(c.expectedPath, output);
        writeFileSync(c.planPath, plan);
      }

      it('writes the expected output', () => {
        expect(existsSync(c.expectedPath), `${c.expectedPath} is missing (run with UPDATE_GOLDEN=1)`).toBe(
          true,
        );
        expect(output).toBe(readFileSync(c.expectedPath, 'utf8'));
        expect(plan).toBe(readFileSync(c.planPath, 'utf8'));
      });

      it('leaves no fixable gap on the functions it instrumented', () => {
        const expected = readFileSync(c.expectedPath, 'utf8');
        const { report } = auditText(expected, c.options);
        const planned = new Set(result.planned.map((p) => p.function));
        // A gap the planner declined with a reason (a PII id, an unknown attribute) is reported, not left silently.
        const declined = new Set(result.skipped.map((s) => `${s.function}:${s.gapType}`));
        const left = report.gaps.filter(
          (g) =>
            planned.has(g.function) &&
            g.gap_type !== 'missing_metric' &&
            !declined.has(`${g.function}:${g.gap_type}`),
        );
        expect(left).toEqual([]);
        const notEnded = report.findings.filter(
          (f) => f.rule_id === 'OTW103' && planned.has(f.function ?? ''),
        );
        expect(notEnded).toEqual([]);
      });

      it('is idempotent: planning the expected output changes nothing', () => {
        const expected = readFileSync(c.expectedPath, 'utf8');
        const again = planText(expected, c.options).result;
        expect(applyEdits(c.expectedPath, expected, again.edits)).toBe(expected);
        expect(again.planned).toEqual([]);
      });
    });
  }
});
