// The team's standards, as read from otelwright.yaml with every default filled in. One object drives
// the audit, the generated code and the AGENTS.md section, so the three cannot disagree.

export type Severity = 'critical' | 'high' | 'medium' | 'low';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

export interface RequiredAttribute {
  name: string;
  /** `always`: every span; `id_parameter`: only when the function takes an id-like parameter. */
  when: 'always' | 'id_parameter';
}

export interface Standards {
  version: 1;
  service: {
    /** `{service}` in metric names; null means derive it from the project (go.mod, package.json, directory). */
    name: string | null;
    /** Value of the `environment` metric attribute when not read from the environment at run time. */
    environment_variable: string;
    version_variable: string;
  };
  tracing: {
    /** Placeholders: {package} {type} {function} {service}. Seed default `{package}.{function}`. */
    span_name_template: string;
    required_attributes: RequiredAttribute[];
    /** Attribute set on success (`business.outcome`), or null for none. */
    outcome_attribute: string | null;
    error_policy: {
      /** Call RecordError / recordException / record_exception on failure paths. */
      record_exception: boolean;
      /** Set status Error on failure paths (always required by the OpenTelemetry conventions). */
      set_status: boolean;
      /** Set the `error.type` attribute on failure paths. */
      error_type_attribute: boolean;
    };
    /** Which functions the audit asks to trace. */
    helpers: {
      /** Unexported/private functions that do I/O: reported as `low` gaps when true, ignored when false. */
      report_unexported: boolean;
      /** Functions with fewer statements than this and no I/O are helpers, never gaps. */
      min_statements: number;
    };
    loops: {
      /** Report a span started inside a loop body (anti-pattern OTW101). */
      forbid_spans_in_loops: boolean;
    };
  };
  metrics: {
    /** Placeholders: {service} {subsystem} {metric}. Seed default `{service}.{subsystem}.{metric}`. */
    name_template: string;
    required_attributes: string[];
    /** Request handlers must have a duration histogram and a request counter. */
    require_handler_metrics: boolean;
    /** Queues or pools to observe with a gauge (issue 4); names as they appear in code. */
    gauges: { name: string; source: string }[];
  };
  /** Attribute names or parameter names that must never reach telemetry; matched as whole words. */
  pii: {
    deny: string[];
    allow: string[];
  };
  score: {
    /** Severities whose checks count toward coverage_score. */
    count_severities: Severity[];
    weights: Record<Severity, number>;
  };
  /** Per-rule switches: `OTW101: off` or `OTW001: { severity: high }`. Keys are rule ids or names. */
  rules: Record<string, { enabled: boolean; severity: Severity | null }>;
  include: string[];
  exclude: string[];
}
