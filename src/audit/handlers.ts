// Joins route registrations (often in main.go, routes.ts, urls.py) to the functions they name (often in
// another file), so a handler is known as one wherever it is registered.
import type { FileFacts, FunctionFacts, HandlerFacts, RouteRegistration } from '../lang/facts.js';
import { familyOf } from './auto-coverage.js';

export interface ResolvedHandler {
  handler: HandlerFacts;
  /** The registration wraps this handler in auto-instrumentation (`otelhttp.NewHandler(h, ...)`). */
  wrapped: boolean;
}

export function functionKey(file: FileFacts, fn: FunctionFacts): string {
  return `${file.path}:${fn.line}:${fn.column}`;
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** `h.CreateOrder` → `CreateOrder`; `views.order_detail` → `order_detail`; `OrdersController.create` → `create`. */
function handlerName(text: string): string {
  const cleaned = text.replace(/\(.*$/s, '').trim();
  return cleaned.split('.').pop() ?? cleaned;
}

/**
 * A registration names a function by its bare name, which other types may share (`h.GetOrder` and
 * `OrderService.GetOrder`). Keep the functions whose shape says "handler": a handler signature the
 * adapter recognised, else a request/response/framework-context parameter; in Go the signature is
 * mandatory (a registered function must have one); elsewhere an untyped `(req, res)`, or a Flask view's
 * empty parameter list, is enough.
 */
function plausibleHandlers(candidates: { file: FileFacts; fn: FunctionFacts }[], go: boolean) {
  const bySignature = candidates.filter((c) => c.fn.handler !== null);
  if (bySignature.length > 0 || go) return bySignature;
  const byParams = candidates.filter((c) =>
    c.fn.params.some((p) => p.role === 'request' || p.role === 'response' || p.role === 'framework-context'),
  );
  // Flask views take no parameters at all: any non-constructor namesake will do.
  return byParams.length > 0 ? byParams : candidates.filter((c) => c.fn.kind !== 'constructor');
}

export function resolveHandlers(files: readonly FileFacts[]): Map<string, ResolvedHandler> {
  const byName = new Map<string, { file: FileFacts; fn: FunctionFacts }[]>();
  for (const file of files) {
    for (const fn of file.functions) {
      const list = byName.get(fn.name) ?? [];
      list.push({ file, fn });
      byName.set(fn.name, list);
    }
  }
  const resolved = new Map<string, ResolvedHandler>();
  const assign = (file: FileFacts, fn: FunctionFacts, reg: RouteRegistration) => {
    const key = functionKey(file, fn);
    const base = fn.handler ?? { framework: reg.framework, route: null, method: null };
    const previous = resolved.get(key);
    resolved.set(key, {
      handler: {
        framework: base.framework,
        route: base.route ?? reg.route,
        method: base.method ?? reg.method,
      },
      wrapped: (previous?.wrapped ?? false) || reg.autoInstrumented,
    });
  };
  for (const file of files) {
    for (const reg of file.routes) {
      const candidates = (byName.get(handlerName(reg.handler)) ?? []).filter(
        (c) => familyOf(c.file.language) === familyOf(file.language),
      );
      const plausible = plausibleHandlers(candidates, file.language === 'go');
      if (plausible.length === 0) continue;
      // The registration names one function: prefer the same file, then the same package directory.
      const sameFile = plausible.filter((c) => c.file.path === file.path);
      const sameDir = plausible.filter((c) => dirOf(c.file.path) === dirOf(file.path));
      const chosen = sameFile.length > 0 ? sameFile : sameDir.length > 0 ? sameDir : plausible;
      for (const c of chosen) assign(c.file, c.fn, reg);
    }
  }
  return resolved;
}
