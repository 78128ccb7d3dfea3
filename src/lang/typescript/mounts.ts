// Routers this file mounts under a prefix, as facts the audit joins across files (src/audit/mounts.ts):
// `app.use('/api/orders', ordersRouter)` (Express, imported or not, or built by a factory:
// `app.use('/orders', ordersRouter(repo))`), `api.use('/orders', orders.routes())`
// (koa-router), `app.register(ordersPlugin, { prefix: '/orders' })` (Fastify), NestJS's module graph under
// `app.setGlobalPrefix('api')`. A mounted name is resolved through this file's relative imports to its
// name in the module defining it; a router this file exports under another name (`export default router`,
// `module.exports = router`) is mounted at '' on that name, so a mount elsewhere reaches its routes.
import type Parser from 'tree-sitter';
import type { RouterMount } from '../facts.js';
import type { CallSite, FileIndex } from './collect.js';
import type { ModuleInfo } from './module.js';
import { inlinePluginName, routerNameOf } from './router-names.js';
import { joinRoute, type LocalMount, objectProperty, prefixOf, type RouteCall } from './routes.js';
import { argumentsOf, IDENTIFIER, stringValue, unwrapExpression } from './syntax.js';

type Node = Parser.SyntaxNode;

type MountedRouter = RouterMount['router'];

export interface MountInput {
  index: FileIndex;
  module: ModuleInfo;
  root: Node;
  path: string;
  routeCalls: RouteCall[];
  /** This file's mounts already folded into its routes (routes.ts): not reported again. */
  localMounts: Map<string, LocalMount>;
  /** NestJS controllers of this file by class name (their routes name the class as their router). */
  controllers: readonly string[];
}

const MODULE_EXTENSION = /\.(?:[cm]?[jt]sx?)$/;

export function findMounts(input: MountInput): RouterMount[] {
  const { index, module, path } = input;
  const text = index.text;
  const mounts: RouterMount[] = [];
  const folded = new Set([...input.localMounts.values()].map((m) => m.callStart));
  // Names used as routers here: local mounted values must be one of them (else `app.use('/x', auth)`).
  const routers = new Set<string>(input.controllers);
  for (const route of input.routeCalls) if (route.router) routers.add(route.router);
  for (const name of module.routers.keys()) routers.add(name);
  const pending: { call: CallSite; verb: string; segments: string[] }[] = [];
  for (const call of index.calls) {
    const segments = call.callee?.segments;
    if (!segments || segments.length < 2) continue;
    const verb = segments[segments.length - 1] as string;
    if (verb !== 'use' && verb !== 'register' && verb !== 'setGlobalPrefix') continue;
    if (folded.has(call.start)) continue;
    pending.push({ call, verb, segments });
  }
  // Parents first: a local router only mounted on another (`v1.use(...)`) counts as a router too.
  for (const { call, segments } of pending) {
    const receiver = routerNameOf(index, call.scope, segments.slice(0, -1).join('.'));
    if (receiver) routers.add(receiver);
  }
  const resolve = (node: Node | null) => mountedRouter(node, module, path, routers);
  for (const { call, verb, segments } of pending) {
    const receiver = segments.slice(0, -1).join('.');
    const args = argumentsOf(call.node).map((a) => unwrapExpression(a));
    const line = call.row + 1;
    if (verb === 'setGlobalPrefix') {
      const prefix = stringValue(args[0]);
      const appModule = prefix === null ? null : nestAppModule(index, module, path);
      if (prefix !== null && appModule)
        mounts.push({ prefix: `/${prefix.replace(/^\/+/, '')}`, router: appModule, parent: null, line });
      continue;
    }
    // The router mounted on: the outermost router this file's own mounts lead to, with their prefix.
    const parentName = routerNameOf(index, call.scope, receiver);
    const above = parentName ? prefixOf(parentName, input.localMounts, module) : { prefix: '', top: null };
    const parent = above.top;
    if (verb === 'register') {
      // Fastify: `register(plugin, { prefix })`; a prefix it cannot read makes the mount unknown.
      const target = args[0];
      if (!target || target.type === 'string' || target.type === 'template_string') continue;
      const options = args[1];
      let prefix = '';
      if (options) {
        if (options.type !== 'object') continue;
        const written = objectProperty(options, 'prefix');
        const value = written ? stringValue(unwrapExpression(written)) : '';
        if (value === null) continue;
        prefix = value;
      }
      const router =
        target.type === 'arrow_function' || target.type === 'function_expression'
          ? { name: inlinePluginName(target), module: null }
          : resolve(target);
      if (router) mounts.push({ prefix: joinRoute(above.prefix, prefix), router, parent, line });
      continue;
    }
    // `use([path,] ...middleware, router)`: Express routers and sub-apps, koa-router's `.routes()`.
    const path0 = stringValue(args[0]);
    const prefix = joinRoute(above.prefix, path0 ?? '');
    for (const arg of path0 === null ? args : args.slice(1)) {
      const router = resolve(arg);
      if (router) mounts.push({ prefix, router, parent, line });
    }
  }
  mounts.push(...exportAliases(text, routers));
  mounts.push(...nestModules(input, resolve));
  return mounts.sort((a, b) => a.line - b.line);
}

