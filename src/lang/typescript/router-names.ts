// The name a router goes by in its file, so that a mount (`app.use('/api/orders', ordersRouter)`, in this
// file or another) can be joined to the routes registered on it. A plain receiver is its own name
// (`ordersRouter.get(...)` → `ordersRouter`). A receiver that is the first parameter of the function
// around the call is whatever that function is registered as: Fastify registers a plugin function and
// hands it its instance (`async function ordersPlugin(fastify) { fastify.get(...) }` → `ordersPlugin`,
// mounted by `app.register(ordersPlugin, { prefix: '/orders' })`).
import type Parser from 'tree-sitter';
import type { FileIndex, FunctionScope } from './collect.js';
import { IDENTIFIER } from './syntax.js';

type Node = Parser.SyntaxNode;

/** The router `receiver` (as written before `.get`/`.use`/`.register`) names, or null. */
export function routerNameOf(index: FileIndex, scope: number, receiver: string): string | null {
  if (!IDENTIFIER.test(receiver)) return null;
  for (let s = scope; s >= 0; ) {
    const fn = index.scopes[s] as FunctionScope;
    if (firstParameter(fn.node) === receiver) return functionRouterName(fn.node);
    if (createsAndReturns(index, s, receiver)) return functionRouterName(fn.node) ?? receiver;
    s = fn.parent;
  }
  return receiver;
}

/**
 * A router factory (`function ordersRouter(repo) { const router = Router(); ...; return router; }`) is
 * the router its callers mount (`app.use('/orders', ordersRouter(repo))`).
 */
function createsAndReturns(index: FileIndex, scope: number, name: string): boolean {
  let known = factories.get(index);
  if (!known) {
    known = new Map();
    factories.set(index, known);
  }
  const key = `${scope}:${name}`;
  let found = known.get(key);
  if (found === undefined) {
    const fn = index.scopes[scope] as FunctionScope;
    found = returnsCreatedRouter(index.text.slice(fn.start, fn.end), name.replace(/\$/g, '\\$'));
    known.set(key, found);
  }
  return found;
}

const factories = new WeakMap<FileIndex, Map<string, boolean>>();

function returnsCreatedRouter(body: string, name: string): boolean {
  if (!body.includes('Router')) return false;
  const created = new RegExp(
    String.raw`\b(?:const|let|var)\s+${name}\b[^=;]*=\s*(?:new\s+)?(?:[\w$]+\s*\.\s*)?Router\s*\(`,
  );
  return created.test(body) && new RegExp(String.raw`\breturn\s+${name}\s*(?:;|\n|\})`).test(body);
}

/** The first parameter's name (`fastify` in `(fastify, opts) => {}`), or null. */
function firstParameter(fn: Node): string | null {
  const single = fn.childForFieldName('parameter');
  if (single) return single.type === 'identifier' ? single.text : null;
  const first = fn.childForFieldName('parameters')?.namedChildren.find((c) => c.type !== 'comment');
  if (!first) return null;
  if (first.type === 'identifier') return first.text;
  const pattern = first.childForFieldName('pattern');
  return pattern?.type === 'identifier' ? pattern.text : null;
}

/**
 * What a function taking the router as a parameter is known as where it is registered: its declared
 * name, the variable it is bound to, `default` for a default export (`export default async (fastify) =>`,
 * `module.exports = function (fastify)`), or, passed inline to `register(...)`, a name of its position
 * (`(plugin at 12:16)`) its mount uses too. Null for anything else (a callback, `fp(...)`'s argument,
 * whose routes are not encapsulated).
 */
export function functionRouterName(fn: Node): string | null {
  if (fn.type === 'function_declaration' || fn.type === 'generator_function_declaration')
    return fn.childForFieldName('name')?.text ?? (fn.parent?.type === 'export_statement' ? 'default' : null);
  const parent = fn.parent;
  if (!parent) return null;
  switch (parent.type) {
    case 'variable_declarator': {
      const name = parent.childForFieldName('name');
      return name?.type === 'identifier' ? name.text : null;
    }
    case 'export_statement':
      return 'default';
    case 'assignment_expression':
      return /^module\s*\.\s*exports$/.test(parent.childForFieldName('left')?.text ?? '') ? 'default' : null;
    case 'arguments': {
      const callee = parent.parent?.childForFieldName('function');
      const inRegister =
        callee?.type === 'member_expression' &&
        callee.childForFieldName('property')?.text === 'register' &&
        parent.namedChildren.find((c) => c.type !== 'comment')?.startIndex === fn.startIndex;
      return inRegister ? inlinePluginName(fn) : null;
    }
    default:
      return null;
  }
}

/** The name of a plugin function written inline in `register(...)`: its position. */
export function inlinePluginName(fn: Node): string {
  return `(plugin at ${fn.startPosition.row + 1}:${fn.startPosition.column + 1})`;
}
