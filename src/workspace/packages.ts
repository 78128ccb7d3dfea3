// The package label (`{package}` in span names) and instrumentation scope name (the tracer's name) of a
// source file, from what its language's tooling reads: go.mod, package.json, Python's __init__.py files.
// Works over a small reader interface, so it runs on a real tree or an in-memory one alike.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import type { Language } from '../lang/facts.js';

export interface ProjectReader {
  /** Names of a directory's entries; empty when it cannot be read. */
  list(dir: string): readonly string[];
  /** A file's text, or null when it cannot be read. */
  read(file: string): string | null;
}

export const diskReader: ProjectReader = {
  list(dir) {
    try {
      return readdirSync(dir);
    } catch {
      return [];
    }
  },
  read(file) {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return null;
    }
  },
};

export interface PackageHints {
  /** `{package}` for span names when the adapter sees nothing better (Go's package clause wins). */
  packageHint: string;
  /** Name for a new tracer: Go import path, npm package name, Python module (`__name__`). */
  scopeHint: string;
}

/** The `module` directive of a go.mod file (`module example.com/shop // comment`, quoted or not). */
export function goModulePath(goMod: string): string | null {
  const match = /^\s*module\s+(?:"([^"]+)"|([^\s/]\S*))/m.exec(goMod.replace(/\/\/.*$/gm, ''));
  return match?.[1] ?? match?.[2] ?? null;
}

/**
 * The package name Go code in an import path conventionally declares: the last element, skipping a
 * version element (`/v2`, `/v1.26.0`) and the `go-` / `-go` / `.v3` decorations that cannot be in a name.
 */
export function goPackageName(importPath: string): string {
  const elements = importPath.split('/').filter((e) => e !== '');
  const last = elements[elements.length - 1] ?? '';
  // `/v2`, and versioned copies such as semconv's `/v1.26.0`, keep the parent's package name.
  const named =
    /^v\d+(\.\d+)*$/.test(last) && elements.length > 1 ? (elements[elements.length - 2] ?? last) : last;
  const cleaned = named
    .replace(/\.v\d+$/, '')
    .replace(/^go-/, '')
    .replace(/-go$/, '')
    .replace(/[^A-Za-z0-9_]/g, '');
  return cleaned === '' ? named : cleaned;
}

function posix(path: string): string {
  return path.split(sep).join('/');
}

/** Directory names that hold a package's modules rather than naming a part of it. */
const SOURCE_DIRECTORIES = new Set(['src', 'lib', 'app']);

/** Resolves package hints for files under `root`, caching what it reads per directory. */
export function createPackageResolver(
  reader: ProjectReader,
  root: string,
): (absPath: string, language: Language) => PackageHints {
  const listings = new Map<string, Set<string>>();
  const has = (dir: string, name: string): boolean => {
    let names = listings.get(dir);
    if (!names) {
      names = new Set(reader.list(dir));
      listings.set(dir, names);
    }
    return names.has(name);
  };

  /** The nearest directory at or above `dir` for which `found` gives a value, memoised per directory. */
  const nearest = <T>(cache: Map<string, T | null>, found: (dir: string) => T | null) => {
    const lookup = (dir: string): T | null => {
      const cached = cache.get(dir);
      if (cached !== undefined) return cached;
      const parent = dirname(dir);
      const value = found(dir) ?? (parent === dir ? null : lookup(parent));
      cache.set(dir, value);
      return value;
    };
    return lookup;
  };

  const goModule = nearest(new Map<string, { dir: string; module: string } | null>(), (dir) => {
    const module = has(dir, 'go.mod') ? goModulePath(reader.read(join(dir, 'go.mod')) ?? '') : null;
    return module ? { dir, module } : null;
  });

  const npmPackage = nearest(new Map<string, { dir: string; name: string } | null>(), (dir) => {
    if (!has(dir, 'package.json')) return null;
    try {
      const name: unknown = JSON.parse(reader.read(join(dir, 'package.json')) ?? '').name;
      // A package.json without a name (`{"type": "module"}` in a subdirectory) is no package boundary.
      return typeof name === 'string' && name !== '' ? { dir, name } : null;
    } catch {
      return null;
    }
  });

  const rootRelative = (dir: string): string => posix(relative(root, dir)) || basename(root);

  const goHints = (absPath: string): PackageHints => {
    const dir = dirname(absPath);
    const module = goModule(dir);
    if (!module) return { packageHint: goPackageName(basename(dir)), scopeHint: rootRelative(dir) };
    const below = posix(relative(module.dir, dir));
    const importPath = below === '' ? module.module : `${module.module}/${below}`;
    return { packageHint: goPackageName(importPath), scopeHint: importPath };
  };

  const scriptHints = (absPath: string): PackageHints => {
    const dir = dirname(absPath);
    const pkg = npmPackage(dir) ?? { dir: root, name: null };
    const label = pkg.name?.replace(/^@[^/]+\//, '') ?? basename(pkg.dir);
    // `orders.service.ts` → `orders`: NestJS-style suffixes name the role, not the package.
    const stem = basename(absPath).replace(/^\.+/, '').split('.')[0] ?? '';
    const generic = dir === pkg.dir || SOURCE_DIRECTORIES.has(basename(dir));
    const packageHint =
      stem === 'index' || stem === '' ? (generic ? label : basename(dir)) : generic ? stem : basename(dir);
    return { packageHint, scopeHint: pkg.name ?? label };
  };

  const pythonHints = (absPath: string): PackageHints => {
    const packages: string[] = [];
    for (let dir = dirname(absPath); has(dir, '__init__.py') && dirname(dir) !== dir; dir = dirname(dir)) {
      packages.unshift(basename(dir));
    }
    const stem = basename(absPath).replace(/\.py$/, '');
    const isPackageInit = stem === '__init__' && packages.length > 0;
    const module = isPackageInit ? packages.join('.') : [...packages, stem].join('.');
    return { packageHint: packages[packages.length - 1] ?? stem, scopeHint: module };
  };

  return (absPath, language) => {
    if (language === 'go') return goHints(absPath);
    if (language === 'python') return pythonHints(absPath);
    return scriptHints(absPath);
  };
}
