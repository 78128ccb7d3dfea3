// The JSON Schema (draft 2020-12) of otelwright.yaml: the file as people write it, where every key is
// optional and leaving one out keeps its default. `Standards` in types.ts is the result after defaults
// are filled in and shorthands normalised. The published copy is schemas/otelwright.schema.json (editors
// use it for completion), kept identical by schema.test.ts.
import { SEVERITIES } from './types.js';

/** Placeholders a span-name template may use, in the order the docs list them. */
export const SPAN_NAME_PLACEHOLDERS = ['package', 'type', 'function', 'service'] as const;
/** Placeholders a metric-name template may use. */
export const METRIC_NAME_PLACEHOLDERS = ['service', 'subsystem', 'metric'] as const;

/** `OTW101` or `span-in-loop`: which rule names exist is the rule registry's business. */
export const RULE_KEY_PATTERN = '^(OTW[0-9]{3}|[a-z][a-z0-9]*(-[a-z0-9]+)+)$';

export type JsonSchema = { readonly [key: string]: unknown };

/** A mapping of fixed keys. An empty section (`tracing:` with nothing under it) means "all defaults". */
function section(description: string, properties: Record<string, JsonSchema>): JsonSchema {
  return { description, type: ['object', 'null'], additionalProperties: false, properties };
}

function flag(description: string): JsonSchema {
  return { description, type: 'boolean' };
}

function text(description: string): JsonSchema {
  return { description, type: 'string', minLength: 1 };
}

function textList(description: string, itemDescription: string): JsonSchema {
  return { description, type: 'array', items: text(itemDescription) };
}

function severity(description: string): JsonSchema {
  return { description, type: 'string', enum: [...SEVERITIES] };
}

function weight(level: string): JsonSchema {
  return {
    description: `Weight of a ${level} check in the score. Must be greater than 0.`,
    type: 'number',
    exclusiveMinimum: 0,
  };
}

