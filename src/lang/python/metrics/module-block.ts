// The module-level half of the metrics plan: imports of `os`, `time` and `opentelemetry.metrics`, one
// meter from the global meter provider, the duration histogram and request counter (created once, at
// import), the required attributes read once from the environment, and one small helper per framework
// that turns what the handler returned or raised into the low-cardinality attributes of its recordings.
import type { HandlerFramework } from '../../facts.js';
import type { ImportStatement, ModuleScope } from '../instrument/module-scope.js';
import { pyString, type Quote } from '../instrument/syntax.js';

export type MetricsFramework = Extract<HandlerFramework, 'fastapi' | 'flask'>;

export interface InstrumentSpec {
  variable: string;
  name: string;
  /** True when the module already declares it: nothing to write. */
  existing: boolean;
}

export interface ModuleNames {
  os: string;
  time: string;
  metrics: string;
  meter: string;
  histogram: InstrumentSpec;
  counter: InstrumentSpec;
  /** The module constant holding the required attributes read from the environment. */
  base: string;
  helper: Record<MetricsFramework, string>;
}

/** The local name a plain `import <module>` binds here, or null. */
export function plainImport(scope: ModuleScope, module: string): string | null {
  const found = scope.imports.find((s: ImportStatement) => !s.from && s.names.some((n) => n.name === module));
  return found?.names.find((n) => n.name === module)?.local ?? null;
}

/** The local name of `opentelemetry.metrics` here, or null. */
export function metricsImport(scope: ModuleScope): string | null {
  for (const s of scope.imports) {
    if (s.from && s.module === 'opentelemetry') {
      const name = s.names.find((n) => n.name === 'metrics');
      if (name) return name.local;
    }
  }
  return null;
}

/** Lines of `import` statements to add, stdlib first (isort's sections), each on its own line. */
export function importLines(scope: ModuleScope, names: ModuleNames): { stdlib: string[]; otel: string[] } {
  const alias = (module: string, local: string) => (local === module ? '' : ` as ${local}`);
  const stdlib = (['os', 'time'] as const)
    .filter((m) => plainImport(scope, m) === null)
    .map((m) => `import ${m}${alias(m, names[m])}`);
  const otel =
    metricsImport(scope) === null
      ? [`from opentelemetry import metrics${alias('metrics', names.metrics)}`]
      : [];
  return { stdlib, otel };
}

export interface AttributeSource {
  key: string;
  variable: string;
}

/** Declarations after the imports: meter, instruments, environment attributes (those not declared yet). */
export function declarationLines(
  names: ModuleNames,
  declare: { meter: boolean; base: boolean },
  sources: readonly AttributeSource[],
  quote: Quote,
): string[] {
  const q = (s: string) => pyString(s, quote);
  const lines: string[] = [];
  if (declare.meter) lines.push(`${names.meter} = ${names.metrics}.get_meter(__name__)`);
  if (!names.histogram.existing) {
    lines.push(
      `${names.histogram.variable} = ${names.meter}.create_histogram(`,
      `    ${q(names.histogram.name)},`,
      `    unit=${q('s')},`,
      `    description=${q('Duration of the HTTP requests this module handles.')},`,
      ')',
    );
  }
  if (!names.counter.existing) {
    lines.push(
      `${names.counter.variable} = ${names.meter}.create_counter(`,
      `    ${q(names.counter.name)},`,
      `    unit=${q('{request}')},`,
      `    description=${q('Number of HTTP requests this module handled.')},`,
      ')',
    );
  }
  if (!declare.base) return lines;
  lines.push(
    '# Read once at import: the same for every request.',
    `${names.base} = {`,
    ...sources.map((s) => `    ${q(s.key)}: ${names.os}.environ.get(${q(s.variable)}, ${q('unknown')}),`),
    '}',
  );
  return lines;
}

/**
 * The helper for one framework. The status is the one the client received: FastAPI sends the returned
 * Response's status, else the route's declared status_code, and HTTPException.status_code when raised;
 * Flask sends a returned Response's or (body, status) tuple's status, and HTTPException.code when raised.
 * Any other exception is a 500. `error.type` is set on failure only (semconv: not for 4xx on a server):
 * the class of an exception that is not an HTTP error, else the 5xx status code.
 */
export function helperLines(framework: MetricsFramework, names: ModuleNames, quote: Quote): string[] {
  const q = (s: string) => pyString(s, quote);
  const raisedStatus = framework === 'fastapi' ? 'status_code' : 'code';
  const returned =
    framework === 'fastapi'
      ? [
          // A returned model may have a `status_code` field of its own: only a Starlette Response says
          // what the client receives. Matched through the MRO, so no import is needed.
          `        sent = any(c.__module__ == ${q('starlette.responses')} for c in type(result).__mro__)`,
          `        returned = getattr(result, ${q('status_code')}, None) if sent else None`,
        ]
      : [
          `        returned = getattr(result, ${q('status_code')}, None)`,
          '        if isinstance(result, tuple) and len(result) > 1:',
          '            returned = result[1]',
        ];
  return [
    `def ${names.helper[framework]}(`,
    `    method: str, route: str, status_code: int, result: object, error: ${q('BaseException | None')}`,
    `) -> ${q('dict[str, str | int]')}:`,
    `    error_type: ${q('str | None')} = None`,
    '    if error is not None:',
    `        raised = getattr(error, ${q(raisedStatus)}, None)`,
    '        if isinstance(raised, int):',
    '            status_code = raised',
    '        else:',
    '            status_code = 500',
    '            error_type = type(error).__qualname__',
    '    else:',
    ...returned,
    '        if isinstance(returned, int):',
    '            status_code = returned',
    '    if error_type is None and status_code >= 500:',
    '        error_type = str(status_code)',
    `    attributes: ${q('dict[str, str | int]')} = {`,
    `        **${names.base},`,
    `        ${q('http.request.method')}: method,`,
    `        ${q('http.route')}: route,`,
    `        ${q('http.response.status_code')}: status_code,`,
    '    }',
    '    if error_type is not None:',
    `        attributes[${q('error.type')}] = error_type`,
    '    return attributes',
  ];
}
