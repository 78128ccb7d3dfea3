// What discovery never looks into: dependencies, build output, caches and virtual environments. None of
// it is the team's code, and some of it (node_modules, venvs) is larger than the code itself.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const IGNORED_DIRECTORIES = new Set([
  'node_modules',
  'bower_components',
  'vendor',
  'third_party',
  '.git',
  '.hg',
  '.svn',
  'dist',
  'build',
  'out',
  '__pycache__',
  '.venv',
  'venv',
  '.tox',
  '.nox',
  '.eggs',
  '.mypy_cache',
  '.pytest_cache',
  'site-packages',
  '.next',
  '.nuxt',
  '.svelte-kit',
  '.turbo',
  '.yarn',
  '.pnpm-store',
  'coverage',
  '.otelwright_cache',
]);

/** Minified bundles are build output, whatever directory they sit in. */
const IGNORED_FILE = /\.d\.[cm]?ts$|\.min\.[cm]?js$/;

/**
 * True for a directory discovery must not enter. `absPath` is checked for `pyvenv.cfg`, which marks a
 * Python virtual environment whatever it is called (`env`, `.venv311`...).
 */
export function isIgnoredDirectory(name: string, absPath: string): boolean {
  return (
    IGNORED_DIRECTORIES.has(name) || name.endsWith('.egg-info') || existsSync(join(absPath, 'pyvenv.cfg'))
  );
}

export function isIgnoredFileName(name: string): boolean {
  return IGNORED_FILE.test(name);
}
