import type { FileFacts, FunctionFacts } from '../lang/facts.js';
import type { Severity, Standards } from '../standards/types.js';
import type { Finding, Gap, GapType } from './model.js';

/** What every rule declares about itself: reports (SARIF `rules[]`, docs, `--help`) read this. */
export interface RuleMeta {
  /** Citable id: OTW001... */
  id: string;
  /** kebab-case name: missing-span... */
  name: string;
  /** One sentence: what the rule checks. */
  description: string;
  /** Why it matters, for SARIF `help` and docs. */
  help: string;
  /** gap rules feed the seed's `gaps[]`; anti-pattern rules feed `findings[]`. */
  kind: 'gap' | 'anti-pattern';
  gapType: GapType | null;
  defaultSeverity: Severity;
}

/** Everything a rule may look at for one function. */
export interface FunctionContext {
  file: FileFacts;
  fn: FunctionFacts;
  standards: Standards;
  /** Traffic-impact severity of the function, or null when it is not counted (helpers, trivial...). */
  severity: Severity | null;
  /** Why the function is counted and how severe, in one clause (`an exported method that does I/O and returns an error`). */
  why: string;
  /** Auto-instrumentation that already covers this function's server boundary, if any. */
  coveredBy: { library: string; spans: boolean; metrics: boolean } | null;
  /** Metric gaps are wanted even where auto-instrumentation records server metrics (`metrics --force`). */
  metricsOverAuto?: boolean;
  /** Span name the standards ask for. */
  suggestedSpanName: string;
}

export type RuleOutput = { gaps: Gap[]; findings: Finding[] };

export interface Rule {
  meta: RuleMeta;
  /** Pure: facts and standards in, gaps/findings out. */
  check(ctx: FunctionContext): RuleOutput;
}
