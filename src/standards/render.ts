// Renders the AGENTS.md `## OpenTelemetry Standards` section from the standards, so what an agent is
// told and what the audit checks come from the same file. Deterministic: same standards, same text.
import type { RequiredAttribute, Standards } from './types.js';

const EXAMPLE = {
  package: 'orders',
  type: 'OrderService',
  function: 'ProcessPayment',
  subsystem: 'payments',
  metric: 'duration',
};

function code(text: string): string {
  return `\`${text}\``;
}

/** `a`, `a and b`, `a, b and c`. */
function list(items: readonly string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** `{package}.{function}` → `<package>.<Function>`, with the service name filled in when it is known. */
function shape(template: string, service: string | null): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (name === 'service' && service) return service;
    return name === 'function' || name === 'type'
      ? `<${name[0]?.toUpperCase()}${name.slice(1)}>`
      : `<${name}>`;
  });
}

function example(template: string, service: string | null): string {
  const values: Record<string, string> = { ...EXAMPLE, service: service ?? 'checkout' };
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

function scopeBullet(standards: Standards): string {
  const { report_unexported, min_statements } = standards.tracing.helpers;
  const helpers =
    min_statements > 1
      ? `; functions of fewer than ${min_statements} statements that do no I/O are helpers and need none`
      : '';
  const unexported = report_unexported
    ? '; unexported functions that do I/O SHOULD too'
    : '; leave unexported helpers alone';
  return `- Every exported function handling a business operation MUST create a span${unexported}${helpers}`;
}

function errorBullets(standards: Standards): string[] {
  const { record_exception, set_status, error_type_attribute } = standards.tracing.error_policy;
  const record =
    "record the error (Go `span.RecordError(err)`, TS/JS `span.recordException(err)`; Python's `start_as_current_span` already does it)";
  const status =
    'set status Error (Go `span.SetStatus(codes.Error, msg)`, TS/JS `span.setStatus({ code: SpanStatusCode.ERROR, message })`)';
  const bullets: string[] = [];
  if (record_exception && set_status) bullets.push(`- On every failure path, ${record} AND ${status}`);
  else if (set_status) {
    bullets.push(
      `- On every failure path, ${status}; do not record the exception on the span (Python: \`start_as_current_span(..., record_exception=False)\`)`,
    );
  } else if (record_exception) bullets.push(`- On every failure path, ${record}`);
  if (error_type_attribute) {
    bullets.push(
      "- On failure, set `error.type` to the error's class or type name (low cardinality, never the message)",
    );
  }
  bullets.push('- Leave the status Unset on success: do not set it to Ok');
  return bullets;
}

/** What the value of a well-known attribute is, so an agent fills it the way the generator does. */
const ATTRIBUTE_VALUES: Record<string, string> = {
  'service.operation': 'the function name in snake_case, e.g. `process_payment`',
  'business.entity_id': 'the id parameter',
};

function describeAttribute(attribute: RequiredAttribute): string {
  const value = ATTRIBUTE_VALUES[attribute.name];
  const what = value ? `${code(attribute.name)} (${value})` : code(attribute.name);
  return attribute.when === 'always'
    ? `${what} on every span`
    : `${what} when the function takes an entity id`;
}

function attributeBullet(standards: Standards): string | null {
  const parts = standards.tracing.required_attributes.map(describeAttribute);
  const outcome = standards.tracing.outcome_attribute;
  if (outcome) parts.push(`${code(outcome)} = \`"success"\` on success`);
  return parts.length > 0 ? `- Add span attributes: ${list(parts)}` : null;
}

function tracingSection(standards: Standards): string[] {
  const { span_name_template } = standards.tracing;
  const service = standards.service.name;
  return [
    '### Tracing',
    scopeBullet(standards),
    `- Span names follow ${code(shape(span_name_template, service))} (e.g. ${code(example(span_name_template, service))}), written as constants`,
    '- End every span on every path: Go `defer span.End()` right after `tracer.Start`; TS/JS `span.end()` in `finally`; Python `with tracer.start_as_current_span(...)`',
    "- Start spans from the caller's context (a `context.Context` parameter, the request's context); never from `context.Background()`, which orphans the span",
    ...errorBullets(standards),
    ...[attributeBullet(standards)].filter((bullet): bullet is string => bullet !== null),
    '- Do not add a span where auto-instrumentation (otelhttp, an instrumented framework) already creates one at the same boundary',
  ];
}

function metricsSection(standards: Standards): string[] {
  const { name_template, required_attributes, require_handler_metrics, gauges } = standards.metrics;
  const service = standards.service.name;
  const { environment_variable, version_variable } = standards.service;
  const bullets = [
    '### Metrics',
    '- Use histograms for latency, counters for throughput, gauges for queue depth',
    `- Metric names follow ${code(shape(name_template, service))} (e.g. ${code(example(name_template, service))}); units go in the instrument's unit (UCUM: \`ms\`, \`s\`, \`By\`), not in the name; no \`_total\` suffix`,
  ];
  if (required_attributes.length > 0) {
    bullets.push(`- All metrics MUST include ${list(required_attributes.map(code))} attributes`);
  }
  bullets.push(
    `- Read the deployment environment from \`$${environment_variable}\` and the service version from \`$${version_variable}\` once at start-up`,
  );
  if (require_handler_metrics) {
    bullets.push('- Every request handler MUST record a request-duration histogram and a request counter');
  }
  for (const gauge of gauges)
    bullets.push(`- Observe ${code(gauge.source)} with a gauge named after ${code(gauge.name)}`);
  bullets.push(
    '- Create instruments once at module level from the global meter provider, never per call',
    '- Use current semantic-convention names: `http.request.method`, `http.route`, `http.response.status_code`, `error.type` (not `http.method`, `http.status_code`)',
  );
  return bullets;
}

function antiPatternsSection(standards: Standards): string[] {
  const { deny, allow } = standards.pii;
  const bullets = ['### Anti-patterns'];
  if (standards.tracing.loops.forbid_spans_in_loops) {
    bullets.push('- Do NOT create spans inside loops: put one span around the loop instead');
  }
  if (deny.length > 0) {
    const allowed =
      allow.length > 0 ? `; these attribute names are allowed anyway: ${allow.map(code).join(', ')}` : '';
    bullets.push(
      `- Do NOT add PII to spans or metrics: no attribute, and no value taken from a parameter, whose name contains any of the words ${deny.map(code).join(', ')}${allowed}`,
    );
  }
  bullets.push(
    '- Do NOT use string concatenation or formatting for span names: use constants',
    '- Do NOT use unbounded values (ids, emails, raw URLs or paths) as metric attributes',
    '- To leave a function uninstrumented on purpose, write `otelwright-ignore: <rule> <reason>` on or above it; the reason is required',
  );
  return bullets;
}

/** The `## OpenTelemetry Standards` section of AGENTS.md, ending with a newline. */
export function renderAgentsSection(standards: Standards): string {
  const blocks = [
    [
      '## OpenTelemetry Standards',
      '<!-- Rendered by otelwright from otelwright.yaml: edit that file, then run `otelwright init` again. -->',
    ],
    tracingSection(standards),
    metricsSection(standards),
    antiPatternsSection(standards),
  ];
  // A blank line after each heading, as Markdown formatters (Prettier, Biome) would leave it.
  const text = blocks.map(([heading, ...body]) => [heading, body.join('\n')].join('\n\n'));
  return `${text.join('\n\n')}\n`;
}
