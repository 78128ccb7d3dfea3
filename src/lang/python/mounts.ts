// FastAPI router mounts: `app.include_router(orders.router, prefix="/api")` serves every route registered
// on `router` in the module `orders` names under `/api`. The audit joins them to the routes across files
// (src/audit/mounts.ts); here the mounted expression is resolved through this file's imports to the
// router's name in the module that defines it and that module's root-relative path.
import type { RouterMount } from '../facts.js';
import { callsNamed, type FileContext, receiverOf } from './context.js';
import { argument, callArguments, callAt, type Node, stringValue } from './syntax.js';

const NAME = /^[\p{L}_][\p{L}\p{N}_]*$/u;
const DOTTED = /^[\p{L}_][\p{L}\p{N}_]*(?:\.[\p{L}_][\p{L}\p{N}_]*)*$/u;

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/**
 * A dotted module as a root-relative path: `app.routers.orders` → `app/routers/orders`; a relative one
 * (`.routers.orders`, `..api`) against the package of the file importing it (`app/main.py` → `app`, as for
 * `app/__init__.py`); null when it climbs above the root.
 */
export function modulePath(module: string, from: string): string | null {
  const dots = /^\.*/.exec(module)![0].length;
  const rest = module.slice(dots).split('.').filter(Boolean);
  if (dots === 0) return rest.length > 0 ? rest.join('/') : null;
  let dir = dirOf(from);
  for (let i = 1; i < dots; i++) {
    if (dir === '') return null;
    dir = dirOf(dir);
  }
  const parts = [...(dir ? dir.split('/') : []), ...rest];
  return parts.length > 0 ? parts.join('/') : null;
}

/**
 * The router a mount names: `orders.router` with `from app.routers import orders` → `router` in
 * `app/routers/orders`; `orders_router` with `from app.routers.orders import router as orders_router` →
 * the same; `router` defined in this file → `router` here (module null). Null for anything else
 * (`self.router`, a call, a name imported inside a function is taken as this file's).
 */
function mountedRouter(ctx: FileContext, node: Node): RouterMount['router'] | null {
  const text = node.text.replace(/\s+/g, '');
  if (!DOTTED.test(text)) return null;
  const segments = text.split('.');
  const imported = ctx.module.imports.get(segments[0]!);
  if (imported === undefined) return segments.length === 1 ? { name: text, module: null } : null;
  const full = [imported, ...segments.slice(1)].join('.');
  const cut = full.lastIndexOf('.');
  // `import orders` then `include_router(orders)`: a module, not a router in one.
  if (cut < 0) return null;
  // `app.routers.orders` + `router`; `from . import router` → `.` + `router` (the dots are the module).
  const head = full.slice(0, cut);
  const module = modulePath(/^\.*$/.test(head) ? full.slice(0, cut + 1) : head, ctx.path);
  return module === null ? null : { name: full.slice(cut + 1), module };
}

/** A prefix written as a literal or a module-level string constant; null when it is computed. */
function prefixValue(ctx: FileContext, node: Node | null): string | null {
  if (!node) return '';
  const literal = stringValue(node);
  if (literal !== null) return literal;
  return node.type === 'identifier' ? (ctx.module.constants.get(node.text) ?? null) : null;
}

/**
 * `<parent>.include_router(<router>, prefix=...)`. A mount with no prefix is kept (prefix ''): it still
 * chains the mounts of its parent. One whose prefix or router cannot be read is left out.
 */
export function routerMounts(ctx: FileContext): RouterMount[] {
  const out: RouterMount[] = [];
  for (const call of callsNamed(ctx, ['include_router'])) {
    const parent = receiverOf(call);
    const node = parent ? callAt(ctx.tree, call.start, call.end) : null;
    if (!node) continue;
    const args = callArguments(node);
    const target = argument(args, 0, 'router');
    const router = target ? mountedRouter(ctx, target) : null;
    const prefix = prefixValue(ctx, args.keywords.get('prefix') ?? null);
    if (!router || prefix === null) continue;
    out.push({
      prefix,
      router,
      parent: NAME.test(parent) ? parent : null,
      line: ctx.lines.line(call.start),
    });
  }
  return out;
}
