// Handler registrations written as calls: Flask `add_url_rule`, FastAPI/Starlette `add_api_route`/
// `add_route`, aiohttp `router.add_get(...)`, Django `path(...)`/`re_path(...)` in URL configurations
// (with the prefixes of `include([...])` and of `include(router.urls)`, `include()`s of other modules
// recorded for the cross-file join) and DRF routers' `router.register(...)`.
import type Parser from 'tree-sitter';
import type { HandlerFramework, RouteRegistration } from '../facts.js';
import { callsNamed, type FileContext, receiverOf } from './context.js';
import { joinRoute, mountableRouter } from './handlers.js';
import { assignedName } from './metrics.js';
import type { CallSite } from './scan.js';
import {
  argument,
  callArguments,
  callAt,
  dictPairs,
  isFalse,
  type Node,
  stringList,
  stringValue,
} from './syntax.js';

const AIOHTTP_VERBS: Readonly<Record<string, string>> = {
  add_get: 'GET',
  add_post: 'POST',
  add_put: 'PUT',
  add_patch: 'PATCH',
  add_delete: 'DELETE',
  add_head: 'HEAD',
};

/** `views.order_detail` stays; `OrderView.as_view()` → `OrderView`; a lambda or call → its text. */
function handlerText(node: Node): string {
  return node.text.replace(/\.as_view\s*\([\s\S]*\)$/, '').replace(/\s+/g, '');
}

function methodsOf(node: Node | null | undefined): string | null {
  const list = node ? stringList(node) : null;
  return list && list.length === 1 ? list[0]!.toUpperCase() : null;
}

function registration(
  ctx: FileContext,
  call: CallSite,
  framework: HandlerFramework,
  route: Node | null,
  handler: Node | null,
  method: string | null,
): RouteRegistration | null {
  const path = route ? stringValue(route) : null;
  if (path === null || !handler) return null;
  return {
    framework,
    method,
    route: path,
    handler: handlerText(handler),
    line: ctx.lines.line(call.start),
    autoInstrumented: false,
  };
}

function fromCall(ctx: FileContext, call: CallSite, node: Parser.SyntaxNode): RouteRegistration | null {
  const method = call.method;
  const args = callArguments(node);
  const pos = args.positional;
  if (method === 'add_url_rule') {
    const view = args.keywords.get('view_func') ?? pos[2] ?? null;
    return registration(
      ctx,
      call,
      'flask',
      argument(args, 0, 'rule'),
      view,
      methodsOf(args.keywords.get('methods')) ?? 'GET',
    );
  }
  if (method === 'add_api_route' || method === 'add_api_websocket_route') {
    return registration(
      ctx,
      call,
      'fastapi',
      argument(args, 0, 'path'),
      argument(args, 1, 'endpoint'),
      methodsOf(args.keywords.get('methods')),
    );
  }
  if (AIOHTTP_VERBS[method])
    return registration(ctx, call, 'other', pos[0] ?? null, pos[1] ?? null, AIOHTTP_VERBS[method]!);
  if (method === 'add_route') {
    // Starlette: add_route(path, endpoint, methods=[...]); aiohttp: add_route(method, path, handler).
    const first = pos[0] ? stringValue(pos[0]) : null;
    if (first?.startsWith('/'))
      return registration(
        ctx,
        call,
        'other',
        pos[0]!,
        pos[1] ?? null,
        methodsOf(args.keywords.get('methods')),
      );
    return registration(ctx, call, 'other', pos[1] ?? null, pos[2] ?? null, first?.toUpperCase() ?? null);
  }
  return null;
}

const REGISTRARS = new Set([
  'add_url_rule',
  'add_api_route',
  'add_api_websocket_route',
  'add_route',
  'path',
  're_path',
  'url',
  ...Object.keys(AIOHTTP_VERBS),
]);

const DJANGO_REGISTRARS = new Set(['path', 're_path', 'url']);

function isDjangoRegistrar(call: CallSite): boolean {
  return DJANGO_REGISTRARS.has(call.method) && receiverOf(call).replace(/^django\.urls$/, '') === '';
}

