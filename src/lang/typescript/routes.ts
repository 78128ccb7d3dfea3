import type Parser from 'tree-sitter';
import type { HandlerFramework, RouteRegistration } from '../facts.js';
import type { CallSite, FileIndex } from './collect.js';
import type { ModuleInfo } from './module.js';
import { routerNameOf } from './router-names.js';
import { argumentsOf, stringValue, unwrapExpression } from './syntax.js';

type Node = Parser.SyntaxNode;

const ROUTE_METHODS = new Set([
  'get',
  'post',
  'put',
  'patch',
  'delete',
  'del',
  'all',
  'head',
  'options',
  'use',
]);
// What can stand for a handler: a function, a name for one, or a wrapper call around one.
const HANDLER_TYPES = new Set([
  'arrow_function',
  'function_expression',
  'method_definition',
  'identifier',
  'member_expression',
  'call_expression',
]);
// After the `(` of a route call: a path literal (`'/orders/:id'`, `"*"`, `` `/x` ``).
const PATH_ARGUMENT = /\s*(['"`])(\/[^'"`]*|\*)\1/y;

export interface RouteCall {
  call: CallSite;
  framework: HandlerFramework;
  /** `POST`, or null for `all`/`use`. */
  method: string | null;
  /** The path as registered, router prefixes applied. */
  route: string;
  /** The method word for names of inline handlers: `POST`, `ALL`, `USE`. */
  verb: string;
  /** The handler expression: the last argument, or the `handler` of a route object. */
  handler: Node | null;
  line: number;
  /**
   * The router the route is registered on, by its name in this file, after this file's own mounts
   * (`v1.use('/orders', orders)` folded into the route: `v1`); a Fastify plugin's routes, registered on
   * its first parameter, name the plugin function. Null when the receiver is no plain name.
   */
  router: string | null;
}

/** `app.post('/orders', ...)`, `router.route('/x').get(...)`, `fastify.route({...})`, Koa router calls. */
export function findRouteCalls(
  index: FileIndex,
  module: ModuleInfo,
  mounts = routerMounts(index, module),
): RouteCall[] {
  const framework = frameworkOfFile(module);
  const out: RouteCall[] = [];
  const { calls, text } = index;
  for (let i = 0; i < calls.length; i++) {
    const call = calls[i] as CallSite;
    const segments = call.callee?.segments;
    if (!segments || segments.length < 2) continue;
    const verb = (segments[segments.length - 1] as string).toLowerCase();
    if (verb === 'route') {
      const found = fastifyRouteObject(call, framework);
      if (found) {
        const folded = prefixOf(segments.slice(0, -1).join('.'), mounts, module);
        out.push({
          ...found,
          route: joinRoute(folded.prefix, found.route),
          router: routerNameOf(index, call.scope, folded.top),
        });
      }
      continue;
    }
    if (!ROUTE_METHODS.has(verb)) continue;
    let path = pathArgument(text, call.callee?.argsOpen ?? -1);
    let routerName = segments.slice(0, -1).join('.');
    const chained = segments.indexOf('route()');
    const pathInArguments = path !== null;
    if (path === null && chained > 0) {
      // `router.route('/orders').get(list).post(create)`: the path is the `.route(...)` call's argument.
      const routeCall = chainedRouteCall(calls, i);
      path = routeCall ? pathArgument(text, routeCall.callee?.argsOpen ?? -1) : null;
      routerName = segments.slice(0, chained).join('.');
    }
    if (path === null) continue;
    const args = argumentsOf(call.node);
    // `app.get('env')` reads a setting; a route has a path and at least one handler.
    const handler = args.length >= (pathInArguments ? 2 : 1) ? lastHandlerArgument(args) : null;
    if (!handler || !HANDLER_TYPES.has(handler.type)) continue;
    if (verb === 'use' && isMount(handler, module)) continue;
    const method = verb === 'all' || verb === 'use' ? null : verb === 'del' ? 'DELETE' : verb.toUpperCase();
    const folded = prefixOf(routerName, mounts, module);
    out.push({
      call,
      framework: frameworkOfCall(framework, routerName, handler, module),
      method,
      route: joinRoute(folded.prefix, path),
      verb: method ?? verb.toUpperCase(),
      handler,
      line: call.row + 1,
      router: routerNameOf(index, call.scope, folded.top),
    });
  }
  // Calls of a chain come outermost first; registrations read better in the order they are written.
  return out.sort((a, b) => a.line - b.line || (a.handler?.startIndex ?? 0) - (b.handler?.startIndex ?? 0));
}

function pathArgument(text: string, argsOpen: number): string | null {
  if (argsOpen < 0) return null;
  PATH_ARGUMENT.lastIndex = argsOpen + 1;
  const m = PATH_ARGUMENT.exec(text);
  return m ? (m[2] ?? null) : null;
}

function chainedRouteCall(calls: CallSite[], i: number): CallSite | null {
  const start = (calls[i] as CallSite).start;
  for (let k = i + 1; k < calls.length && (calls[k] as CallSite).start === start; k++) {
    const segments = (calls[k] as CallSite).callee?.segments;
    if (segments && segments[segments.length - 1] === 'route') return calls[k] as CallSite;
  }
  return null;
}

/** The last argument, or the last element of a trailing handler array. */
function lastHandlerArgument(args: Node[]): Node | null {
  let last = unwrapExpression(args[args.length - 1]);
  if (last?.type === 'array') last = unwrapExpression(last.namedChildren[last.namedChildren.length - 1]);
  if (last?.type === 'object') return objectProperty(last, 'handler');
  return last;
}

/** `app.use('/api', ordersRouter)` mounts a router; it does not register a handler. */
function isMount(handler: Node, module: ModuleInfo): boolean {
  if (handler.type === 'call_expression') return true;
  if (handler.type !== 'identifier' && handler.type !== 'member_expression') return false;
  const name = handler.text;
  return module.routers.has(name) || /(router|routes|api|app)$/i.test(name);
}

function fastifyRouteObject(call: CallSite, framework: HandlerFramework): Omit<RouteCall, 'router'> | null {
  const options = unwrapExpression(argumentsOf(call.node)[0]);
  if (options?.type !== 'object') return null;
  const url = stringValue(
    unwrapExpression(objectProperty(options, 'url') ?? objectProperty(options, 'path')),
  );
  const handler = objectProperty(options, 'handler');
  if (url === null || !handler) return null;
  const methodNode = unwrapExpression(objectProperty(options, 'method'));
  const methods =
    methodNode?.type === 'array'
      ? methodNode.namedChildren.map((m) => stringValue(m))
      : [stringValue(methodNode)];
  const method = methods.length === 1 && methods[0] ? methods[0].toUpperCase() : null;
  return {
    call,
    framework: framework === 'express' ? 'fastify' : framework,
    method,
    route: url,
    verb: method ?? 'ALL',
    handler: unwrapExpression(handler),
    line: call.row + 1,
  };
}

export function objectProperty(object: Node, key: string): Node | null {
  for (const member of object.namedChildren) {
    if (member.type === 'pair' && member.childForFieldName('key')?.text === key)
      return member.childForFieldName('value');
    if (member.type === 'method_definition' && member.childForFieldName('name')?.text === key) return member;
    if (member.type === 'shorthand_property_identifier' && member.text === key) return member;
  }
  return null;
}

function frameworkOfFile(module: ModuleInfo): HandlerFramework {
  const sources = new Set(module.importSources.map((i) => i.source));
  if (sources.has('fastify') || [...sources].some((s) => s.startsWith('@fastify/'))) return 'fastify';
  if (sources.has('@koa/router') || sources.has('koa-router') || sources.has('koa')) return 'koa';
  if (sources.has('hono') || [...sources].some((s) => s.startsWith('hono/'))) return 'other';
  return 'express';
}

/**
 * The router's own construction says most (`new Router()` from `@koa/router`); a routes module that takes
 * `app` as a parameter and imports no framework is told apart by its handlers' parameters.
 */
function frameworkOfCall(
  fileFramework: HandlerFramework,
  routerName: string,
  handler: Node,
  module: ModuleInfo,
): HandlerFramework {
  if (module.routers.has(routerName)) {
    const source = module.imports.get('Router')?.source;
    if (source === '@koa/router' || source === 'koa-router') return 'koa';
    if (source === 'express' || module.imports.get('express')) return 'express';
  }
  if (handler.type !== 'arrow_function' && handler.type !== 'function_expression') return fileFramework;
  const params =
    handler.childForFieldName('parameters')?.text ?? handler.childForFieldName('parameter')?.text ?? '';
  if (/^\(?\s*ctx\b/.test(params)) return 'koa';
  if (/^\(\s*request\b[^,]*,\s*reply\b/.test(params)) return 'fastify';
  return fileFramework;
}

/** A router mounted on another in this file: the router it is mounted on, at what path, by which call. */
export interface LocalMount {
  parent: string;
  path: string;
  /** Start of the `use` call, so the mount is not reported again as a fact. */
  callStart: number;
}

/**
 * `app.use('/api', router)` and `v1.use('/orders', orders)` at the top level, for routers this file
 * creates: router → (mounted on, at path). Routes registered on them carry the whole prefix.
 */
export function routerMounts(index: FileIndex, module: ModuleInfo): Map<string, LocalMount> {
  const mounts = new Map<string, LocalMount>();
  if (module.routers.size === 0) return mounts;
  for (const call of index.calls) {
    const segments = call.callee?.segments;
    if (call.scope !== -1 || !segments || segments.length !== 2 || segments[1] !== 'use') continue;
    const path = pathArgument(index.text, call.callee?.argsOpen ?? -1);
    if (path === null) continue;
    const mounted = unwrapExpression(argumentsOf(call.node)[1]);
    // Koa: `app.use(router.routes())` carries no path; Express: `app.use('/api', router)`.
    const name = mounted?.type === 'identifier' ? mounted.text : null;
    if (name && module.routers.has(name) && !mounts.has(name))
      mounts.set(name, { parent: segments[0] as string, path, callStart: call.start });
  }
  return mounts;
}

/**
 * The prefix this file puts in front of the routes registered on `routerName` (its own `new Router({
 * prefix })`, then the mounts above), and the outermost router those mounts reach (`top`), whose own
 * mounts, if any, are in another file.
 */
export function prefixOf(
  routerName: string,
  mounts: Map<string, LocalMount>,
  module: ModuleInfo,
): { prefix: string; top: string } {
  let prefix = module.routers.get(routerName) ?? '';
  let current = routerName;
  for (let depth = 0; depth < 8; depth++) {
    const mount = mounts.get(current);
    if (!mount) break;
    prefix = joinRoute(mount.path, prefix);
    current = mount.parent;
    prefix = joinRoute(module.routers.get(current) ?? '', prefix);
  }
  return { prefix, top: current };
}

export function joinRoute(prefix: string, path: string): string {
  if (!prefix) return path;
  if (!path || path === '/') return prefix;
  return `${prefix.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/**
 * What a route registration names as its handler: `createOrder`, `OrdersController.create`. A call is a
 * wrapper handed the handler (`asyncHandler(createOrder)`: an argument names a function of this file or
 * an import) or a factory returning it (`getOrder(repo)`, `makeHandler()`: none does), named by its callee.
 */
export function handlerReference(
  handler: Node,
  module: ModuleInfo,
  isFunction: (name: string) => boolean = () => true,
): string {
  let node: Node | null = unwrapExpression(handler);
  // `asyncHandler(createOrder)`, `ctrl.create.bind(ctrl)`: the function being registered is inside.
  for (let depth = 0; node?.type === 'call_expression' && depth < 4; depth++) {
    const fn = node.childForFieldName('function');
    if (fn?.type === 'member_expression' && fn.childForFieldName('property')?.text === 'bind') {
      node = fn.childForFieldName('object');
      continue;
    }
    const inner = argumentsOf(node).find(
      (a) =>
        a.type === 'member_expression' ||
        (a.type === 'identifier' && (isFunction(a.text) || module.imports.has(a.text))),
    );
    if (inner) {
      node = inner;
      continue;
    }
    // `showItem(store)(options)`: a curried factory is named by its first callee.
    if (fn?.type === 'call_expression') {
      node = fn;
      continue;
    }
    if (fn?.type === 'identifier' || fn?.type === 'member_expression') node = fn;
    break;
  }
  if (!node) return handler.text;
  if (node.type === 'member_expression') {
    const object = node.childForFieldName('object')?.text ?? '';
    const property = node.childForFieldName('property')?.text ?? '';
    const className = module.instances.get(object);
    return className ? `${className}.${property}` : `${object}.${property}`;
  }
  return node.text;
}

export function routeRegistration(route: RouteCall, handler: string): RouteRegistration {
  return {
    framework: route.framework,
    method: route.method,
    route: route.route,
    handler,
    line: route.line,
    autoInstrumented: false,
    ...(route.router ? { router: route.router } : {}),
  };
}
