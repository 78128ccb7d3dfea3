// End to end on a real service: the example payments API is copied, every gap of its source planned,
// formatted and written, then validated with the project's own tsc and its own test suite run: the
// instrumented service must type-check and behave as before.
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../../edit/apply-text.js';
import { planText } from './testing/plan-text.js';
import { typescriptToolkit } from './toolkit.js';

const EXAMPLE = join(import.meta.dirname, '../../../../examples/typescript/payments');

describe.skipIf(!existsSync(join(EXAMPLE, 'node_modules/.bin/tsc')))('the example payments service', () => {
  it('type-checks and passes its own tests once instrumented', () => {
    const dir = mkdtempSync(join(tmpdir(), 'otelwright-payments-'));
    cpSync(EXAMPLE, dir, { recursive: true, filter: (src) => !/\/(node_modules|dist)(\/|$)/.test(src) });
    symlinkSync(join(EXAMPLE, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const sources = readdirSync(join(dir, 'src'), { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.(ts|cjs)$/.test(f))
      .map((f) => join(dir, 'src', f));
    const changed: string[] = [];
    let planned = 0;
    for (const file of sources) {
      const text = readFileSync(file, 'utf8');
      const { result } = planText(text, {
        path: relative(dir, file),
        packageName: 'payments',
        scopeName: '@example/payments',
        minSeverity: 'low',
      });
      if (result.edits.length === 0) continue;
      planned += result.planned.length;
      const formatted = typescriptToolkit.formatter.format(file, applyEdits(file, text, result.edits), dir);
      writeFileSync(file, formatted.text);
      changed.push(file);
    }
    expect(planned).toBeGreaterThan(5);
    const batches = typescriptToolkit.validator.batches(changed, dir);
    expect(batches.map((b) => b.name)).toEqual(['tsc -p tsconfig.json']);
    const validation = typescriptToolkit.validator.validate(batches[0] as (typeof batches)[number]);
    expect(validation.problems).toEqual([]);
    const run = (cmd: string, args: string[]) =>
      execFileSync(cmd, args, { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
    run(join(dir, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json']);
    const tests = readdirSync(join(dir, 'dist/test'))
      .filter((f) => f.endsWith('.test.js'))
      .map((f) => join('dist/test', f));
    expect(() => run(process.execPath, ['--test', ...tests])).not.toThrow();
    rmSync(dir, { recursive: true, force: true });
  });
});
