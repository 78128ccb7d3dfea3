// Handler registrations: net/http muxes (Go 1.22 `"POST /orders/{id}"` patterns included), gorilla/mux,
// chi, gin, echo and fiber, with the prefixes that can be read from the same file: groups and subrouters,
// chi `Route` blocks, chi `Mount`s of a router this file builds (`r.Mount("/orders", h.orderRoutes())`,
// `r.Mount("/orders", orders)`, `r.Route("/orders", h.orderRoutes)`), and a router or group passed to a
// function of this file (`registerOrders(api)`). A router built in another file keeps its own routes.
import type { HandlerFramework, RouteRegistration } from '../facts.js';
import { argsOf, lastSegment, methodOf, receiverOf, rootOf } from './calls.js';
import { constantString } from './declarations.js';
import { argumentsOfExpression, calleeOfExpression, isSelector } from './expressions.js';
import type { KnownPackage } from './imports.js';
import type { LexCall, LexScope } from './lexer.js';
import type { GoFile } from './model.js';
import { shorten, splitTopLevel } from './scan.js';

const UPPER_VERBS = new Set([
  'GET',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'HEAD',
  'OPTIONS',
  'CONNECT',
  'TRACE',
  'Any',
]);
const CHI_VERBS = new Set([
  'Get',
  'Post',
  'Put',
  'Patch',
  'Delete',
  'Head',
  'Options',
  'Connect',
  'Trace',
  'All',
]);

/** Wrappers whose handler argument is at this index. */
const WRAPPER_ARG: Record<string, number> = {
  HandlerFunc: 0,
  NewHandler: 0,
  WithRouteTag: 1,
  TimeoutHandler: 0,
  StripPrefix: 1,
  MaxBytesHandler: 0,
  WrapF: 0,
  WrapH: 0,
};

interface Handler {
  text: string;
  /** Wrapped by `otelhttp.NewHandler`/`otelhttp.WithRouteTag` at registration. */
  auto: boolean;
  /** Passed through `http.HandlerFunc(...)`: a function, not a router or handler value. */
  viaHandlerFunc: boolean;
  /**
   * Calls of unknown functions unwrapped on the way, as written (`ListOrders(svc)`): each may be a
   * middleware around the handler or a factory that returns it (`func ListOrders(svc *Service)
   * gin.HandlerFunc`); which one is known only where the function is declared.
   */
  calls: string[];
}

