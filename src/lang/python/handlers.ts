// Which functions serve requests: route decorators (FastAPI, Flask), Django views (function and
// class-based, DRF), gRPC servicers and AWS Lambda handlers; and the routes decorators register.
import type Parser from 'tree-sitter';
import type { HandlerFacts, HandlerFramework, ParamFacts } from '../facts.js';
import { type Decorator, lastSegment } from './decorators.js';
import { argument, callArguments, callAt, stringList, stringValue } from './syntax.js';

const VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options']);
const ROUTE_METHODS = new Set([...VERBS, 'route', 'api_route', 'websocket', 'websocket_route']);
const OTHER_WEB = [
  'quart',
  'sanic',
  'aiohttp',
  'litestar',
  'starlette',
  'bottle',
  'falcon',
  'tornado',
  'pyramid',
];

/** A route decorator's shape, before its arguments are read: `@<name>.<verb>(...)`, `@<name>.route(...)`. */
export function isRouteDecorator(d: Decorator): boolean {
  if (!d.isCall) return false;
  const dot = d.callee.lastIndexOf('.');
  if (dot <= 0 || !ROUTE_METHODS.has(d.callee.slice(dot + 1))) return false;
  // `@mock.patch("pkg.fn")`, `@patch.object(...)`: the verb names of unittest.mock are not routes.
  if (/(^|\.)(mock|patch|patcher)$/.test(d.callee.slice(0, dot))) return false;
  // A route's first argument is its path: a string starting with `/` (or empty for a router's root).
  const first = /^\(\s*(?:path\s*=\s*|rule\s*=\s*)?([rRuUfF]?)(["'])(.?)/.exec(
    d.text.slice(d.callee.length).replace(/^\s+/, ''),
  );
  if (first) return first[3] === '/' || first[3] === first[2];
  return true;
}

function frameworkOf(packages: ReadonlySet<string>, receiver: string, method: string): HandlerFramework {
  if (packages.has('fastapi')) return 'fastapi';
  if (packages.has('flask')) return 'flask';
  if (OTHER_WEB.some((p) => packages.has(p))) return 'other';
  if (/router/i.test(receiver)) return 'fastapi';
  if (/^bp$|_bp$|blueprint/i.test(receiver)) return 'flask';
  return method === 'route' ? 'flask' : 'fastapi';
}

export interface RouteDecorator {
  handler: HandlerFacts;
  /** Where the decorator's expression starts, for the route registration's line. */
  at: number;
}

/** `methods=["POST"]` → `POST`; several or none known → the default (or null). */
function singleMethod(node: Parser.SyntaxNode | null, fallback: string | null): string | null {
  if (!node) return fallback;
  const list = stringList(node);
  return list && list.length === 1 ? list[0]!.toUpperCase() : null;
}

export function routeFromDecorator(
  tree: Parser.Tree,
  d: Decorator,
  packages: ReadonlySet<string>,
  prefixes: ReadonlyMap<string, string>,
): RouteDecorator | null {
  if (!isRouteDecorator(d)) return null;
  const receiver = d.callee.slice(0, d.callee.lastIndexOf('.'));
  const verb = lastSegment(d.callee);
  const call = callAt(tree, d.start, d.end);
  const args = call ? callArguments(call) : null;
  const pathNode = args ? argument(args, 0, verb === 'route' ? 'rule' : 'path') : null;
  const path = pathNode ? stringValue(pathNode) : null;
  const framework = frameworkOf(packages, receiver, verb);
  let method: string | null;
  if (VERBS.has(verb)) method = verb.toUpperCase();
  else if (verb === 'route' || verb === 'api_route')
    method = singleMethod(args?.keywords.get('methods') ?? null, 'GET');
  else method = null;
  const prefix = prefixes.get(receiver) ?? '';
  const handler: HandlerFacts = { framework, route: path === null ? null : joinRoute(prefix, path), method };
  const router = mountableRouter(framework, receiver);
  if (router) handler.router = router;
  return { handler, at: d.start };
}

const IDENTIFIER = /^[\p{L}_][\p{L}\p{N}_]*$/u;

/**
 * The router or app a FastAPI route is registered on (`router` for `@router.get(...)`, `app` for
 * `@app.get(...)`), which `include_router` mounts elsewhere may prefix; null for other frameworks (a Flask
 * blueprint's prefixes are folded in here and completed at run time) and for receivers that are not a name.
 */
export function mountableRouter(framework: HandlerFramework, receiver: string): string | null {
  return framework === 'fastapi' && IDENTIFIER.test(receiver) ? receiver : null;
}

export function joinRoute(prefix: string, path: string): string {
  if (!prefix) return path;
  return `${prefix.replace(/\/$/, '')}${path.startsWith('/') || path === '' ? path : `/${path}`}`;
}

const DJANGO_METHOD_DECORATORS: Record<string, string> = {
  require_GET: 'GET',
  require_POST: 'POST',
  require_safe: 'GET',
};

/** DRF `@api_view([...])`, Django `@require_http_methods([...])`/`@require_POST`: a Django view and its method. */
export function djangoDecoratorHandler(
  tree: Parser.Tree,
  decorators: readonly Decorator[],
): HandlerFacts | null {
  let view = false;
  let method: string | null = null;
  for (const d of decorators) {
    const name = lastSegment(d.callee);
    if (name === 'api_view' || name === 'require_http_methods') {
      view = true;
      const call = d.isCall ? callAt(tree, d.start, d.end) : null;
      const first = call ? (callArguments(call).positional[0] ?? null) : null;
      method = singleMethod(first, name === 'api_view' ? 'GET' : null);
    } else if (DJANGO_METHOD_DECORATORS[name]) {
      method = DJANGO_METHOD_DECORATORS[name]!;
    }
  }
  return view ? { framework: 'django', route: null, method } : null;
}

const VIEWSET_ACTIONS: Record<string, string> = {
  list: 'GET',
  retrieve: 'GET',
  create: 'POST',
  update: 'PUT',
  partial_update: 'PATCH',
  destroy: 'DELETE',
};

/** Methods of class-based views (`View`, `APIView`, `*ViewSet`, Flask's `MethodView`) and gRPC servicers. */
export function classBasedHandler(
  bases: readonly string[],
  method: string,
  decorators: readonly Decorator[],
  packages: ReadonlySet<string>,
): HandlerFacts | null {
  if (method.startsWith('_')) return null;
  const names = bases.map((b) => lastSegment(b.replace(/\[.*$/s, '').trim()));
  if (names.some((b) => b.endsWith('Servicer'))) return { framework: 'grpc', route: null, method: null };
  const flask =
    names.includes('MethodView') ||
    (packages.has('flask') && !packages.has('django') && names.includes('View'));
  const view = flask || names.some((b) => /(View|APIView|ViewSet|ViewSetMixin)$/.test(b));
  if (!view) return null;
  const framework: HandlerFramework = flask ? 'flask' : 'django';
  if (VERBS.has(method)) return { framework, route: null, method: method.toUpperCase() };
  const viewSet = names.some((b) => b.endsWith('ViewSet'));
  if (viewSet && VIEWSET_ACTIONS[method]) return { framework, route: null, method: VIEWSET_ACTIONS[method]! };
  const action = decorators.find((d) => lastSegment(d.callee) === 'action');
  if (action) return { framework, route: null, method: actionMethod(action) };
  return null;
}

/** DRF `@action(methods=["post"])`: the one method it serves; `["get"]` when none is given (DRF's default). */
function actionMethod(d: Decorator): string | null {
  const methods = /\bmethods\s*=\s*([[(][^\])]*[\])])/.exec(d.text);
  if (!methods) return 'GET';
  const list = [...methods[1]!.matchAll(/(['"])([A-Za-z]+)\1/g)].map((m) => m[2]!.toUpperCase());
  return list.length === 1 ? list[0]! : null;
}

const LAMBDA_CONTEXT = new Set(['context', '_context', 'ctx', 'lambda_context', '_ctx']);

/** `def handler(event, context)`: an AWS Lambda entry point. */
export function isLambdaHandler(name: string, params: readonly ParamFacts[]): boolean {
  const [event, context] = params;
  if (!event || !context || params.length > 2) return false;
  const eventFirst = event.name === 'event' || event.name === '_event';
  return (
    (eventFirst && LAMBDA_CONTEXT.has(context.name)) ||
    ((name === 'handler' || name === 'lambda_handler') && eventFirst)
  );
}

/** `views.py` or a module under a `views/` package: functions taking `request` first are Django views. */
export function isDjangoViewsModule(path: string): boolean {
  return /(^|\/)views(\.py$|\/)/.test(path);
}