/**
 * What a mount's argument names: a local router (`ordersRouter`), an import (`ordersRouter` from
 * './routes/orders.js': its name there; a default import or a whole CommonJS module: `default`), a member
 * of a namespace import (`orders.router`), koa-router's `orders.routes()`/`.middleware()`, a
 * `require('./orders')` or Fastify's `import('./orders')`. Null for anything else (packages, calls).
 */
function mountedRouter(
  node: Node | null,
  module: ModuleInfo,
  path: string,
  routers: ReadonlySet<string>,
): MountedRouter | null {
  if (!node) return null;
  if (node.type === 'identifier') {
    const binding = module.imports.get(node.text);
    if (!binding) return routers.has(node.text) ? { name: node.text, module: null } : null;
    const target = relativeModule(path, binding.source);
    if (target === null) return null;
    return { name: binding.imported === '*' ? 'default' : binding.imported, module: target };
  }
  if (node.type === 'member_expression') {
    const object = unwrapExpression(node.childForFieldName('object'));
    const property = node.childForFieldName('property')?.text ?? '';
    if (!object || !IDENTIFIER.test(property)) return null;
    if (object.type === 'identifier') {
      const binding = module.imports.get(object.text);
      const target = binding?.imported === '*' ? relativeModule(path, binding.source) : null;
      return target === null ? null : { name: property, module: target };
    }
    const required = object.type === 'call_expression' ? requiredModule(object, path) : null;
    return required === null ? null : { name: property, module: required };
  }
  if (node.type !== 'call_expression') return null;
  const required = requiredModule(node, path);
  if (required !== null) return { name: 'default', module: required };
  // koa-router: `orders.routes()` is the middleware dispatching the routes of `orders`.
  const callee = node.childForFieldName('function');
  const method = callee?.type === 'member_expression' ? callee.childForFieldName('property')?.text : null;
  if ((method === 'routes' || method === 'middleware') && argumentsOf(node).length === 0)
    return mountedRouter(unwrapExpression(callee?.childForFieldName('object')), module, path, routers);
  // A router factory's result (`ordersRouter(repo)`): the routes it registers name the factory.
  return callee?.type === 'identifier' ? mountedRouter(callee, module, path, routers) : null;
}

/** `require('./orders')`, `import('./orders')`: the module, root-relative without extension, or null. */
function requiredModule(call: Node, path: string): string | null {
  const callee = call.childForFieldName('function');
  if (callee?.text !== 'require' && callee?.type !== 'import') return null;
  const args = argumentsOf(call);
  const source = args.length === 1 ? stringValue(args[0]) : null;
  return source === null ? null : relativeModule(path, source);
}

/** `./routes/orders.js` from `src/app.ts` → `src/routes/orders`; null for packages and outside the root. */
export function relativeModule(from: string, source: string): string | null {
  if (!source.startsWith('./') && !source.startsWith('../')) return null;
  const parts = from.split('/').slice(0, -1);
  for (const segment of source.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(segment);
  }
  const joined = parts.join('/').replace(MODULE_EXTENSION, '');
  return joined === '' ? null : joined;
}

// `export default ordersRouter`, `module.exports = ordersRouter`, `export = router`.
const DEFAULT_EXPORT =
  /^[ \t]*(?:export\s+default\s+(?:(?:async\s+)?function\s*\*?\s*|class\s+)?|export\s*=\s*|module\s*\.\s*exports\s*=\s*)([\p{ID_Start}$_][\p{ID_Continue}$]*)/gmu;
