// The module-level half of the metrics plan: imports of `os`, `time` and `opentelemetry.metrics`, one
// meter from the global meter provider, the duration histogram and request counter (created once, at
// import), the required attributes read once from the environment, and one small helper per framework
// that turns what the handler returned or raised into the low-cardinality attributes of its recordings.
import type { HandlerFramework } from '../../facts.js';
import type { ImportStatement, ModuleScope } from '../instrument/module-scope.js';
import { pyString, type Quote } from '../instrument/syntax.js';

export type MetricsFramework = Extract<HandlerFramework, 'fastapi' | 'flask' | 'django'>;

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
  /** The `flask` module here, which the Flask helper reads the matched rule from. */
  flask: string;
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

/**
 * Lines of `import` statements to add, stdlib first (isort's sections), each on its own line; `import
 * flask` when the Flask helper is written (`flask` true) and the module does not import it plainly.
 */
export function importLines(
  scope: ModuleScope,
  names: ModuleNames,
  flask: boolean,
): { stdlib: string[]; otel: string[]; flask: string[] } {
  const alias = (module: string, local: string) => (local === module ? '' : ` as ${local}`);
  const stdlib = (['os', 'time'] as const)
    .filter((m) => plainImport(scope, m) === null)
    .map((m) => `import ${m}${alias(m, names[m])}`);
  const otel =
    metricsImport(scope) === null
      ? [`from opentelemetry import metrics${alias('metrics', names.metrics)}`]
      : [];
  const flaskLines =
    flask && plainImport(scope, 'flask') === null ? [`import flask${alias('flask', names.flask)}`] : [];
  return { stdlib, otel, flask: flaskLines };
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

/** The methods semconv names for `http.request.method`; any other is recorded as `_OTHER`. */
const KNOWN_METHODS = ['CONNECT', 'DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT', 'TRACE'];

/**
 * What Django answers an exception from a view with (`django.core.handlers.exception.
 * response_for_exception`), and DRF an `APIException` (`APIView.handle_exception`: its `status_code`).
 * Matched by the defining class's module and name through the MRO, so subclasses count (DRF's `NotFound`,
 * Django's `DisallowedHost`) and the generated module imports nothing from Django to classify.
 */
function djangoStatusLines(q: (s: string) => string): string[] {
  const byClass: [string, string][] = [
    ['django.http.response.Http404', '404'],
    ['django.core.exceptions.PermissionDenied', '403'],
    ['django.core.exceptions.BadRequest', '400'],
    ['django.core.exceptions.SuspiciousOperation', '400'],
    ['django.http.multipartparser.MultiPartParserError', '400'],
    ['rest_framework.exceptions.APIException', `getattr(error, ${q('status_code')}, None)`],
  ];
  return [
    `        statuses: ${q('dict[str, object]')} = {`,
    ...byClass.map(([name, status]) => `            ${q(name)}: ${status},`),
    '        }',
    '        raised: object = None',
    '        for cls in type(error).__mro__:',
    `            raised = statuses.get(cls.__module__ + ${q('.')} + cls.__qualname__)`,
    '            if raised is not None:',
    '                break',
  ];
}

/**
 * The helper for one framework. The status is the one the client received: FastAPI sends the returned
 * Response's status, else the route's declared status_code, and HTTPException.status_code when raised;
 * Flask sends a returned Response's or (body, status) tuple's status, and HTTPException.code when raised;
 * Django sends the returned HttpResponse's status_code, and for a raised exception the status of
 * `djangoStatusLines`. Any other exception is a 500. `error.type` is set on failure only (semconv: not for
 * 4xx on a server): the class of an exception that is not an HTTP error, else the 5xx status code.
 *
 * Flask's helper reads the route Flask matched, `flask.request.url_rule.rule` (the blueprint's and its
 * registration's prefixes included, as opentelemetry-instrumentation-flask records it), when called in a
 * request context with a matched rule; else the planned one.
 *
 * Django's helper takes the request itself rather than its method (as `http_request`: in a views module a
 * function whose first parameter is `request` is a view): every method reaches a function view,
 * so the method is bounded here to the known ones (else `_OTHER`); and the route is the pattern Django
 * matched (`request.resolver_match.route`, with the prefixes of `include()`, in Django's own syntax as
 * semconv asks and as opentelemetry-instrumentation-django records it), else the planned one.
 */
export function helperLines(framework: MetricsFramework, names: ModuleNames, quote: Quote): string[] {
  const q = (s: string) => pyString(s, quote);
  const django = framework === 'django';
  const request = django
    ? [
        `    method = getattr(http_request, ${q('method')}, None)`,
        '    if method not in (',
        `        ${KNOWN_METHODS.map(q).join(', ')}`,
        '    ):',
        `        method = ${q('_OTHER')}`,
        `    matched = getattr(getattr(http_request, ${q('resolver_match')}, None), ${q('route')}, None)`,
        '    if isinstance(matched, str) and matched:',
        '        route = matched',
      ]
    : framework === 'flask'
      ? [
          // The rule Flask matched: with the prefixes of the blueprint and of its registration.
          `    if ${names.flask}.has_request_context():`,
          `        matched = getattr(${names.flask}.request.url_rule, ${q('rule')}, None)`,
          '        if isinstance(matched, str) and matched:',
          '            route = matched',
        ]
      : [];
  const raised = django
    ? djangoStatusLines(q)
    : [`        raised = getattr(error, ${q(framework === 'fastapi' ? 'status_code' : 'code')}, None)`];
  const returned =
    framework === 'fastapi'
      ? [
          // A returned model may have a `status_code` field of its own: only a Starlette Response says
          // what the client receives. Matched through the MRO, so no import is needed.
          `        sent = any(c.__module__ == ${q('starlette.responses')} for c in type(result).__mro__)`,
          `        returned = getattr(result, ${q('status_code')}, None) if sent else None`,
        ]
      : framework === 'flask'
        ? [
            `        returned = getattr(result, ${q('status_code')}, None)`,
            '        if isinstance(result, tuple) and len(result) > 1:',
            '            returned = result[1]',
          ]
        : [`        returned = getattr(result, ${q('status_code')}, None)`];
  return [
    `def ${names.helper[framework]}(`,
    `    ${django ? 'http_request: object' : 'method: str'}, route: str, status_code: int, result: object, error: ${q('BaseException | None')}`,
    `) -> ${q('dict[str, str | int]')}:`,
    ...request,
    `    error_type: ${q('str | None')} = None`,
    '    if error is not None:',
    ...raised,
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