/** `http.HandlerFunc(h.Create)` → `h.Create`; `otelhttp.NewHandler(http.HandlerFunc(h.Create), "x")` → `h.Create` (auto). */
export function unwrapHandler(file: GoFile, expr: string): Handler {
  let text = expr.trim();
  let auto = false;
  let viaHandlerFunc = false;
  const calls: string[] = [];
  for (let depth = 0; depth < 8; depth++) {
    if (isSelector(text) || text.startsWith('func')) break;
    const callee = calleeOfExpression(text);
    const call = argumentsOfExpression(text);
    if (callee === null || call === null || call.args.length === 0) break;
    const fn = lastSegment(callee);
    const pkg = rootOf(callee);
    if (file.imports.is(pkg, 'otelhttp') && (fn === 'NewHandler' || fn === 'WithRouteTag')) auto = true;
    if (file.imports.is(pkg, 'http') && fn === 'HandlerFunc') viaHandlerFunc = true;
    if (!Object.hasOwn(WRAPPER_ARG, fn) && !file.imports.is(pkg, 'otelhttp') && !file.imports.is(pkg, 'http'))
      calls.push(shorten(text, 80));
    const index = WRAPPER_ARG[fn] ?? 0;
    const arg = call.args[index] ?? call.args[0];
    if (!arg) break;
    text = call.text.slice(arg.start, arg.end).trim();
  }
  const shown = text.startsWith('func')
    ? shorten(text.replace(/\{[\s\S]*$/, '').trim(), 60)
    : shorten(text, 80);
  return { text: shown, auto, viaHandlerFunc, calls };
}

/** Router constructors and router types: how a variable's framework is known. */
const ROUTERS: { pkg: KnownPackage; names: string[]; types: string[]; framework: HandlerFramework }[] = [
  { pkg: 'http', names: ['NewServeMux'], types: ['ServeMux'], framework: 'net/http' },
  { pkg: 'gorillaMux', names: ['NewRouter'], types: ['Router'], framework: 'gorilla/mux' },
  { pkg: 'chi', names: ['NewRouter', 'NewMux'], types: ['Mux', 'Router'], framework: 'chi' },
  {
    pkg: 'gin',
    names: ['New', 'Default'],
    types: ['Engine', 'RouterGroup', 'IRouter', 'IRoutes'],
    framework: 'gin',
  },
  { pkg: 'echo', names: ['New'], types: ['Echo', 'Group'], framework: 'echo' },
  { pkg: 'fiber', names: ['New'], types: ['App', 'Router', 'Group'], framework: 'other' },
];

const ROUTER_CONSTRUCTORS = new Set(ROUTERS.flatMap((r) => r.names));

function routerOfCallee(file: GoFile, call: LexCall): HandlerFramework | null {
  if (!ROUTER_CONSTRUCTORS.has(call.method)) return null;
  const [pkg, fn, extra] = call.callee.split('.');
  if (!pkg || !fn || extra !== undefined) return null;
  return ROUTERS.find((r) => r.names.includes(fn) && file.imports.is(pkg, r.pkg))?.framework ?? null;
}

function routerOfType(file: GoFile, type: string): HandlerFramework | null {
  const bare = type.replace(/^\*\s*/, '');
  const dot = bare.indexOf('.');
  if (dot < 0) return null;
  const pkg = bare.slice(0, dot);
  const name = bare.slice(dot + 1);
  return ROUTERS.find((r) => r.types.includes(name) && file.imports.is(pkg, r.pkg))?.framework ?? null;
}

/** Variables, fields and parameters that hold a router, with its framework (`r := chi.NewRouter()`, `e *echo.Echo`). */
function knownRouters(file: GoFile, calls: readonly LexCall[]): Map<string, HandlerFramework> {
  const routers = new Map<string, HandlerFramework>();
  for (const [name, type] of file.fieldTypes) {
    const fw = routerOfType(file, type);
    if (fw) routers.set(name, fw);
  }
  const seen = new Set<LexScope>();
  for (const call of calls) {
    for (let s = call.owner; s && !seen.has(s); s = s.parent) {
      seen.add(s);
      for (const p of s.signature?.params ?? []) {
        const fw = routerOfType(file, p.type);
        if (fw) routers.set(p.name, fw);
      }
    }
    const fw = routerOfCallee(file, call);
    const bound = fw ? boundVariable(file, call) : null;
    if (fw && bound) routers.set(bound, fw);
  }
  return routers;
}

/** `r := chi.NewRouter()`, `s.router = mux.NewRouter()` → `r`, `router`. */
function boundVariable(file: GoFile, call: LexCall): string | null {
  const lineStart = file.text.lastIndexOf('\n', call.start - 1) + 1;
  const m = /([\p{L}_][\p{L}\p{Nd}_.]*)\s*:?=\s*$/u.exec(file.text.slice(lineStart, call.start));
  return m ? lastSegment(m[1] as string) : null;
}

function frameworkFor(
  file: GoFile,
  call: LexCall,
  routers: ReadonlyMap<string, HandlerFramework>,
): HandlerFramework | null {
  const method = methodOf(call);
  const receiver = receiverOf(call);
  const imports = file.imports;
  const registers =
    method === 'HandleFunc' ||
    method === 'Handle' ||
    UPPER_VERBS.has(method) ||
    CHI_VERBS.has(method) ||
    method === 'Method' ||
    method === 'MethodFunc';
  if (!registers || receiver === '') return null;
  const known = routers.get(rootOf(receiver)) ?? routers.get(lastSegment(receiver));
  if (known) return known;
  if (method === 'HandleFunc' || method === 'Handle') {
    if (imports.is(receiver, 'http')) return 'net/http';
    if (imports.anyPath((p) => p === 'github.com/gorilla/mux')) return 'gorilla/mux';
    if (imports.anyPath((p) => /^github\.com\/go-chi\/chi/.test(p))) return 'chi';
    return 'net/http';
  }
  // A router we cannot trace back to its constructor: go by what the file imports (another router: 'other').
  if (UPPER_VERBS.has(method)) {
    if (imports.anyPath((p) => p === 'github.com/gin-gonic/gin')) return 'gin';
    return imports.anyPath((p) => /^github\.com\/labstack\/echo/.test(p)) ? 'echo' : 'other';
  }
  return imports.anyPath((p) => /^github\.com\/go-chi\/chi/.test(p)) ? 'chi' : 'other';
}

/** A string argument's value: literals, constants, `http.MethodPost`, and `+` of those. */
function stringArg(file: GoFile, expr: string | undefined): string | null {
  if (expr === undefined) return null;
  const t = expr.trim();
  let value = '';
  for (const part of splitTopLevel(t, 0, t.length, '+')) {
    const piece = t.slice(part.start, part.end);
    const method =
      /^([\p{L}_][\p{L}\p{Nd}_]*)\.Method(Get|Head|Post|Put|Patch|Delete|Connect|Options|Trace)$/u.exec(
        piece,
      );
    const resolved =
      method && file.imports.is(method[1] as string, 'http')
        ? (method[2] as string).toUpperCase()
        : constantString(piece, file.constants);
    if (resolved === null) return null;
    value += resolved;
  }
  return value;
}

/** Group variables: the prefix each adds (`g := r.Group("/api")`) and the router it derives from. */
interface Groups {
  prefixes: Map<string, string>;
  /** `v1` in `api := r.Group("/api"); v1 := api.Group("/v1")` → `r`: the router the chain starts from. */
  origins: Map<string, string>;
}

/** `g := r.Group("/api")`, `api := app.Group("/v1")`, `s := r.PathPrefix("/api").Subrouter()` → prefixes by variable. */
function groupPrefixes(
  file: GoFile,
  calls: readonly LexCall[],
  routers: Map<string, HandlerFramework>,
): Groups {
  const prefixes = new Map<string, string>();
  const origins = new Map<string, string>();
  for (const call of calls) {
    const method = methodOf(call);
    if (method !== 'Group' && method !== 'Subrouter') continue;
    const source =
      method === 'Subrouter' ? /^(.*)\.PathPrefix\(…\)$/.exec(receiverOf(call))?.[1] : receiverOf(call);
    const argsText = method === 'Subrouter' ? pathPrefixArg(file, call) : firstArg(file, call);
    const prefix = stringArg(file, argsText);
    if (source === undefined || prefix === null) continue;
    const lineStart = file.text.lastIndexOf('\n', call.start - 1) + 1;
    const bound = /([\p{L}_][\p{L}\p{Nd}_]*)\s*:?=\s*$/u.exec(file.text.slice(lineStart, call.start));
    if (bound) {
      const name = bound[1] as string;
      prefixes.set(name, joinPrefix(prefixes.get(source) ?? '', prefix));
      origins.set(name, origins.get(rootOf(source)) ?? rootOf(source));
      const fw = routers.get(rootOf(source));
      if (fw) routers.set(name, fw);
    }
  }
  return { prefixes, origins };
}

function firstArg(file: GoFile, call: LexCall): string | undefined {
  const a = argsOf(file.text, call)[0];
  return a ? file.text.slice(a.start, a.end) : undefined;
}

/** The argument of `.PathPrefix("/api")` in `r.PathPrefix("/api").Subrouter()`. */
function pathPrefixArg(file: GoFile, call: LexCall): string | undefined {
  const m = /\.PathPrefix\(\s*("(?:[^"\\\n]|\\.)*"|[\p{L}_][\p{L}\p{Nd}_]*)\s*\)/u.exec(
    file.text.slice(call.start, call.open),
  );
  return m?.[1];
}

