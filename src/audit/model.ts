// The one report model. Its field names are the JSON report's (the seed's snake_case schema plus our
// extra fields), so the JSON writer is a straight serialisation and every other format reads the same data.
import type { Language } from '../lang/facts.js';
import type { Severity } from '../standards/types.js';

export type GapType = 'missing_span' | 'missing_error_recording' | 'missing_attributes' | 'missing_metric';
export const GAP_TYPES: readonly GapType[] = [
  'missing_span',
  'missing_error_recording',
  'missing_attributes',
  'missing_metric',
];

/** A missing piece of instrumentation (the seed's `gaps[]` item, with extra fields). */
export interface Gap {
  file: string;
  function: string;
  line: number;
  gap_type: GapType;
  severity: Severity;
  rationale: string;
  rule_id: string;
  column: number;
  end_line: number;
  language: Language;
  /** Span name the standards ask for, for missing_span gaps; null otherwise. */
  suggested_span_name: string | null;
  /** Attribute keys the span lacks (missing_attributes) or failure lines (missing_error_recording). */
  details: string[];
}

/** Something instrumented the wrong way (anti-patterns), reported beside the gaps. */
export interface Finding {
  rule_id: string;
  rule: string;
  file: string;
  function: string | null;
  line: number;
  column: number;
  severity: Severity;
  message: string;
  language: Language;
}

export type FunctionStatus = 'covered' | 'partial' | 'missing' | 'auto-instrumented' | 'suppressed';

/** One function the score counts (`--all`), so the denominator is visible. */
export interface FunctionRecord {
  file: string;
  function: string;
  line: number;
  language: Language;
  status: FunctionStatus;
  severity: Severity;
  /** Each check with its weight: the score is Σ passed weight / Σ weight. */
  checks: { check: CheckName; passed: boolean; weight: number }[];
}

export type CheckName = 'span' | 'error_recording' | 'attributes' | 'metric';

export interface SkippedFile {
  file: string;
  reason: string;
}

export interface ParseProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface SuppressionRecord {
  file: string;
  function: string;
  line: number;
  rule: string | null;
  reason: string;
}

export interface Report {
  files_audited: number;
  gaps: Gap[];
  coverage_score: number;
  findings: Finding[];
  summary: {
    functions_counted: number;
    functions_covered: number;
    gaps_by_severity: Record<Severity, number>;
    gaps_by_type: Record<GapType, number>;
    findings_by_rule: Record<string, number>;
    /** Per package (directory) score, for the Markdown table. */
    packages: {
      package: string;
      language: Language;
      functions: number;
      gaps: number;
      coverage_score: number;
    }[];
  };
  skipped: SkippedFile[];
  parse_errors: ParseProblem[];
  suppressed: SuppressionRecord[];
  /** Present with --all. */
  functions: FunctionRecord[] | null;
  tool: { name: 'otelwright'; version: string };
}
