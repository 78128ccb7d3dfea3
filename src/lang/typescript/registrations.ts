import type { RouteRegistration } from '../facts.js';
import type { FileIndex } from './collect.js';
import { type FunctionDecl, handlerOfRoute, qualifiedNameOf } from './functions.js';
import type { ModuleInfo } from './module.js';
import { handlerReference, type RouteCall, routeRegistration } from './routes.js';

/**
 * Route registrations, and `handler` facts for the functions they name in this file. Inline callbacks are
 * named after their route already; NestJS and Next.js handlers register themselves by decorator or path.
 */
export function registrations(
  routeCalls: RouteCall[],
  decls: FunctionDecl[],
  index: FileIndex,
  module: ModuleInfo,
): RouteRegistration[] {
  if (routeCalls.length === 0 && !decls.some((d) => d.handler?.route)) return [];
  const byStart = new Map(decls.map((d) => [index.scopes[d.scope]?.start ?? -1, d]));
  const byName = new Map(decls.map((d) => [qualifiedNameOf(d), d]));
  const out: RouteRegistration[] = [];
  for (const route of routeCalls) {
    if (!route.handler) continue;
    const inline = byStart.get(route.handler.startIndex);
    const reference = inline
      ? qualifiedNameOf(inline)
      : handlerReference(route.handler, module, (name) => byName.has(name));
    const named = inline ? undefined : byName.get(reference);
    if (named && !named.handler) named.handler = handlerOfRoute(route);
    out.push(routeRegistration(route, reference));
  }
  for (const decl of decls) {
    const handler = decl.handler;
    if (
      !handler ||
      handler.route === null ||
      (handler.framework !== 'nestjs' && handler.framework !== 'nextjs')
    )
      continue;
    out.push({
      framework: handler.framework,
      method: handler.method,
      route: handler.route,
      handler: qualifiedNameOf(decl),
      line: decl.anchor().startPosition.row + 1,
      autoInstrumented: false,
      ...(handler.router ? { router: handler.router } : {}),
    });
  }
  return out.sort((a, b) => a.line - b.line);
}
