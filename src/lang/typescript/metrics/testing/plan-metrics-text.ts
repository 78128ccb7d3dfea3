// Test support: the real adapter and audit over an in-memory source, turned into the PlanRequest the
// instrument pipeline's metrics pass builds (targets = handlers with a missing_metric gap). Other files of
// the project (an app mounting the file's router) take part in the handler resolution, as in a run: the
// routes are the audit's, prefixes of mounts anywhere included.
import { functionKey, resolveHandlers } from '../../../../audit/handlers.js';
import type { PlanRequest, PlanResult } from '../../../../instrument/types.js';
import { defaultStandards } from '../../../../standards/defaults.js';
import { typescriptAdapter } from '../../adapter.js';
import { auditText, type PlanTextOptions } from '../../instrument/testing/plan-text.js';
import { typescriptMetricsPlanner } from '../planner.js';

export function metricsRequestFor(
  text: string,
  options: PlanTextOptions,
  files: Record<string, string> = {},
): PlanRequest {
  const { facts, report } = auditText(text, options);
  const gaps = report.gaps.filter((g) => g.gap_type === 'missing_metric');
  const others = Object.entries(files).flatMap(([path, source]) => {
    const language = typescriptAdapter.languageOf(path);
    if (!language) return [];
    return [
      typescriptAdapter.extractFacts({
        path,
        text: source,
        language,
        packageHint: options.packageName ?? 'app',
        scopeHint: options.scopeName ?? options.packageName ?? 'app',
      }),
    ];
  });
  const resolved = others.length > 0 ? resolveHandlers([facts, ...others]) : null;
  const targets = facts.functions
    .map((fn) => {
      const handler = resolved?.get(functionKey(facts, fn))?.handler ?? fn.handler;
      return {
        fn: handler === fn.handler ? fn : { ...fn, handler },
        gaps: gaps.filter((g) => g.function === fn.qualifiedName && g.line === fn.line),
      };
    })
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
  files: Record<string, string> = {},
): { request: PlanRequest; result: PlanResult } {
  const request = metricsRequestFor(text, options, files);
  return { request, result: typescriptMetricsPlanner.plan(request) };
}
