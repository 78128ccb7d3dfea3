// Joins route registrations (often in main.go, routes.ts, urls.py) to the functions they name (often in
// another file), so a handler is known as one wherever it is registered.
//
// Python registrations may also name a class or a class's method: Django's `CustomerView.as_view()`
// serves the route from the class's HTTP-method-named methods (`get`, `post`...), a DRF router's
// `OrderViewSet.list` from that method; and a Django `include("shop.urls")` prefixes the routes of the
// module it names (`api/` + `orders/<int:pk>/`), as `request.resolver_match.route` reports them.
import type { FileFacts, FunctionFacts, HandlerFacts, RouteRegistration } from '../lang/facts.js';
import { familyOf } from './auto-coverage.js';
import { createMountPrefixes, joinRoute } from './mounts.js';

export interface ResolvedHandler {
  handler: HandlerFacts;
  /** The registration wraps this handler in auto-instrumentation (`otelhttp.NewHandler(h, ...)`). */
  wrapped: boolean;
}

interface Candidate {
  file: FileFacts;
  fn: FunctionFacts;
}

export function functionKey(file: FileFacts, fn: FunctionFacts): string {
  return `${file.path}:${fn.line}:${fn.column}`;
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** `h.CreateOrder` → `CreateOrder`; `views.order_detail` → `order_detail`; `OrdersController.create` → `create`. */
function handlerName(text: string): string {
  const cleaned = text.replace(/\(.*$/s, '').trim();
  return cleaned.split('.').pop() ?? cleaned;
}

/** `views.OrderViewSet.list` → `OrderViewSet`: the segment before the name, or null. */
function qualifierOf(text: string): string | null {
  const segments = text.replace(/\(.*$/s, '').trim().split('.');
  return segments.length > 1 ? segments[segments.length - 2]! : null;
}

/**
 * A registration names a function by its bare name, which other types may share (`h.GetOrder` and
 * `OrderService.GetOrder`). Keep the functions whose shape says "handler": a handler signature the
 * adapter recognised, else a request/response/framework-context parameter; in Go the signature is
 * mandatory (a registered function must have one); elsewhere an untyped `(req, res)`, or a Flask view's
 * empty parameter list, is enough.
 */
function plausibleHandlers(candidates: Candidate[], go: boolean) {
  const bySignature = candidates.filter((c) => c.fn.handler !== null);
  if (bySignature.length > 0 || go) return bySignature;
  const byParams = candidates.filter((c) =>
    c.fn.params.some((p) => p.role === 'request' || p.role === 'response' || p.role === 'framework-context'),
  );
  // Flask views take no parameters at all: any non-constructor namesake will do.
  return byParams.length > 0 ? byParams : candidates.filter((c) => c.fn.kind !== 'constructor');
}

/** The methods of a class-based view that serve requests: Django's `View.http_method_names` (and Flask's MethodView). */
const VIEW_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options']);

/** `include("shop.urls")`, as the Python adapter records a Django `include()` of another module. */
const INCLUDE = /^include\("(\.*[\p{L}\p{N}_.]*)"\)$/u;

/** Django's `URLResolver._join_route`: the inner route loses its leading `^` (`api/` + `^orders/$` → `api/orders/$`). */
function joinDjangoRoute(prefix: string, route: string): string {
  return prefix ? prefix + route.replace(/^\^/, '') : route;
}

function commonDirDepth(a: string, b: string): number {
  const x = dirOf(a).split('/');
  const y = dirOf(b).split('/');
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n] && x[n] !== '') n++;
  return n;
}

/**
 * The audited files a dotted module names: `shop.urls` → `…/shop/urls.py` or `…/shop/urls/__init__.py`;
 * `.urls` (relative) from the including file's package. Of several, the nearest to the including file;
 * none when that still leaves more than one.
 */
function moduleFiles(module: string, from: FileFacts, python: readonly FileFacts[]): FileFacts[] {
  const dots = /^\.*/.exec(module)![0].length;
  const rest = module.slice(dots).split('.').filter(Boolean).join('/');
  if (dots > 0) {
    let dir = dirOf(from.path);
    for (let i = 1; i < dots; i++) dir = dirOf(dir);
    const base = [dir, rest].filter(Boolean).join('/');
    if (!base) return [];
    return python.filter((f) => f.path === `${base}.py` || f.path === `${base}/__init__.py`);
  }
  if (!rest) return [];
  const found = python.filter((f) =>
    [`${rest}.py`, `${rest}/__init__.py`].some((p) => f.path === p || f.path.endsWith(`/${p}`)),
  );
  if (found.length <= 1) return found;
  const depth = Math.max(...found.map((f) => commonDirDepth(f.path, from.path)));
  const nearest = found.filter((f) => commonDirDepth(f.path, from.path) === depth);
  return nearest.length === 1 ? nearest : [];
}

/**
 * The route prefix of each Python file some audited URL configuration `include()`s, through any chain
 * of includes, walked breadth-first from the configurations nobody includes (the root URLconf): a module
 * included more than once takes the prefix of its most direct inclusion (then the first, by including
 * file and line), since the audit keeps one route per handler. Modules only a cycle reaches get none.
 */
function djangoPrefixes(python: readonly FileFacts[]): Map<FileFacts, string> {
  const edges = new Map<FileFacts, { target: FileFacts; route: string }[]>();
  const targets = new Set<FileFacts>();
  for (const file of python) {
    for (const reg of file.routes) {
      const m = reg.framework === 'django' ? INCLUDE.exec(reg.handler) : null;
      if (!m) continue;
      for (const target of moduleFiles(m[1]!, file, python)) {
        if (target === file) continue;
        const list = edges.get(file) ?? [];
        list.push({ target, route: reg.route });
        edges.set(file, list);
        targets.add(target);
      }
    }
  }
  const prefixes = new Map<FileFacts, string>();
  if (edges.size === 0) return prefixes;
  const queue = [...edges.keys()]
    .filter((f) => !targets.has(f))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const roots = new Set(queue);
  for (let i = 0; i < queue.length; i++) {
    const from = queue[i]!;
    const prefix = prefixes.get(from) ?? '';
    for (const { target, route } of edges.get(from) ?? []) {
      if (roots.has(target) || prefixes.has(target)) continue;
      prefixes.set(target, joinDjangoRoute(prefix, route));
      queue.push(target);
    }
  }
  return prefixes;
}

/**
 * Of the classes (or methods) a registration may mean, the one nearest the registration: in its own
 * file, its directory, or below it (a `views/` package beside `urls.py`); else the only file defining it.
 * Namesakes in unrelated apps (every app has an `IndexView`) are left alone.
 */
function nearest(candidates: Candidate[], from: FileFacts): Candidate[] {
  if (candidates.length === 0) return candidates;
  const dir = dirOf(from.path);
  const tiers = [
    (c: Candidate) => c.file.path === from.path,
    (c: Candidate) => dirOf(c.file.path) === dir,
    (c: Candidate) => dir === '' || c.file.path.startsWith(`${dir}/`),
  ];
  for (const tier of tiers) {
    const found = candidates.filter(tier);
    if (found.length > 0) return found;
  }
  return new Set(candidates.map((c) => c.file)).size === 1 ? candidates : [];
}

export function resolveHandlers(files: readonly FileFacts[]): Map<string, ResolvedHandler> {
  const byName = new Map<string, Candidate[]>();
  for (const file of files) {
    for (const fn of file.functions) {
      const list = byName.get(fn.name) ?? [];
      list.push({ file, fn });
      byName.set(fn.name, list);
    }
  }
  const python = files.filter((f) => f.language === 'python');
  // Python-only indexes, built on first use: a project without Python registrations never pays for them.
  let byOwner: Map<string, Candidate[]> | null = null;
  const methodsOf = (owner: string): Candidate[] | undefined => {
    if (!byOwner) {
      byOwner = new Map();
      for (const file of python) {
        for (const fn of file.functions) {
          if (fn.owner === null) continue;
          const list = byOwner.get(fn.owner) ?? [];
          list.push({ file, fn });
          byOwner.set(fn.owner, list);
        }
      }
    }
    return byOwner.get(owner);
  };
  const prefixes = python.some((f) => f.routes.some((r) => r.framework === 'django'))
    ? djangoPrefixes(python)
    : new Map<FileFacts, string>();

  const mountPrefix = createMountPrefixes(files);
  /** The function's own route (a decorator's, an inline registration's) behind its router's mounts. */
  const ownRoute = (file: FileFacts, fn: FunctionFacts): string | null =>
    fn.handler?.route == null ? null : joinRoute(mountPrefix(file, fn.handler.router), fn.handler.route);

  const resolved = new Map<string, ResolvedHandler>();
  const assign = (
    file: FileFacts,
    fn: FunctionFacts,
    reg: RouteRegistration,
    from: FileFacts,
    method: string | null = null,
  ) => {
    const key = functionKey(file, fn);
    const base = fn.handler ?? { framework: reg.framework, route: null, method: null };
    const previous = resolved.get(key);
    resolved.set(key, {
      handler: {
        ...base,
        route: ownRoute(file, fn) ?? joinRoute(mountPrefix(from, reg.router), reg.route),
        method: base.method ?? method ?? reg.method,
      },
      wrapped: (previous?.wrapped ?? false) || reg.autoInstrumented,
    });
  };
  for (const file of files) {
    const isPython = file.language === 'python';
    const prefix = isPython ? (prefixes.get(file) ?? '') : '';
    for (const written of file.routes) {
      let reg = written;
      if (isPython && reg.framework === 'django') {
        if (INCLUDE.test(reg.handler)) continue;
        if (prefix) reg = { ...reg, route: joinDjangoRoute(prefix, reg.route) };
      }
      const name = handlerName(reg.handler);
      if (isPython) {
        // `OrderViewSet.list` (a router's action): that class's method, or none (an inherited action).
        const qualifier = qualifierOf(reg.handler);
        const owned = qualifier ? methodsOf(qualifier) : undefined;
        if (owned) {
          const chosen = nearest(
            owned.filter((c) => c.fn.name === name && c.fn.kind !== 'constructor'),
            file,
          );
          for (const c of chosen) assign(c.file, c.fn, reg, file);
          continue;
        }
      }
      const candidates = (byName.get(name) ?? []).filter(
        (c) => familyOf(c.file.language) === familyOf(file.language),
      );
      const plausible = plausibleHandlers(candidates, file.language === 'go');
      if (plausible.length === 0) {
        // `CustomerView.as_view()`: a class-based view serves the route from its HTTP-method methods.
        const members = isPython ? methodsOf(name) : undefined;
        if (members) {
          const views = nearest(
            members.filter(
              (c) => c.fn.owner === name && VIEW_METHODS.has(c.fn.name) && c.fn.kind === 'method',
            ),
            file,
          );
          for (const c of views) assign(c.file, c.fn, reg, file, c.fn.name.toUpperCase());
        }
        continue;
      }
      // The registration names one function: prefer the same file, then the same package directory.
      const sameFile = plausible.filter((c) => c.file.path === file.path);
      const sameDir = plausible.filter((c) => dirOf(c.file.path) === dirOf(file.path));
      const chosen = sameFile.length > 0 ? sameFile : sameDir.length > 0 ? sameDir : plausible;
      for (const c of chosen) assign(c.file, c.fn, reg, file);
    }
  }
  // Handlers registered where they are defined (decorators, inline callbacks) on a mounted router.
  for (const file of files) {
    for (const fn of file.functions) {
      if (!fn.handler?.router || resolved.has(functionKey(file, fn))) continue;
      const route = ownRoute(file, fn);
      if (route !== fn.handler.route)
        resolved.set(functionKey(file, fn), { handler: { ...fn.handler, route }, wrapped: false });
    }
  }
  return resolved;
}
