import type { Language } from '../facts.js';
import type { Grammar } from './parse.js';

/** `.d.ts` (and `.d.mts`/`.d.cts`) files are declarations: nothing runs there, so nothing to trace. */
const DECLARATION = /\.d\.[mc]?ts$/;
const TYPESCRIPT = /\.(ts|tsx|mts|cts)$/;
const JAVASCRIPT = /\.(js|jsx|mjs|cjs)$/;

export function languageOf(path: string): Language | null {
  if (DECLARATION.test(path)) return null;
  if (TYPESCRIPT.test(path)) return 'typescript';
  if (JAVASCRIPT.test(path)) return 'javascript';
  return null;
}

/** The tree-sitter grammar for a file: TSX only for `.tsx` (its JSX rules reject `<T>expr` casts). */
export function grammarOf(path: string, language: Language): Grammar {
  if (language === 'javascript') return 'javascript';
  return path.endsWith('.tsx') ? 'tsx' : 'typescript';
}

export function isTestFile(path: string): boolean {
  return /\.(test|spec)\.[cm]?[jt]sx?$/.test(path) || /(^|\/)__tests__\//.test(path);
}

const HTTP_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

export function isNextRouteMethodName(name: string): boolean {
  return HTTP_METHODS.has(name);
}

/**
 * Next.js App Router: `app/orders/[id]/route.ts` serves `/orders/[id]`; route groups `(shop)` and
 * private folders do not appear in the URL. Returns null when the file is not a route handler file.
 */
export function nextAppRoute(path: string): string | null {
  const match = /(?:^|\/)app\/((?:[^/]+\/)*)route\.[cm]?[jt]sx?$/.exec(path);
  if (!match) return null;
  const segments = (match[1] ?? '').split('/').filter((s) => s.length > 0 && !/^\(.*\)$/.test(s));
  return `/${segments.join('/')}`;
}

/** Next.js Pages Router API routes: `pages/api/orders/index.ts` serves `/api/orders`. */
export function nextPagesApiRoute(path: string): string | null {
  const match = /(?:^|\/)pages\/api\/(.*)\.[cm]?[jt]sx?$/.exec(path);
  if (!match) return null;
  const segments = (match[1] ?? '').split('/');
  if (segments[segments.length - 1] === 'index') segments.pop();
  return `/${['api', ...segments].join('/')}`;
}