/**
 * Django's `URLResolver._join_route`: the route `request.resolver_match.route` reports for a pattern
 * reached through `include()` is the include's pattern followed by the inner one without its leading `^`
 * (`api/` + `^orders/$` → `api/orders/$`).
 */
function joinDjangoRoute(prefix: string, route: string): string {
  return prefix ? prefix + route.replace(/^\^/, '') : route;
}

/** The callee name of a call node (`include` for `include(...)` and `urls.include(...)`). */
function calleeName(node: Node): string {
  const fn = node.childForFieldName('function');
  return fn ? fn.text.replace(/^[\s\S]*\./, '') : '';
}

/**
 * The prefix of the `path("orders/", include([...]))` calls a registration is nested in, outermost first;
 * null when one of them has no literal route.
 */
function nestedPrefix(node: Node): string | null {
  const routes: string[] = [];
  for (let n = node.parent; n; n = n.parent) {
    if (n.type !== 'call' || !DJANGO_REGISTRARS.has(calleeName(n))) continue;
    const args = callArguments(n);
    const route = argument(args, 0, 'route');
    const value = route ? stringValue(route) : null;
    if (value === null) return null;
    routes.unshift(value);
  }
  return routes.reduce(joinDjangoRoute, '');
}

/** A DRF router made in this file: `router = routers.DefaultRouter(trailing_slash=False)`. */
interface DrfRouter {
  trailingSlash: string;
  /** `use_regex_path=False` (DRF 3.15) writes the patterns with `path()` syntax. */
  regex: boolean;
}

const DRF_ROUTERS = ['DefaultRouter', 'SimpleRouter'];

function drfRouters(ctx: FileContext): Map<string, DrfRouter> {
  const out = new Map<string, DrfRouter>();
  for (const call of callsNamed(ctx, DRF_ROUTERS)) {
    const name = assignedName(ctx, call);
    const node = name ? callAt(ctx.tree, call.start, call.end) : null;
    if (!name || !node) continue;
    const args = callArguments(node);
    out.set(name, {
      // DRF: `self.trailing_slash = '/' if trailing_slash else ''`.
      trailingSlash: isFalse(argument(args, 0, 'trailing_slash')) ? '' : '/',
      regex: !isFalse(args.keywords.get('use_regex_path')),
    });
  }
  return out;
}

/** The routes of DRF's SimpleRouter: the list route and the detail route, with the actions they map. */
const DRF_ROUTES: readonly { detail: boolean; actions: readonly [string, string][] }[] = [
  {
    detail: false,
    actions: [
      ['list', 'GET'],
      ['create', 'POST'],
    ],
  },
  {
    detail: true,
    actions: [
      ['retrieve', 'GET'],
      ['update', 'PUT'],
      ['partial_update', 'PATCH'],
      ['destroy', 'DELETE'],
    ],
  },
];

/**
 * The pattern SimpleRouter.get_urls builds for a route: `^orders/$`, `^orders/(?P<pk>[^/.]+)/$` (or
 * `orders/`, `orders/<str:pk>/` with `use_regex_path=False`). The lookup is DRF's default (`pk`): the
 * viewset's `lookup_field`/`lookup_value_regex` live in another file.
 */
