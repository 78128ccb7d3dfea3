// Test support: type-checks and compiles the TypeScript golden cases (inputs, expected outputs and their
// support files) with the real compiler under strict settings, against the real @opentelemetry/api.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GOLDEN_DIR } from './golden-cases.js';

const REPO = join(GOLDEN_DIR, '../../..');

export interface Compiled {
  /** The temporary directory holding everything (remove it when done). */
  dir: string;
  /** Where `<case>/<file>.js` ends up. */
  outDir: string;
  /** tsc's diagnostics; empty when everything type-checks. */
  diagnostics: string;
}

export function compileGoldenTypeScript(): Compiled {
  return compileStrict(
    GOLDEN_DIR,
    { lib: ['ES2023', 'DOM'], noImplicitOverride: true, jsx: 'react', jsxFactory: 'h' },
    [`${GOLDEN_DIR}/**/*.ts`, `${GOLDEN_DIR}/**/*.tsx`],
  );
}

/**
 * Type-checks and compiles every file under `rootDir` with the real compiler under strict settings, in a
 * temporary project whose modules import '@opentelemetry/api' from the repository's own node_modules.
 */
export function compileStrict(
  rootDir: string,
  extraOptions: Record<string, unknown>,
  include: string[],
): Compiled {
  const dir = mkdtempSync(join(tmpdir(), 'otelwright-golden-ts-'));
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
      skipLibCheck: true,
      ...extraOptions,
      rootDir,
      outDir,
    },
    include,
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
