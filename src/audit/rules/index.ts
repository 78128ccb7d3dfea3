import type { Rule, RuleMeta } from '../rule.js';
import { deprecatedAttribute } from './deprecated-attribute.js';
import { dynamicSpanName } from './dynamic-span-name.js';
import { highCardinalityMetricAttribute } from './high-cardinality-metric-attribute.js';
import { metricInstrumentPerCall } from './metric-instrument-per-call.js';
import { missingAttributes } from './missing-attributes.js';
import { missingErrorRecording } from './missing-error-recording.js';
import { missingMetric } from './missing-metric.js';
import { missingSpan } from './missing-span.js';
import { orphanSpan } from './orphan-span.js';
import { piiAttribute } from './pii-attribute.js';
import { spanInLoop } from './span-in-loop.js';
import { spanNotEnded } from './span-not-ended.js';

/** The registry, in id order. */
export const RULES: readonly Rule[] = [
  missingSpan,
  missingErrorRecording,
  missingAttributes,
  missingMetric,
  spanInLoop,
  dynamicSpanName,
  spanNotEnded,
  piiAttribute,
  deprecatedAttribute,
  orphanSpan,
  highCardinalityMetricAttribute,
  metricInstrumentPerCall,
];

/** Reported by the engine itself when a suppression comment has no reason or names no known rule. */
export const INVALID_SUPPRESSION: RuleMeta = {
  id: 'OTW109',
  name: 'invalid-suppression',
  description: 'An otelwright-ignore comment has no reason, or names a rule that does not exist.',
  help: 'Suppressions are reviewed like code: say why the function needs no instrumentation (`otelwright-ignore: OTW001 health probe, traced by the mesh`). A suppression without a reason is not honoured.',
  kind: 'anti-pattern',
  gapType: null,
  defaultSeverity: 'low',
};

export const RULE_METAS: readonly RuleMeta[] = [...RULES.map((r) => r.meta), INVALID_SUPPRESSION];

/** Finds a rule by id (OTW001), name (missing-span) or gap type (missing_span). */
export function findRuleMeta(token: string): RuleMeta | undefined {
  const t = token.trim();
  return RULE_METAS.find((m) => m.id.toLowerCase() === t.toLowerCase() || m.name === t || m.gapType === t);
}
