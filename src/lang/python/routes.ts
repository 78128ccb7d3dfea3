// Handler registrations written as calls: Flask `add_url_rule`, FastAPI/Starlette `add_api_route`/
// `add_route`, aiohttp `router.add_get(...)`, Django `path(...)`/`re_path(...)` in URL configurations.
import type Parser from 'tree-sitter';
import type { HandlerFramework, RouteRegistration } from '../facts.js';
import { callsNamed, type FileContext, receiverOf } from './context.js';
import { joinRoute } from './handlers.js';
import { assignedName } from './metrics.js';
import type { CallSite } from './scan.js';
import { argument, callArguments, callAt, type Node, stringList, stringValue } from './syntax.js';

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

function fromCall(
  ctx: FileContext,
  call: CallSite,
  node: Parser.SyntaxNode,
  django: boolean,
): RouteRegistration | null {
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
  if (
    django &&
    (method === 'path' || method === 're_path' || method === 'url') &&
    receiverOf(call).replace(/^django\.urls$/, '') === ''
  ) {
    const view = pos[1] ?? args.keywords.get('view') ?? null;
    if (!view || /^include\s*\(/.test(view.text)) return null;
    return registration(ctx, call, 'django', pos[0] ?? args.keywords.get('route') ?? null, view, null);
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

export function routeRegistrations(
  ctx: FileContext,
  prefixes: ReadonlyMap<string, string>,
): RouteRegistration[] {
  const django = /(^|\/)urls\.py$/.test(ctx.path) || ctx.module.packages.has('django');
  const out: RouteRegistration[] = [];
  for (const call of callsNamed(ctx, REGISTRARS)) {
    const node = callAt(ctx.tree, call.start, call.end);
    const found = node ? fromCall(ctx, call, node, django) : null;
    if (!found) continue;
    // `bp.add_url_rule("/ping", ...)` on `bp = Blueprint(..., url_prefix="/payments")`.
    const prefix = prefixes.get(receiverOf(call));
    out.push(prefix ? { ...found, route: joinRoute(prefix, found.route) } : found);
  }
  return out;
}

/** `router = APIRouter(prefix="/orders")`, `bp = Blueprint("orders", __name__, url_prefix="/orders")`. */
export function routerPrefixes(ctx: FileContext): Map<string, string> {
  const out = new Map<string, string>();
  for (const call of callsNamed(ctx, ['APIRouter', 'Blueprint'])) {
    const method = call.method;
    const name = assignedName(ctx, call);
    const node = name ? callAt(ctx.tree, call.start, call.end) : null;
    const prefix = node
      ? callArguments(node).keywords.get(method === 'APIRouter' ? 'prefix' : 'url_prefix')
      : undefined;
    const value = prefix ? stringValue(prefix) : null;
    if (name && value) out.set(name, value);
  }
  return out;
}
