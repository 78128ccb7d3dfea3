import type { FileFacts, FunctionFacts } from '../lang/facts.js';
import type { Standards } from '../standards/types.js';

/** The span name the standards ask for: `{package}.{function}` → `orders.ProcessPayment`. */
export function suggestedSpanName(
  standards: Standards,
  file: FileFacts,
  fn: FunctionFacts,
  service: string,
): string {
  // An inline route handler is named after its route (`POST /orders`), which is already the span name the
  // HTTP semantic conventions give a server operation: a package prefix would only obscure it.
  if (/^[A-Z]+ \//.test(fn.name)) return fn.name;
  return standards.tracing.span_name_template
    .replaceAll('{package}', file.packageName)
    .replaceAll('{type}', fn.owner ?? file.packageName)
    .replaceAll('{function}', fn.name)
    .replaceAll('{service}', service)
    .replace(/\.{2,}/g, '.')
    .replace(/^\.|\.$/g, '');
}