/**
 * chi's `r.Route("/api", func(r chi.Router) {...})`: the prefix every registration in the literal gets.
 * Only a `Route` whose argument is the literal counts (a `Group(func...)` inside it adds nothing).
 */
function routePrefixOf(file: GoFile, calls: readonly LexCall[], scope: LexScope | null): string {
  let prefix = '';
  for (let s = scope; s && s.kind === 'literal'; s = s.parent) {
    const route = calls.find(
      (c) =>
        methodOf(c) === 'Route' &&
        c.open < s.start &&
        s.start < c.close &&
        argsOf(file.text, c)[1]?.start === s.start,
    );
    const p = route ? stringArg(file, firstArg(file, route)) : null;
    if (p) prefix = joinPrefix(p, prefix);
  }
  return prefix;
}

/** gorilla/mux's `.Methods("GET")` or `.Methods(http.MethodGet, ...)` chained on the registration: its first method. */
function gorillaMethod(file: GoFile, call: LexCall): string | null {
  const after = file.text.slice(call.close + 1, call.close + 200);
  const m = /^\s*\.\s*Methods\(\s*("(?:[^"\\\n]|\\.)*"|[\p{L}_][\p{L}\p{Nd}_.]*)\s*[,)]/u.exec(after);
  const method = m ? stringArg(file, m[1]) : null;
  return method !== null && /^[A-Z]+$/.test(method) ? method : null;
}

