// Route prefixes from router mounts: a route registered on `ordersRouter` as `/:id` is served at
// `/api/orders/:id` when some file mounts that router with `app.use('/api/orders', ordersRouter)` (or
// `app.include_router(orders.router, prefix="/api")`). Mounts name the router by its name in the module
// that defines it and that module's path, so the join is exact; mounts chain through the router they
// are mounted on. A router mounted at several prefixes takes the first (by file, then line), since the
// audit keeps one route per handler.
import type { FileFacts, RouterMount } from '../lang/facts.js';
import { familyOf } from './auto-coverage.js';

const EXTENSION = /\.(?:[cm]?[jt]sx?|py)$/;

function withoutExtension(path: string): string {
  return path.replace(EXTENSION, '');
}

/** `src/routes/orders` names `src/routes/orders.ts`, `src/routes/orders/index.ts`, `…/__init__.py`. */
function namesFile(module: string, file: FileFacts): boolean {
  const bare = withoutExtension(file.path);
  const candidates = [bare, bare.replace(/\/(?:index|__init__)$/, '')];
  return candidates.some((c) => c === module || c.endsWith(`/${module}`));
}

/** `/api` + `/orders/:id` → `/api/orders/:id`; a router's root route `/` is the mount point itself. */
export function joinRoute(prefix: string, route: string): string {
  if (prefix === '') return route;
  const head = prefix.replace(/\/+$/, '');
  if (route === '' || route === '/') return head === '' ? '/' : head;
  return `${head}/${route.replace(/^\/+/, '')}`;
}

interface MountSite {
  file: FileFacts;
  mount: RouterMount;
}

export type MountPrefixes = (file: FileFacts, router: string | null | undefined) => string;

/** The prefix mounts put in front of the routes registered on `router` in `file` ('' when none). */
export function createMountPrefixes(files: readonly FileFacts[]): MountPrefixes {
  const withMounts = files.filter((f) => (f.mounts?.length ?? 0) > 0);
  if (withMounts.length === 0) return () => '';
  // Mounted router → where it is mounted, keyed by the defining file's path and the router's name there.
  const sites = new Map<string, MountSite[]>();
  for (const file of withMounts) {
    for (const mount of file.mounts ?? []) {
      const module = mount.router.module;
      const targets =
        module === null
          ? [file]
          : files.filter((f) => familyOf(f.language) === familyOf(file.language) && namesFile(module, f));
      for (const target of targets) {
        const key = `${target.path}\0${mount.router.name}`;
        const list = sites.get(key) ?? [];
        list.push({ file, mount });
        sites.set(key, list);
      }
    }
  }
  for (const list of sites.values())
    list.sort((a, b) =>
      a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : a.mount.line - b.mount.line,
    );
  const memo = new Map<string, string>();
  const prefixOf = (file: FileFacts, router: string, visiting: Set<string>): string => {
    const key = `${file.path}\0${router}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const site = sites.get(key)?.[0];
    if (!site || visiting.has(key)) return '';
    visiting.add(key);
    const outer = site.mount.parent === null ? '' : prefixOf(site.file, site.mount.parent, visiting);
    visiting.delete(key);
    const prefix = joinRoute(outer, site.mount.prefix);
    memo.set(key, prefix);
    return prefix;
  };
  return (file, router) => (router ? prefixOf(file, router, new Set()) : '');
}
