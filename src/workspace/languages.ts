// Which files the adapters claim (their catalog, which loads no grammar) and which of them are tests,
// by name alone. Test detection is the workspace's: it also knows test directories in every language.
import { descriptorFor } from '../lang/catalog.js';
import type { Language } from '../lang/facts.js';

/** The language of a file by its name, or null when no adapter claims it (the adapters' catalog decides). */
export function languageOfPath(path: string): Language | null {
  return descriptorFor(path)?.language ?? null;
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
