import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { globMatcher, globToRegExp } from './glob.js';

const matches = (glob: string, file: string): boolean => globToRegExp(glob).test(file);

describe('globToRegExp', () => {
  it.each([
    ['**/*.go', 'a/b/c.go', true],
    ['**/*.go', 'c.go', true],
    ['**/*.go', 'c.gox', false],
    ['src/**', 'src/a/b.ts', true],
    ['src/**', 'srcx/a.ts', false],
    ['src/**/gen/*.ts', 'src/gen/x.ts', true],
    ['src/**/gen/*.ts', 'src/a/b/gen/x.ts', true],
    ['src/**/gen/*.ts', 'src/a/gen/y/x.ts', false],
    ['*.ts', 'a/b.ts', false],
    ['a/*/c', 'a/b/c', true],
    ['a/*/c', 'a/b/d/c', false],
    ['file?.py', 'file1.py', true],
    ['file?.py', 'file10.py', false],
    ['a/{b,c}/*.ts', 'a/c/x.ts', true],
    ['a/{b,c}/*.ts', 'a/d/x.ts', false],
    ['*.{ts,{m,c}js}', 'x.mjs', true],
    ['*.{ts,{m,c}js}', 'x.js', false],
    ['[abc].go', 'b.go', true],
    ['[!abc].go', 'b.go', false],
    ['[!abc].go', 'd.go', true],
    ['a.b', 'axb', false],
    ['(x)+', '(x)+', true],
  ])('%s against %s is %s', (glob, file, expected) => {
    expect(matches(glob, file)).toBe(expected);
  });

  // Node's own matcher, where it exists, is the reference for the cases both support.
  it.runIf(typeof path.matchesGlob === 'function')('agrees with path.matchesGlob', () => {
    const cases: [string, string][] = [
      ['**/*.go', 'a/b/c.go'],
      ['src/**', 'src/a/b.ts'],
      ['src/**/*.ts', 'src/x.ts'],
      ['a/{b,c}/*.ts', 'a/c/x.ts'],
      ['a/{b,c}/*.ts', 'a/e/x.ts'],
      ['*.ts', 'a/b.ts'],
      ['file?.py', 'file10.py'],
      ['[!abc].go', 'd.go'],
      ['a/**/b', 'a/b'],
      ['a/**/b', 'a/x/y/b'],
    ];
    for (const [glob, file] of cases)
      expect(matches(glob, file), `${glob} ${file}`).toBe(path.matchesGlob(file, glob));
  });
});

describe('globMatcher', () => {
  it('matches a glob without a slash against every name in the path', () => {
    const excluded = globMatcher(['*.pb.go', 'generated']);
    expect(excluded('api/v1/orders.pb.go')).toBe(true);
    expect(excluded('a/generated/x.ts')).toBe(true);
    expect(excluded('a/generated.ts')).toBe(false);
  });

  it('matches a glob with a slash from the root, covering directories', () => {
    const excluded = globMatcher(['internal/legacy', './tools/', 'services/*/migrations']);
    expect(excluded('internal/legacy/old.go')).toBe(true);
    expect(excluded('pkg/internal/legacy/old.go')).toBe(false);
    expect(excluded('tools/gen/main.go')).toBe(true);
    expect(excluded('services/orders/migrations/001.py')).toBe(true);
    expect(excluded('services/orders/models.py')).toBe(false);
  });

  it('matches nothing with no globs', () => {
    expect(globMatcher([])('a.go')).toBe(false);
  });
});
