// Golden cases for TypeScript/JavaScript handler metrics: `test/golden/metrics/typescript/<case>/` holds
// `input.<ext>`, `expected.<ext>` and `expected-plan.json`; an optional `case.json` gives the logical
// path and package name, and `files`: other files of the project by logical path (`src/app.js`) → file
// of the case (`app.js`), whose registrations and mounts take part in the route resolution, as in a run.
// Other `.ts` files in a case are support code for the type check.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { defaultStandards } from '../../../../standards/defaults.js';
import type { PlanTextOptions } from '../../instrument/testing/plan-text.js';

export const METRICS_GOLDEN_DIR = join(import.meta.dirname, '../../../../../test/golden/metrics/typescript');

export interface MetricsGoldenCase {
  name: string;
  inputPath: string;
  expectedPath: string;
  planPath: string;
  options: PlanTextOptions;
  /** Other files of the project by logical path, with their text. */
  files: Record<string, string>;
}

export function metricsGoldenCases(): MetricsGoldenCase[] {
  return readdirSync(METRICS_GOLDEN_DIR)
    .filter((d) => statSync(join(METRICS_GOLDEN_DIR, d)).isDirectory())
    .sort()
    .map((name) => {
      const dir = join(METRICS_GOLDEN_DIR, name);
      const input = readdirSync(dir).find((f) => f.startsWith('input.'));
      if (!input) throw new Error(`golden case ${name} has no input file`);
      const ext = input.slice('input.'.length);
      const configPath = join(dir, 'case.json');
      const config = existsSync(configPath)
        ? (JSON.parse(readFileSync(configPath, 'utf8')) as {
            path?: string;
            packageName?: string;
            files?: Record<string, string>;
          })
        : {};
      const files = Object.fromEntries(
        Object.entries(config.files ?? {}).map(([logical, file]) => [
          logical,
          readFileSync(join(dir, file), 'utf8'),
        ]),
      );
      const packageName = config.packageName ?? 'orders';
      return {
        name,
        inputPath: join(dir, input),
        expectedPath: join(dir, `expected.${ext}`),
        planPath: join(dir, 'expected-plan.json'),
        options: {
          path: config.path ?? `src/${name}.${ext}`,
          packageName,
          scopeName: packageName,
          standards: defaultStandards(),
        },
        files,
      };
    });
}
