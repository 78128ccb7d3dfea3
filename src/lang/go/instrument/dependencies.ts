// Requires the OpenTelemetry modules the instrumented files now import, through the toolchain
// (`go get module@version` in the module directory: go.mod and go.sum stay consistent), never with a
// wholesale `go mod tidy`. The version is the one the module already uses for its other OpenTelemetry
// modules, else the newest one in the module cache (no network needed), else the latest release.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { DependencyWiring } from '../../../instrument/types.js';
import { run } from './go-tool.js';
import { moduleRoot } from './module-root.js';

const OTEL = 'go.opentelemetry.io/otel';
/** Packages under go.opentelemetry.io/otel that are modules of their own (the rest live in the otel module). */
const SUBMODULES = ['trace', 'metric', 'sdk', 'log'].map((m) => `${OTEL}/${m}`);

/** The module providing an imported package path. */
export function moduleOf(importPath: string): string | null {
  if (importPath !== OTEL && !importPath.startsWith(`${OTEL}/`)) return null;
  return SUBMODULES.find((m) => importPath === m || importPath.startsWith(`${m}/`)) ?? OTEL;
}

/** Import paths of a Go file's import declarations. */
export function importPaths(text: string): string[] {
  const paths: string[] = [];
  for (const decl of text.matchAll(/^import\s*(\([\s\S]*?^\)|[^\n]*)/gm)) {
    for (const m of (decl[1] as string).matchAll(/"([^"\n]+)"/g)) paths.push(m[1] as string);
  }
  return paths;
}

export interface Requirement {
  version: string;
  indirect: boolean;
}

/** `require` entries of a go.mod: module → version and whether it is only an indirect dependency. */
export function requirements(goMod: string): Map<string, Requirement> {
  const out = new Map<string, Requirement>();
  const add = (line: string) => {
    const m = /^\s*([^\s/]+\/[^\s]+|[^\s]+)\s+(v[^\s]+)(\s*\/\/\s*indirect)?/.exec(line);
    if (m) out.set(m[1] as string, { version: m[2] as string, indirect: Boolean(m[3]) });
  };
  for (const block of goMod.matchAll(/^require\s*\(([\s\S]*?)^\)/gm))
    for (const line of (block[1] as string).split('\n')) add(line);
  for (const single of goMod.matchAll(/^require\s+([^(\n][^\n]*)$/gm)) add(single[1] as string);
  return out;
}

function compareVersions(a: string, b: string): number {
  const parts = (v: string) =>
    v
      .replace(/^v/, '')
      .split(/[.-]/)
      .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const x = parts(a);
  const y = parts(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const p = x[i] ?? 0;
    const q = y[i] ?? 0;
    if (p === q) continue;
    if (typeof p === 'number' && typeof q === 'number') return p - q;
    return String(p) < String(q) ? -1 : 1;
  }
  return 0;
}

function goDirective(goMod: string): string | null {
  return /^go\s+(\S+)/m.exec(goMod)?.[1] ?? null;
}

export interface CachedRelease {
  version: string;
  /** The `go` directive of that release's go.mod. */
  go: string | null;
}

/** Releases of the otel module already downloaded, oldest first, so `go get` works offline. */
function cachedReleases(): CachedRelease[] {
  const modcache = run('go', ['env', 'GOMODCACHE']).stdout.trim();
  const dir = join(modcache, 'cache', 'download', OTEL, '@v');
  if (!modcache || !existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /^v1\.\d+\.\d+\.mod$/.test(f))
    .map((f) => ({
      version: f.slice(0, -'.mod'.length),
      go: goDirective(readFileSync(join(dir, f), 'utf8')),
    }))
    .sort((a, b) => compareVersions(a.version, b.version));
}

/**
 * The version to require: what the module already uses for OpenTelemetry; else the newest cached release
 * that the module's own `go` version can build (so its go directive need not rise); else the newest
 * cached one; else the latest release.
 */
export function chooseVersion(
  required: ReadonlyMap<string, Requirement>,
  moduleGo: string | null,
  cached: () => CachedRelease[],
): string {
  for (const m of [OTEL, ...SUBMODULES]) {
    const r = required.get(m);
    if (r && /^v1\./.test(r.version)) return r.version;
  }
  const releases = cached();
  const fits = releases.filter(
    (r) => moduleGo === null || r.go === null || compareVersions(r.go, moduleGo) <= 0,
  );
  return (fits[fits.length - 1] ?? releases[releases.length - 1])?.version ?? 'latest';
}

/** `go get` leaves modules it adds marked `// indirect`; the files import them directly. */
export function markDirect(goMod: string, modules: readonly string[]): string {
  return modules.reduce((text, m) => {
    const escaped = m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return text.replace(
      new RegExp(`^(\\s*(?:require\\s+)?${escaped}\\s+v\\S+)[ \\t]*//[ \\t]*indirect[ \\t]*$`, 'm'),
      '$1',
    );
  }, goMod);
}

function filesByModule(files: readonly string[]): Map<string, string[]> {
  const byModule = new Map<string, string[]>();
  for (const f of files) {
    const root = moduleRoot(dirname(f));
    if (root) byModule.set(root, [...(byModule.get(root) ?? []), f]);
  }
  return byModule;
}

export const goDependencies: DependencyWiring = {
  manifests(files) {
    return [...filesByModule(files).keys()].flatMap((root) => [join(root, 'go.mod'), join(root, 'go.sum')]);
  },

  apply(files, root) {
    const changed: string[] = [];
    const actions: string[] = [];
    for (const [mod, group] of filesByModule(files)) {
      const needed = new Set<string>();
      for (const f of group) {
        for (const p of importPaths(readFileSync(f, 'utf8'))) {
          const m = moduleOf(p);
          if (m) needed.add(m);
        }
      }
      const goModPath = join(mod, 'go.mod');
      const before = readFileSync(goModPath, 'utf8');
      const required = requirements(before);
      const missing = [...needed].filter((m) => !required.has(m) || required.get(m)?.indirect).sort();
      if (missing.length === 0) continue;
      const version = chooseVersion(required, goDirective(before), cachedReleases);
      const args = ['get', ...missing.map((m) => `${m}@${required.get(m)?.version ?? version}`)];
      const where = relative(root, mod) || '.';
      const result = run('go', args, { cwd: mod });
      if (result.status !== 0) {
        actions.push(
          `could not run go ${args.join(' ')} in ${where}: ${result.stderr.trim().split('\n').pop() ?? 'failed'}`,
        );
        continue;
      }
      const after = readFileSync(goModPath, 'utf8');
      const direct = markDirect(after, missing);
      if (direct !== after) writeFileSync(goModPath, direct);
      changed.push(goModPath, ...(existsSync(join(mod, 'go.sum')) ? [join(mod, 'go.sum')] : []));
      const raised =
        goDirective(before) !== goDirective(after)
          ? `; its go directive rose from ${goDirective(before)} to ${goDirective(after)}, as the OpenTelemetry release requires`
          : '';
      actions.push(`go ${args.join(' ')} (in ${where})${raised}`);
    }
    return { changed, actions };
  },
};