function drfPattern(router: DrfRouter, prefix: string, detail: boolean): string {
  const lookup = router.regex ? '(?P<pk>[^/.]+)' : '<str:pk>';
  const body = `${prefix}${detail ? `/${lookup}` : ''}${router.trailingSlash}`;
  if (!router.regex) return prefix ? body : body.replace(/^\//, '');
  const regex = `^${body}$`;
  return prefix ? regex : regex.replace(/^\^\//, '^');
}

function djangoRegistration(
  ctx: FileContext,
  call: CallSite,
  route: string,
  handler: string,
  method: string | null,
): RouteRegistration {
  return {
    framework: 'django',
    method,
    route,
    handler,
    line: ctx.lines.line(call.start),
    autoInstrumented: false,
  };
}

/**
 * The module an `include()` names: `include("shop.urls")`, `include(("shop.urls", "shop"))`, or a module
 * imported by name (`from shop import urls as shop_urls` → `include(shop_urls)`); a router imported from
 * another module (`include(router.urls)`) names that module. Relative imports keep their dots.
 */
function includedModule(ctx: FileContext, first: Node): string | null {
  const literal = stringValue(first);
  if (literal !== null) return /^\w[\w.]*$/.test(literal) ? literal : null;
  const router = /^([\p{L}_][\p{L}\p{N}_]*)\.urls$/u.exec(first.text);
  if (router) {
    // `import shop` → `shop.urls` is a module; `from .api import router` → the router lives in `.api`.
    const imported = ctx.module.imports.get(router[1]!);
    if (!imported) return null;
    return imported.includes('.') ? imported.replace(/\.[^.]*$/, '') || null : `${imported}.urls`;
  }
  if (first.type === 'identifier') return ctx.module.imports.get(first.text) ?? null;
  return null;
}

/** `path(route, view, name=...)`, `re_path(...)`, `url(...)`: zero, one or (per action) several registrations. */
function fromDjangoCall(
  ctx: FileContext,
  call: CallSite,
  node: Node,
  routers: ReadonlyMap<string, DrfRouter>,
  routerPrefixes: Map<string, string>,
): RouteRegistration[] {
  const args = callArguments(node);
  const routeNode = argument(args, 0, 'route');
  const own = routeNode ? stringValue(routeNode) : null;
  const view = args.positional[1] ?? args.keywords.get('view') ?? null;
  const outer = nestedPrefix(node);
  if (own === null || !view || outer === null) return [];
  const route = joinDjangoRoute(outer, own);
  if (view.type === 'call' && calleeName(view) === 'include') {
    const arg = argument(callArguments(view), 0, 'arg');
    // `include((patterns, app_name), namespace=...)`: the patterns come first.
    const target = arg?.type === 'tuple' ? arg.namedChildren[0] : arg;
    if (!target) return [];
    // `include([...])`: the nested `path()` calls are registrations of their own, with this prefix.
    if (target.type === 'list') return [];
    const router = /^([\p{L}_][\p{L}\p{N}_]*)\.urls$/u.exec(target.text);
    if (router && routers.has(router[1]!)) {
      routerPrefixes.set(router[1]!, route);
      return [];
    }
    const module = includedModule(ctx, target);
    return module ? [djangoRegistration(ctx, call, route, `include("${module}")`, null)] : [];
  }
  // `OrderViewSet.as_view({"get": "list", "post": "create"})`: each action is served at this route.
  if (view.type === 'call' && calleeName(view) === 'as_view') {
    const actions = argument(callArguments(view), 0, 'actions');
    const pairs = actions ? dictPairs(actions) : [];
    if (pairs.length > 0) {
      const owner = handlerText(view);
      return pairs.flatMap(({ key, value }) => {
        const method = stringValue(key);
        const action = stringValue(value);
        return method && action
          ? [djangoRegistration(ctx, call, route, `${owner}.${action}`, method.toUpperCase())]
          : [];
      });
    }
  }
  return [djangoRegistration(ctx, call, route, handlerText(view), null)];
}

/** `router.register(r"orders", OrderViewSet, basename="order")`: one registration per standard action. */
function fromRouterRegister(
  ctx: FileContext,
  call: CallSite,
  router: DrfRouter,
  prefix: string,
): RouteRegistration[] {
  const node = callAt(ctx.tree, call.start, call.end);
  if (!node) return [];
  const args = callArguments(node);
  const prefixNode = argument(args, 0, 'prefix');
  const viewset = argument(args, 1, 'viewset');
  const own = prefixNode ? stringValue(prefixNode) : null;
  if (own === null || !viewset) return [];
  const owner = handlerText(viewset);
  return DRF_ROUTES.flatMap(({ detail, actions }) => {
    const route = joinDjangoRoute(prefix, drfPattern(router, own, detail));
    return actions.map(([action, method]) =>
      djangoRegistration(ctx, call, route, `${owner}.${action}`, method),
    );
  });
}

export function routeRegistrations(
  ctx: FileContext,
  prefixes: ReadonlyMap<string, string>,
): RouteRegistration[] {
  const django = /(^|\/)urls\.py$/.test(ctx.path) || ctx.module.packages.has('django');
  const routers = django ? drfRouters(ctx) : new Map<string, DrfRouter>();
  const routerPrefixes = new Map<string, string>();
  const out: RouteRegistration[] = [];
  for (const call of callsNamed(ctx, REGISTRARS)) {
    const node = callAt(ctx.tree, call.start, call.end);
    if (!node) continue;
    if (isDjangoRegistrar(call)) {
      if (django) out.push(...fromDjangoCall(ctx, call, node, routers, routerPrefixes));
      continue;
    }
    const found = fromCall(ctx, call, node);
    if (!found) continue;
    // `bp.add_url_rule("/ping", ...)` on `bp = Blueprint(..., url_prefix="/payments")`.
    const receiver = receiverOf(call);
    const prefix = prefixes.get(receiver);
    const router = mountableRouter(found.framework, receiver);
    out.push({
      ...found,
      ...(prefix ? { route: joinRoute(prefix, found.route) } : {}),
      ...(router ? { router } : {}),
    });
  }
  if (routers.size > 0) {
    for (const call of callsNamed(ctx, ['register'])) {
      const name = receiverOf(call);
      const router = routers.get(name);
      if (router) out.push(...fromRouterRegister(ctx, call, router, routerPrefixes.get(name) ?? ''));
    }
  }
  return out;
}

/**
 * `router = APIRouter(prefix="/orders")`, `bp = Blueprint("orders", __name__, url_prefix="/orders")`. A
 * blueprint this file also registers, `app.register_blueprint(bp, url_prefix="/v1")`, is served under the
 * registration's prefix instead of its own (Flask's `BlueprintSetupState`), behind the prefix of a
 * blueprint it is registered on; a registration in another file is seen at run time only
 * (`request.url_rule`).
 */
export function routerPrefixes(ctx: FileContext): Map<string, string> {
  const out = new Map<string, string>();
  const blueprints = new Set<string>();
  for (const call of callsNamed(ctx, ['APIRouter', 'Blueprint'])) {
    const method = call.method;
    const name = assignedName(ctx, call);
    const node = name ? callAt(ctx.tree, call.start, call.end) : null;
    if (name && method === 'Blueprint') blueprints.add(name);
    const prefix = node
      ? callArguments(node).keywords.get(method === 'APIRouter' ? 'prefix' : 'url_prefix')
      : undefined;
    const value = prefix ? stringValue(prefix) : null;
    if (name && value) out.set(name, value);
  }
  if (blueprints.size === 0) return out;
  const registered = blueprintRegistrations(ctx, blueprints);
  if (registered.size === 0) return out;
  const own = new Map(out);
  const resolving = new Set<string>();
  const effective = (name: string): string => {
    const reg = registered.get(name);
    if (!reg || resolving.has(name)) return own.get(name) ?? '';
    resolving.add(name);
    const outer = blueprints.has(reg.parent) ? effective(reg.parent) : '';
    resolving.delete(name);
    const inner = reg.prefix ?? own.get(name) ?? '';
    return outer ? joinRoute(outer, inner) : inner;
  };
  for (const name of registered.keys()) {
    const value = effective(name);
    if (value) out.set(name, value);
    else out.delete(name);
  }
  return out;
}

/** The first `<parent>.register_blueprint(<bp>, url_prefix=...)` of each blueprint defined in this file. */
function blueprintRegistrations(
  ctx: FileContext,
  blueprints: ReadonlySet<string>,
): Map<string, { parent: string; prefix: string | null }> {
  const out = new Map<string, { parent: string; prefix: string | null }>();
  for (const call of callsNamed(ctx, ['register_blueprint'])) {
    const node = callAt(ctx.tree, call.start, call.end);
    if (!node) continue;
    const args = callArguments(node);
    const bp = argument(args, 0, 'blueprint')?.text;
    if (!bp || !blueprints.has(bp) || out.has(bp)) continue;
    const prefix = args.keywords.get('url_prefix');
    // `url_prefix=None` keeps the blueprint's own; a computed prefix is unknown: leave the blueprint alone.
    if (prefix && prefix.type !== 'none' && stringValue(prefix) === null) continue;
    out.set(bp, {
      parent: receiverOf(call),
      prefix: prefix && prefix.type !== 'none' ? stringValue(prefix) : null,
    });
  }
  return out;
}
