// Which files the adapters claim and which of them are tests, by name alone. Mirrors each adapter's
// `languageOf`/`isTestFile` (src/lang/*/adapter.ts) so discovery does not depend on the adapters' code.
import type { Language } from '../lang/facts.js';

const EXTENSIONS: Record<string, Language> = {
  '.go': 'go',
  '.ts': 'typescript',
  '.tsx': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.js': 'javascript',
  '.jsx': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.py': 'python',
};

/** Declaration files describe code that lives elsewhere; there is nothing in them to instrument. */
const DECLARATION_FILE = /\.d\.[cm]?ts$/;

/** The language of a file by its name, or null when no adapter claims it. */
export function languageOfPath(path: string): Language | null {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || DECLARATION_FILE.test(name)) return null;
  return EXTENSIONS[name.slice(dot)] ?? null;
}

/** Directories whose whole content is tests or test data, in every language. */
const TEST_DIRECTORIES = new Set(['test', 'tests', '__tests__', 'testdata']);

const TEST_FILE: Record<Language, RegExp> = {
  go: /_test\.go$/,
  // jest/vitest/mocha/jasmine: foo.test.ts, foo.spec.jsx, app.e2e-spec.ts, foo-test.js, foo_test.mjs.
  typescript: /[._-](test|spec)\.[cm]?tsx?$/,
  javascript: /[._-](test|spec)\.[cm]?jsx?$/,
  // pytest's default discovery patterns, its fixture module, and Django's per-app tests module.
  python: /(^|\/)(test_[^/]*|[^/]*_test|conftest|tests)\.py$/,
};

/** True for a test file or a file inside a test directory, for a path relative to the audit root (POSIX). */
export function isTestPath(path: string, language: Language): boolean {
  const segments = path.split('/');
  if (segments.slice(0, -1).some((segment) => TEST_DIRECTORIES.has(segment))) return true;
  return TEST_FILE[language].test(path);
}
