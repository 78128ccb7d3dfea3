// Golden tests for handler metrics: the real audit and metrics planner over each input, compared byte
// for byte with the expected output; the expected output must leave no missing_metric gap (OTW004
// finds both instruments recorded) and planning it again must change nothing. `UPDATE_GOLDEN=1`
// rewrites the expected files.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../../edit/apply-text.js';
import { auditText } from '../instrument/testing/plan-text.js';
import { parse } from '../parse.js';
import { grammarOf } from '../paths.js';
import { metricsGoldenCases } from './testing/golden-cases.js';
import { planMetricsText } from './testing/plan-metrics-text.js';

const update = process.env.UPDATE_GOLDEN === '1';

describe('TypeScript/JavaScript metrics golden cases', () => {
  for (const c of metricsGoldenCases()) {
    describe(c.name, () => {
      const input = readFileSync(c.inputPath, 'utf8');
      const { result } = planMetricsText(input, c.options, c.files);
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

      it('writes code that parses', () => {
        const expected = readFileSync(c.expectedPath, 'utf8');
        const language = c.options.path.endsWith('.ts') ? 'typescript' : 'javascript';
        expect(parse(expected, grammarOf(c.options.path, language)).rootNode.hasError).toBe(false);
      });

      it('leaves no missing_metric gap on the handlers it planned', () => {
        const { report } = auditText(readFileSync(c.expectedPath, 'utf8'), c.options);
        const planned = new Set(result.planned.map((p) => p.function));
        const left = report.gaps.filter((g) => g.gap_type === 'missing_metric' && planned.has(g.function));
        expect(left).toEqual([]);
      });

      it('is idempotent: planning the expected output changes nothing', () => {
        const expected = readFileSync(c.expectedPath, 'utf8');
        const again = planMetricsText(expected, c.options, c.files).result;
        expect(applyEdits(c.expectedPath, expected, again.edits)).toBe(expected);
        expect(again.planned).toEqual([]);
      });
    });
  }
});
