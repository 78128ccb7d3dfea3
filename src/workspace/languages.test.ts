import { describe, expect, it } from 'vitest';
import { isTestPath, languageOfPath } from './languages.js';

describe('languageOfPath', () => {
  it.each([
    ['cmd/api/main.go', 'go'],
    ['src/a.ts', 'typescript'],
    ['src/A.tsx', 'typescript'],
    ['x.mts', 'typescript'],
    ['x.cts', 'typescript'],
    ['x.js', 'javascript'],
    ['x.jsx', 'javascript'],
    ['x.mjs', 'javascript'],
    ['x.cjs', 'javascript'],
    ['app/service.py', 'python'],
  ])('%s is %s', (path, language) => {
    expect(languageOfPath(path)).toBe(language);
  });

  it.each([
    'types.d.ts',
    'x.d.mts',
    'x.d.cts',
    'README.md',
    'x.pyi',
    'Makefile',
    '.ts',
    'go.mod',
    'a.go.txt',
  ])('%s belongs to no adapter', (path) => {
    expect(languageOfPath(path)).toBeNull();
  });
});

describe('isTestPath', () => {
  it.each([
    ['orders/service_test.go', 'go'],
    ['src/orders.test.ts', 'typescript'],
    ['src/orders.spec.tsx', 'typescript'],
    ['test/app.e2e-spec.ts', 'typescript'],
    ['src/__tests__/orders.ts', 'typescript'],
    ['lib/orders.spec.js', 'javascript'],
    ['lib/orders.test.mjs', 'javascript'],
    ['tests/test_orders.py', 'python'],
    ['app/test_orders.py', 'python'],
    ['app/orders_test.py', 'python'],
    ['app/conftest.py', 'python'],
    ['shop/orders/tests.py', 'python'],
    ['app/tests/factories.py', 'python'],
    ['pkg/testdata/input.go', 'go'],
  ] as const)('%s is a test file', (path, language) => {
    expect(isTestPath(path, language)).toBe(true);
  });

  it.each([
    ['orders/service.go', 'go'],
    ['orders/testing.go', 'go'],
    ['src/contest.ts', 'typescript'],
    ['src/latest.ts', 'typescript'],
    ['src/attest.js', 'javascript'],
    ['app/testing_utils.py', 'python'],
    ['app/contest.py', 'python'],
    ['app/latest.py', 'python'],
  ] as const)('%s is not a test file', (path, language) => {
    expect(isTestPath(path, language)).toBe(false);
  });
});
