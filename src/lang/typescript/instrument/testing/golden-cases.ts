// Golden cases for the TypeScript/JavaScript instrumenter: `test/golden/typescript/<case>/input.<ext>`
// (planned as the logical path `path` from case.json), `expected.<ext>` the file afterwards, and
// `expected-plan.json` what the planner reports (planned summaries and skipped reasons).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { defaultStandards } from '../../../../standards/defaults.js';
import type { Severity, Standards } from '../../../../standards/types.js';
import type { PlanTextOptions } from './plan-text.js';

export const GOLDEN_DIR = join(import.meta.dirname, '../../../../../test/golden/typescript');

export interface CaseConfig {
  /** Logical path the audit sees (its extension picks the grammar); default `src/<case>.<ext>`. */
  path?: string;
  packageName?: string;
  minSeverity?: Severity;
  unsafe?: boolean;
  force?: string[];
  /** Overrides of the default standards' `tracing` section. */
  tracing?: Partial<Standards['tracing']>;
}

export interface GoldenCase {
  name: string;
  dir: string;
  ext: string;
  inputPath: string;
  expectedPath: string;
  planPath: string;
  options: PlanTextOptions;
}

export function goldenCases(): GoldenCase[] {
  return readdirSync(GOLDEN_DIR)
    .filter((d) => statSync(join(GOLDEN_DIR, d)).isDirectory())
    .sort()
    .map((name) => {
      const dir = join(GOLDEN_DIR, name);
      const input = readdirSync(dir).find((f) => f.startsWith('input.'));
      if (!input) throw new Error(`golden case ${name} has no input file`);
      const ext = input.slice('input.'.length);
      const configPath = join(dir, 'case.json');
      const config: CaseConfig = existsSync(configPath)
        ? (JSON.parse(readFileSync(configPath, 'utf8')) as CaseConfig)
        : {};
      const standards = defaultStandards();
      if (config.tracing) standards.tracing = { ...standards.tracing, ...config.tracing };
      return {
        name,
        dir,
        ext,
        inputPath: join(dir, input),
        expectedPath: join(dir, `expected.${ext}`),
        planPath: join(dir, 'expected-plan.json'),
        options: {
          path: config.path ?? `src/${name}.${ext}`,
          packageName: config.packageName ?? 'shop',
          scopeName: config.packageName ?? 'shop',
          standards,
          minSeverity: config.minSeverity ?? 'high',
          unsafe: config.unsafe ?? false,
          force: config.force ?? [],
        },
      };
    });
}