export const standardsSchema: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'otelwright.yaml',
  description:
    "A team's OpenTelemetry standards. The audit judges code against them, generated code obeys them and the AGENTS.md section is rendered from them. Every key is optional: a key left out keeps its default.",
  type: 'object',
  additionalProperties: false,
  properties: {
    version: { description: 'Format version of this file. Only 1 exists.', const: 1 },
    service: section('The service the code belongs to.', {
      name: {
        description:
          'Service name used for `{service}` in metric and span names. Null (the default) derives it from the project: go.mod module, package.json name, or the directory name.',
        type: ['string', 'null'],
        minLength: 1,
      },
      environment_variable: text(
        'Environment variable the SDK bootstrap reads the `environment` metric attribute from.',
      ),
      version_variable: text('Environment variable the SDK bootstrap reads `service.version` from.'),
    }),
    tracing: section('What spans look like and which functions need one.', {
      span_name_template: text(
        'Span name pattern. Placeholders: {package} {type} {function} {service}; {function} is required. Default `{package}.{function}` gives `orders.ProcessPayment`.',
      ),
      required_attributes: {
        description:
          'Attributes every new span must carry. An item is an attribute name (set on every span) or { name, when }.',
        type: 'array',
        items: {
          anyOf: [
            text('Attribute name, set on every span (same as { name: ..., when: always }).'),
            {
              description: 'Attribute name and when it is required.',
              type: 'object',
              additionalProperties: false,
              required: ['name'],
              properties: {
                name: text('Attribute name, e.g. `business.entity_id`.'),
                when: {
                  description:
                    '`always` (the default): every span. `id_parameter`: only when the function takes an id-like parameter (orderID, order_id, userId...).',
                  type: 'string',
                  enum: ['always', 'id_parameter'],
                },
              },
            },
          ],
        },
      },
      outcome_attribute: {
        description: 'Attribute set on success, e.g. `business.outcome` = "success". Null for none.',
        type: ['string', 'null'],
        minLength: 1,
      },
      error_policy: section('What happens on a failure path (a returned error, a throw, a raise).', {
        record_exception: flag(
          "Record the error: Go span.RecordError, JS span.recordException; Python's context manager already does it.",
        ),
        set_status: flag('Set span status to Error (the OpenTelemetry conventions require it on failure).'),
        error_type_attribute: flag(
          'Set the low-cardinality `error.type` attribute (the exception class name) on failure.',
        ),
      }),
      helpers: section('Which small or private functions are left alone.', {
        report_unexported: flag(
          'Report unexported/private functions that do I/O, as low-severity gaps. False ignores them.',
        ),
        min_statements: {
          description: 'Functions with fewer statements than this that do no I/O are helpers, never gaps.',
          type: 'integer',
          minimum: 0,
        },
      }),
      loops: section('Spans and loops.', {
        forbid_spans_in_loops: flag('Report a span started inside a loop body (rule OTW101).'),
      }),
    }),
    metrics: section('What metrics look like and which code needs them.', {
      name_template: text(
        'Metric name pattern. Placeholders: {service} {subsystem} {metric}; {metric} is required. Units belong in the instrument, not the name.',
      ),
      required_attributes: textList(
        'Attributes every metric recording must carry.',
        'Attribute name, e.g. `environment` or `service.version`.',
      ),
      require_handler_metrics: flag(
        'Request handlers must record a duration histogram and a request counter (rule OTW004).',
      ),
      gauges: {
        description: 'Queues or pools to observe with a gauge.',
        type: 'array',
        items: {
          description: 'One gauge to scaffold.',
          type: 'object',
          additionalProperties: false,
          required: ['name', 'source'],
          properties: {
            name: text('Metric name part for {metric}, e.g. `queue_depth`.'),
            source: text('The queue or pool as it appears in code, e.g. `s.jobs` or `pool.size`.'),
          },
        },
      },
    }),
    pii: section('Data that must never reach telemetry.', {
      deny: textList(
        'Words that mark an attribute or parameter as personal data, matched as whole words (`email` matches `customer.email` and `customerEmail`). The list replaces the default one.',
        'A word or snake_case phrase, e.g. `email` or `card_number`.',
      ),
      allow: textList(
        'Full attribute names allowed even when they contain a denied word.',
        'An attribute name, e.g. `server.address`.',
      ),
    }),
    score: section('How coverage_score is computed.', {
      count_severities: {
        description: 'Severities whose checks count toward coverage_score.',
        type: 'array',
        minItems: 1,
        uniqueItems: true,
        items: severity('A severity.'),
      },
      weights: section('Weight of each severity in the score (Σ passed weight / Σ weight × 100).', {
        critical: weight('critical'),
        high: weight('high'),
        medium: weight('medium'),
        low: weight('low'),
      }),
    }),
    rules: {
      description:
        'Per-rule switches, keyed by rule id (OTW101) or name (span-in-loop): `off`, `on`, `false`, `true`, or { enabled, severity }.',
      type: ['object', 'null'],
      propertyNames: { pattern: RULE_KEY_PATTERN },
      additionalProperties: {
        anyOf: [
          { description: '`off` disables the rule, `on` enables it.', type: 'string', enum: ['off', 'on'] },
          { description: '`false` disables the rule, `true` enables it.', type: 'boolean' },
          {
            description: 'The rule switched and its severity overridden.',
            type: 'object',
            additionalProperties: false,
            properties: {
              enabled: flag('False disables the rule. Default true.'),
              severity: {
                description: "Severity of what the rule reports; null keeps the rule's own.",
                type: ['string', 'null'],
                enum: [...SEVERITIES, null],
              },
            },
          },
        ],
      },
    },
    include: textList(
      'Globs of files to audit, relative to the audit root (the git top level). Empty means every file. A glob without `/` matches a file or directory name at any depth.',
      'A glob: `**` any directories, `*` any characters but `/`, `?` one character, `{a,b}` either.',
    ),
    exclude: textList(
      'Globs of files never to audit, relative to the audit root. A glob that matches a directory excludes everything under it.',
      'A glob, e.g. `**/*.pb.go` or `internal/legacy`.',
    ),
  },
};
