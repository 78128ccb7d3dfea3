// The coverage score: a weighted share of passed checks, in the spirit of the open Instrumentation Score
// spec (Σ passed·weight / Σ all·weight × 100). docs/score.md documents it with a worked example.
import type { Severity, Standards } from '../standards/types.js';
import type { CheckName, FunctionRecord, FunctionStatus } from './model.js';

export interface ScoredCheck {
  check: CheckName;
  passed: boolean;
}

export function weightOf(standards: Standards, severity: Severity): number {
  return standards.score.weights[severity];
}

export function counts(standards: Standards, severity: Severity): boolean {
  return standards.score.count_severities.includes(severity);
}

export function statusOf(
  checks: readonly ScoredCheck[],
  ownSpan: boolean,
  autoCovered: boolean,
): FunctionStatus {
  if (checks.every((c) => c.passed)) return ownSpan || !autoCovered ? 'covered' : 'auto-instrumented';
  if (!ownSpan && !autoCovered) return 'missing';
  return 'partial';
}

/** Score over function records; 100 when nothing is counted (nothing is missing). Rounded to one decimal. */
export function coverageScore(records: readonly FunctionRecord[]): number {
  let total = 0;
  let passed = 0;
  for (const r of records) {
    if (r.status === 'suppressed') continue;
    for (const c of r.checks) {
      total += c.weight;
      if (c.passed) passed += c.weight;
    }
  }
  if (total === 0) return 100;
  return Math.round((passed / total) * 1000) / 10;
}
