// The project a file belongs to: the nearest directory with the language's manifest (go.mod,
// package.json, pyproject.toml...). Auto-instrumentation set up in one project (a Go module's main, a
// Node package's entry point, a Python service's launcher) covers that project's handlers, not its
// neighbours' in a monorepo.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Language } from '../lang/facts.js';

const MANIFESTS: Record<'go' | 'node' | 'python', readonly string[]> = {
  go: ['go.mod'],
  node: ['package.json'],
  python: ['pyproject.toml', 'setup.py', 'setup.cfg', 'requirements.txt', 'Pipfile'],
};

function familyOf(language: Language): keyof typeof MANIFESTS {
  return language === 'go' ? 'go' : language === 'python' ? 'python' : 'node';
}

/**
 * Returns a function from a root-relative file path to its project directory (root-relative, '' for the
 * root itself or when no manifest is found). Directory look-ups are cached.
 */
export function createProjectResolver(root: string): (path: string, language: Language) => string {
  const cache = new Map<string, string>();
  const projectOfDir = (dir: string, family: keyof typeof MANIFESTS): string => {
    const key = `${family}:${dir}`;
    const known = cache.get(key);
    if (known !== undefined) return known;
    let found: string;
    if (MANIFESTS[family].some((m) => existsSync(join(root, dir, m)))) found = dir;
    else if (dir === '') found = '';
    else found = projectOfDir(dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '', family);
    cache.set(key, found);
    return found;
  };
  return (path, language) =>
    projectOfDir(path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '', familyOf(language));
}

/** True when `project` is `scope` or lies below it ('' is the whole audit root). */
export function isWithin(project: string, scope: string): boolean {
  return scope === '' || project === scope || project.startsWith(`${scope}/`);
}

/**
 * The service a project is, for `{service}` in metric names when the standards do not name it: the last
 * segment of a Go module path, an npm package name without its scope, a Python project's name, else the
 * project directory's name (the audit root's for a project at the root).
 */
export function serviceNameOf(root: string, project: string, language: Language): string {
  const dir = join(root, project);
  const read = (name: string): string | null => {
    try {
      return readFileSync(join(dir, name), 'utf8');
    } catch {
      return null;
    }
  };
  const family = familyOf(language);
  let name: string | null = null;
  if (family === 'go')
    name =
      /^module\s+"?([^\s"]+)/m
        .exec(read('go.mod') ?? '')?.[1]
        ?.split('/')
        .pop() ?? null;
  else if (family === 'node') {
    try {
      const pkg = JSON.parse(read('package.json') ?? 'null') as { name?: unknown } | null;
      if (typeof pkg?.name === 'string') name = pkg.name.replace(/^@[^/]+\//, '');
    } catch {
      name = null;
    }
  } else name = /^\s*name\s*=\s*["']([^"']+)["']/m.exec(read('pyproject.toml') ?? '')?.[1] ?? null;
  const fallback = (project === '' ? root : dir).split(/[\\/]/).filter(Boolean).pop() ?? 'service';
  return (name ?? fallback).replace(/[^A-Za-z0-9_.-]/g, '_');
}
