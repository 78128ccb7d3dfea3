// The route template a handler's measurements carry. Statically: the one the audit resolved, else the
// single registration of this file that names the handler; null when unknown or ambiguous (several
// routes). At run time, where the router knows the matched template and it is bounded: gin's
// `c.FullPath()` and echo's `c.Path()` always, chi's `RoutePattern()` and gorilla/mux's path template for
// a net/http handler the package registers on that router; the static route is then the fallback.
import type { FileFacts, FunctionFacts, RouteRegistration } from '../../facts.js';

/** `POST /orders/{id}` (Go 1.22 patterns) keeps only the path: the method is its own attribute. */
function pathOf(route: string): string {
  return route.replace(/^[A-Z]+\s+/, '');
}

/** `h.Create` → `Create`; a factory's call `s.handleOrders()`, `ListOrders(svc)` → the factory's name. */
function handlerName(text: string): string {
  return text.replace(/\(.*$/s, '').trim().split('.').pop() ?? '';
}

export function routeOf(fn: FunctionFacts, file: FileFacts): string | null {
  if (fn.handler?.route) return pathOf(fn.handler.route);
  const routes = new Set(
    file.routes.filter((r) => handlerName(r.handler) === fn.name).map((r) => pathOf(r.route)),
  );
  return routes.size === 1 ? ([...routes][0] as string) : null;
}

/** A router whose matched template a net/http handler can read at run time, with the import to read it. */
export interface RuntimeRouter {
  framework: 'chi' | 'gorilla/mux';
  importPath: string;
}

const GORILLA = 'github.com/gorilla/mux';
/** chi v5: `RouteContext` and `RoutePattern()`, wildcards of Mount and Route removed. Older majors: static. */
const CHI = /^github\.com\/go-chi\/chi\/v5$/;

/**
 * The router a net/http-shaped handler is served by, when its matched template is readable at run
 * time: the handler is registered on chi (or gorilla/mux), by the audit's word or a registration of its
 * package naming it, and not on the other. Only with an import path of that router the package already
 * has: the module requires it (else the package would not build), and the major version is the one in use.
 */
export function runtimeRouter(
  fn: FunctionFacts,
  registrations: readonly RouteRegistration[],
  importPaths: readonly string[],
): RuntimeRouter | null {
  const frameworks = new Set(
    registrations.filter((r) => handlerName(r.handler) === fn.name).map((r) => r.framework),
  );
  if (fn.handler) frameworks.add(fn.handler.framework);
  const chi = frameworks.has('chi');
  const gorilla = frameworks.has('gorilla/mux');
  if (chi === gorilla) return null;
  const importPath = chi ? importPaths.find((p) => CHI.test(p)) : importPaths.find((p) => p === GORILLA);
  return importPath ? { framework: chi ? 'chi' : 'gorilla/mux', importPath } : null;
}
