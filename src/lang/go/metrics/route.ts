// The route template a handler's measurements carry: the one the audit resolved, else the single
// registration of this file that names the handler; null when unknown or ambiguous (several routes).
import type { FileFacts, FunctionFacts } from '../../facts.js';

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
