// Test support: type-checks and compiles the TypeScript metrics golden cases (inputs, expected outputs
// and support files) with the real compiler under strict settings, against the real @opentelemetry/api.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { METRICS_GOLDEN_DIR } from './golden-cases.js';

const REPO = join(METRICS_GOLDEN_DIR, '../../../..');

export interface CompiledMetrics {
  /** The temporary directory holding everything (remove it when done). */
  dir: string;
  /** Where `<case>/<file>.js` ends up. */
  outDir: string;
  /** tsc's diagnostics; empty when everything type-checks. */
  diagnostics: string;
}

export function compileMetricsGolden(): CompiledMetrics {
  const dir = mkdtempSync(join(tmpdir(), 'otelwright-metrics-ts-'));
  const outDir = join(dir, 'out');
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      lib: ['ES2023'],
      types: ['node'],
      typeRoots: [join(REPO, 'node_modules/@types')],
      strict: true,
      useUnknownInCatchVariables: true,
      noUncheckedIndexedAccess: true,
      noImplicitReturns: true,
      exactOptionalPropertyTypes: true,
      skipLibCheck: true,
      rootDir: METRICS_GOLDEN_DIR,
      outDir,
    },
    include: [`${METRICS_GOLDEN_DIR}/**/*.ts`],
  };
  const project = join(dir, 'tsconfig.json');
  writeFileSync(project, JSON.stringify(tsconfig, null, 2));
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  let diagnostics = '';
  try {
    execFileSync(process.execPath, [tsc, '-p', project, '--pretty', 'false'], {
      cwd: dir,
      encoding: 'utf8',
      stdio: 'pipe',
    });
  } catch (err) {
    diagnostics = String((err as { stdout?: string }).stdout ?? err);
  }
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'package.json'), '{ "type": "module" }\n');
  return { dir, outDir, diagnostics };
}
