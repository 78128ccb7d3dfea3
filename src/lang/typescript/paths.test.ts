import { describe, expect, it } from 'vitest';
import { typescriptAdapter } from './adapter.js';
import { grammarOf, nextAppRoute, nextPagesApiRoute } from './paths.js';

describe('typescript adapter: files it claims', () => {
  it('maps TypeScript and JavaScript extensions to their language', () => {
    const cases: [string, string | null][] = [
      ['src/a.ts', 'typescript'],
      ['src/a.tsx', 'typescript'],
      ['src/a.mts', 'typescript'],
      ['src/a.cts', 'typescript'],
      ['src/a.js', 'javascript'],
      ['src/a.jsx', 'javascript'],
      ['src/a.mjs', 'javascript'],
      ['src/a.cjs', 'javascript'],
      ['src/a.d.ts', null],
      ['src/a.d.mts', null],
      ['src/a.py', null],
      ['src/a.json', null],
    ];
    for (const [path, language] of cases) expect(typescriptAdapter.languageOf(path), path).toBe(language);
  });

  it('uses the TSX grammar only for .tsx and the JavaScript grammar (with JSX) for JS files', () => {
    expect(grammarOf('a.tsx', 'typescript')).toBe('tsx');
    expect(grammarOf('a.ts', 'typescript')).toBe('typescript');
    expect(grammarOf('a.jsx', 'javascript')).toBe('javascript');
  });

  it('recognises test files by name and by __tests__ folders', () => {
    expect(typescriptAdapter.isTestFile('src/orders.test.ts')).toBe(true);
    expect(typescriptAdapter.isTestFile('src/orders.spec.tsx')).toBe(true);
    expect(typescriptAdapter.isTestFile('src/orders.test.mjs')).toBe(true);
    expect(typescriptAdapter.isTestFile('src/__tests__/orders.ts')).toBe(true);
    expect(typescriptAdapter.isTestFile('src/orders.ts')).toBe(false);
    expect(typescriptAdapter.isTestFile('src/contest.ts')).toBe(false);
  });

  it('reads Next.js routes from App Router and Pages Router paths', () => {
    expect(nextAppRoute('app/orders/[id]/route.ts')).toBe('/orders/[id]');
    expect(nextAppRoute('src/app/(shop)/cart/route.js')).toBe('/cart');
    expect(nextAppRoute('app/route.ts')).toBe('/');
    expect(nextAppRoute('app/orders/page.tsx')).toBeNull();
    expect(nextPagesApiRoute('pages/api/orders/index.ts')).toBe('/api/orders');
    expect(nextPagesApiRoute('src/pages/api/orders/[id].js')).toBe('/api/orders/[id]');
    expect(nextPagesApiRoute('pages/orders.tsx')).toBeNull();
  });
});
