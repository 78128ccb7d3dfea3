// Test support: the real adapter and audit over an in-memory source, turned into the PlanRequest the
// instrument pipeline's metrics pass builds (targets = handlers with a missing_metric gap).
import type { PlanRequest, PlanResult } from '../../../../instrument/types.js';
import { defaultStandards } from '../../../../standards/defaults.js';
import { auditText, type PlanTextOptions } from '../../instrument/testing/plan-text.js';
import { typescriptMetricsPlanner } from '../planner.js';

export function metricsRequestFor(text: string, options: PlanTextOptions): PlanRequest {
  const { facts, report } = auditText(text, options);
  const gaps = report.gaps.filter((g) => g.gap_type === 'missing_metric');
  const targets = facts.functions
    .map((fn) => ({ fn, gaps: gaps.filter((g) => g.function === fn.qualifiedName && g.line === fn.line) }))
    .filter((t) => t.gaps.length > 0);
  const existing = facts.tracerVariables[0] ?? null;
  return {
    path: options.path,
    text,
    facts,
    targets,
    standards: options.standards ?? defaultStandards(),
    service: 'app',
    scopeName: options.scopeName ?? options.packageName ?? 'app',
    unsafe: false,
    tracer: { existing, declareHere: false, name: existing ?? 'tracer' },
  };
}

export function planMetricsText(
  text: string,
  options: PlanTextOptions,
): { request: PlanRequest; result: PlanResult } {
  const request = metricsRequestFor(text, options);
  return { request, result: typescriptMetricsPlanner.plan(request) };
}