// `exports.ordersRouter = router`, `module.exports.ordersRouter = router`.
const MEMBER_EXPORT =
  /^[ \t]*(?:module\s*\.\s*)?exports\s*\.\s*([\p{ID_Start}$_][\p{ID_Continue}$]*)\s*=\s*([\p{ID_Start}$_][\p{ID_Continue}$]*)\s*(?:;|$)/gmu;
// `export { router as ordersRouter, router as default }`.
const EXPORT_LIST = /^[ \t]*export\s*\{([^}]*)\}(?!\s*from)/gm;
// `module.exports = { ordersRouter: router }`.
const EXPORT_OBJECT = /^[ \t]*module\s*\.\s*exports\s*=\s*\{([^}]*)\}/gm;

/**
 * A router exported under another name than its own is mounted at '' on that name (`export default
 * router` → `router` on `default`), so a mount of the export in another file prefixes its routes.
 */
function exportAliases(text: string, routers: ReadonlySet<string>): RouterMount[] {
  if (routers.size === 0) return [];
  const out: RouterMount[] = [];
  const alias = (local: string, exported: string, at: number) => {
    if (local !== exported && routers.has(local))
      out.push({
        prefix: '',
        router: { name: local, module: null },
        parent: exported,
        line: lineAt(text, at),
      });
  };
  for (const m of text.matchAll(DEFAULT_EXPORT)) {
    const name = m[1] as string;
    // `export default function` with no name, or a keyword (`export default new Router()`): nothing to alias.
    if (name !== 'function' && name !== 'new' && name !== 'async') alias(name, 'default', m.index);
  }
  for (const m of text.matchAll(MEMBER_EXPORT)) alias(m[2] as string, m[1] as string, m.index);
  for (const m of text.matchAll(EXPORT_LIST))
    for (const spec of (m[1] as string).split(',')) {
      const [local, exported] = spec.trim().split(/\s+as\s+/);
      if (local && exported) alias(local.trim(), exported.trim(), m.index);
    }
  for (const m of text.matchAll(EXPORT_OBJECT))
    for (const pair of (m[1] as string).split(',')) {
      const [key, value] = pair.split(':').map((p) => p.trim());
      if (key && value && IDENTIFIER.test(value)) alias(value, key, m.index);
    }
  return out;
}

function lineAt(text: string, at: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** The module `NestFactory.create(AppModule)` boots, as a mounted router, or null. */
function nestAppModule(index: FileIndex, module: ModuleInfo, path: string): MountedRouter | null {
  for (const call of index.calls) {
    const segments = call.callee?.segments;
    if (segments?.length !== 2 || segments[0] !== 'NestFactory' || segments[1] !== 'create') continue;
    const first = unwrapExpression(argumentsOf(call.node)[0]);
    if (first?.type !== 'identifier') return null;
    return mountedRouter(first, module, path, new Set([first.text]));
  }
  return null;
}

/**
 * NestJS serves every controller under the global prefix: `@Module({ imports, controllers })` mounts
 * its controllers and imported modules at '' on the module class, and `setGlobalPrefix` mounts the root
 * module, so the join walks controller → module → ... → root module → prefix.
 */
function nestModules(input: MountInput, resolve: (node: Node | null) => MountedRouter | null): RouterMount[] {
  if (!input.index.text.includes('@Module(')) return [];
  const out: RouterMount[] = [];
  for (const decorator of input.root.descendantsOfType('decorator')) {
    const call = decorator.firstNamedChild;
    if (call?.type !== 'call_expression' || call.childForFieldName('function')?.text !== 'Module') continue;
    const cls = decoratedClass(decorator);
    const options = unwrapExpression(argumentsOf(call)[0]);
    if (!cls || options?.type !== 'object') continue;
    for (const key of ['controllers', 'imports']) {
      const list = unwrapExpression(objectProperty(options, key));
      if (list?.type !== 'array') continue;
      for (const element of list.namedChildren) {
        const entry = unwrapExpression(element);
        if (entry?.type !== 'identifier') continue;
        const router = input.module.imports.has(entry.text)
          ? resolve(entry)
          : { name: entry.text, module: null };
        if (router) out.push({ prefix: '', router, parent: cls, line: entry.startPosition.row + 1 });
      }
    }
  }
  return out;
}

function decoratedClass(decorator: Node): string | null {
  let holder = decorator.parent;
  if (holder?.type === 'export_statement') holder = holder.childForFieldName('declaration');
  if (holder?.type !== 'class_declaration' && holder?.type !== 'class') return null;
  return holder.childForFieldName('name')?.text ?? null;
}
