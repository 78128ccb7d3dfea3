// Runs the golden outputs for real: compiled by the validator (py_compile through the project venv),
// type-checked by mypy against the installed opentelemetry-api, and driven by pytest with the
// OpenTelemetry SDK and an in-memory exporter (test/runtime/python). Needs the venv that
// scripts/setup-test-env.mjs builds from requirements-dev.txt.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { pythonValidator } from './validator.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const venvPython = join(repo, '.venv/bin/python');
const goldenDir = join(repo, 'test/golden/python');
const expectedFiles = readdirSync(goldenDir)
  .map((name) => join(goldenDir, name, 'expected.py'))
  .filter(existsSync)
  .sort();

function python(args: string[]) {
  // No bytecode or caches left in the repository by these runs.
  const env = { ...process.env, PYTHONDONTWRITEBYTECODE: '1' };
  const r = spawnSync(venvPython, args, { cwd: repo, env, encoding: 'utf8', timeout: 300_000 });
  return { status: r.status, output: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

describe.skipIf(!existsSync(venvPython))('python golden outputs at run time', () => {
  it('compile with the validator', () => {
    const result = pythonValidator.validate({ name: 'golden', cwd: repo, files: expectedFiles });
    expect(result.problems).toEqual([]);
    expect(result.commands[0]).toContain('py_compile');
  });

  it('type-check with mypy against the real opentelemetry-api', () => {
    const hasMypy = python(['-c', 'import mypy']).status === 0;
    if (!hasMypy) throw new Error('mypy is not installed in .venv: add it to requirements-dev.txt');
    // Each golden is its own module; checking them one per run avoids duplicate-module errors.
    for (const file of expectedFiles) {
      const r = python([
        '-m',
        'mypy',
        '--no-error-summary',
        '--ignore-missing-imports',
        '--check-untyped-defs',
        '--cache-dir=/dev/null',
        file,
      ]);
      expect({ file, output: r.output.trim() }).toEqual({ file, output: '' });
    }
  });

  it('behave like their inputs and emit the spans the standards ask for (pytest)', () => {
    const r = python(['-m', 'pytest', '-q', '-p', 'no:cacheprovider', 'test/runtime/python']);
    expect(r.output).toMatch(/\d+ passed/);
    expect({ status: r.status, output: r.status === 0 ? '' : r.output }).toEqual({ status: 0, output: '' });
  });
});