function joinPath(prefix: string, path: string): string {
  if (prefix === '') return path;
  return `${prefix.replace(/\/$/, '')}/${path.replace(/^\//, '')}`.replace(/\/$/, '') || '/';
}

/** `/api` + `/orders` → `/api/orders`; a `/` (or empty) right side adds nothing. */
function joinPrefix(left: string, right: string): string {
  const r = right.replace(/\/+$/, '');
  if (r === '') return left;
  return `${left.replace(/\/+$/, '')}${r.startsWith('/') ? '' : '/'}${r}`;
}

/** The declared function or method a call is in, through any function literals; null at package level. */
function declaredScopeOf(call: LexCall): LexScope | null {
  let scope = call.owner;
  while (scope?.parent) scope = scope.parent;
  return scope && scope.kind !== 'literal' ? scope : null;
}

const IDENT = /^[\p{L}_][\p{L}\p{Nd}_]*$/u;

/**
 * A router mounted under a prefix in this file, so the registrations it holds start with that prefix:
 * chi's `r.Mount("/orders", h.orderRoutes())` and `r.Route("/orders", h.orderRoutes)` (every registration
 * of that function), `r.Mount("/orders", orders)` (the registrations on that variable), and a router
 * passed to a function of this file (`h.registerOrders(api)`: the registrations on that parameter).
 */
interface MountSite {
  call: LexCall;
  /** The router the mount is written on (its prefix comes first), by its root name. */
  on: string;
  path: string;
  target:
    | { kind: 'function'; name: string; paramIndex: number | null }
    | { kind: 'router'; name: string; scope: LexScope | null };
}

function mountSites(
  file: GoFile,
  calls: readonly LexCall[],
  routers: ReadonlyMap<string, HandlerFramework>,
  groups: Groups,
): MountSite[] {
  const declared = new Set(file.functions.flatMap((f) => f.scope.signature?.name ?? []));
  const usesChi = file.imports.anyPath((p) => /^github\.com\/go-chi\/chi/.test(p));
  const sites: MountSite[] = [];
  for (const call of calls) {
    const method = methodOf(call);
    const receiver = receiverOf(call);
    const args = argsOf(file.text, call).map((a) => file.text.slice(a.start, a.end).trim());
    const chi = receiver !== '' && (routers.get(rootOf(receiver)) ?? (usesChi ? 'chi' : null)) === 'chi';
    if (chi && (method === 'Mount' || method === 'Route') && args.length === 2) {
      const path = stringArg(file, args[0]);
      const mounted = args[1] as string;
      if (path === null) continue;
      const on = rootOf(receiver);
      if (method === 'Mount' && !isSelector(mounted)) {
        // `h.orderRoutes()`, `newOrderRouter(svc)`: the function of this file that builds the router.
        const callee = calleeOfExpression(mounted);
        const name = callee ? lastSegment(callee) : '';
        if (callee && mounted.endsWith(')') && declared.has(name))
          sites.push({ call, on, path, target: { kind: 'function', name, paramIndex: null } });
      } else if (method === 'Mount') {
        const name = lastSegment(mounted);
        const local = IDENT.test(mounted) ? declaredScopeOf(call) : null;
        sites.push({ call, on, path, target: { kind: 'router', name, scope: local } });
      } else if (isSelector(mounted) && declared.has(lastSegment(mounted))) {
        // `r.Route("/orders", h.orderRoutes)`: chi calls it with the sub-router.
        sites.push({
          call,
          on,
          path,
          target: { kind: 'function', name: lastSegment(mounted), paramIndex: 0 },
        });
      }
      continue;
    }
    // A router passed to a function of this file that registers on its parameter.
    const name = method;
    if (!declared.has(name) || (receiver !== '' && file.imports.isPackage(rootOf(receiver)))) continue;
    args.forEach((arg, index) => {
      if (!IDENT.test(arg) || !(routers.has(arg) || groups.prefixes.has(arg))) return;
      sites.push({ call, on: arg, path: '', target: { kind: 'function', name, paramIndex: index } });
    });
  }
  return sites;
}

/** Prefixes from mounts, group variables and chi `Route` literals, for a call on the router `on`. */
class Prefixes {
  private readonly memo = new Map<MountSite, string>();
  private readonly visiting = new Set<MountSite>();

  constructor(
    private readonly file: GoFile,
    private readonly calls: readonly LexCall[],
    private readonly groups: Groups,
    private readonly sites: readonly MountSite[],
  ) {}

  /** Everything in front of a path registered (or mounted) by `call` on the router whose root name is `on`. */
  of(call: LexCall, on: string): string {
    return joinPrefix(
      joinPrefix(this.mounted(call, on), this.groups.prefixes.get(on) ?? ''),
      routePrefixOf(this.file, this.calls, call.owner),
    );
  }

  /** What the first mount of the router this call registers on puts in front (by document order). */
  private mounted(call: LexCall, on: string): string {
    const scope = declaredScopeOf(call);
    const fnName = scope?.signature?.name ?? null;
    const origin = this.groups.origins.get(on) ?? on;
    const receiver = receiverOf(call);
    const site = this.sites.find((s) => {
      const t = s.target;
      if (t.kind === 'router')
        return t.scope === null
          ? receiver !== rootOf(receiver) && lastSegment(receiver) === t.name
          : t.scope === scope && origin === t.name;
      if (t.name !== fnName || s.call === call) return false;
      if (t.paramIndex === null) return true;
      const param = scope?.signature?.params[t.paramIndex]?.name;
      // chi hands a `Route` function its sub-router: registrations in nested `Route` literals build on it.
      return param !== undefined && (origin === param || call.owner !== scope);
    });
    if (!site || this.visiting.has(site)) return '';
    const known = this.memo.get(site);
    if (known !== undefined) return known;
    this.visiting.add(site);
    const prefix = joinPrefix(this.of(site.call, site.on), site.path);
    this.visiting.delete(site);
    this.memo.set(site, prefix);
    return prefix;
  }
}

/** Route registrations among `calls` (every call of the file, in document order). */
export function routesOf(file: GoFile, calls: readonly LexCall[]): RouteRegistration[] {
  const { text } = file;
  const routers = knownRouters(file, calls);
  const groups = groupPrefixes(file, calls, routers);
  const prefixes = new Prefixes(file, calls, groups, mountSites(file, calls, routers, groups));
  const routes: RouteRegistration[] = [];
  for (const call of calls) {
    const framework = frameworkFor(file, call, routers);
    if (!framework) continue;
    const method = methodOf(call);
    const args = argsOf(text, call).map((a) => text.slice(a.start, a.end));
    // chi's r.Method("GET", "/x", h).
    const explicitMethod = method === 'Method' || method === 'MethodFunc' ? stringArg(file, args[0]) : null;
    const pathIndex = explicitMethod !== null ? 1 : 0;
    const pattern = stringArg(file, args[pathIndex]);
    if (pattern === null || args.length < pathIndex + 2) continue;
    const prefix = prefixes.of(call, rootOf(receiverOf(call)));
    let verb: string | null = explicitMethod;
    let path = pattern;
    // Go 1.22 ServeMux patterns: "POST /orders/{id}", optionally with a host.
    const m = /^(?:([A-Z]+)\s+)?([^/\s]*)(\/.*)?$/.exec(pattern);
    if (m && (framework === 'net/http' || framework === 'chi' || framework === 'gorilla/mux')) {
      verb = m[1] ?? verb;
      path = m[3] ?? (m[2] === '' ? '/' : pattern);
    }
    // A group-relative path may be empty (`orders.POST("", h.Create)`).
    if (!path.startsWith('/') && path !== '*' && !(path === '' && prefix !== '')) continue;
    if (UPPER_VERBS.has(method)) verb = method === 'Any' ? null : method;
    if (CHI_VERBS.has(method)) verb = method === 'All' ? null : method.toUpperCase();
    if (framework === 'gorilla/mux' && call.close > 0) verb = gorillaMethod(file, call) ?? verb;
    // gin and fiber take middlewares first and the handler last; the others take the handler right after the path.
    const handlerExpr =
      framework === 'gin' || framework === 'other' ? args[args.length - 1] : args[pathIndex + 1];
    if (handlerExpr === undefined) continue;
    const handler = unwrapHandler(file, handlerExpr);
    // The handler, then each call around it that may be its factory: the audit keeps the ones that
    // name a handler (a middleware is not one, a factory is).
    for (const named of [handler.text, ...handler.calls])
      routes.push({
        framework,
        method: verb,
        route: joinPath(prefix, path),
        handler: named,
        line: file.pos.line(call.start),
        autoInstrumented: handler.auto,
      });
  }
  return routes;
}
