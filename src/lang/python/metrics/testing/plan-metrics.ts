// Test support: the real adapter and audit over an in-memory Python source, its missing_metric gaps
// turned into the metrics PlanRequest the pipeline builds, and the plan applied: what a run would write.
// Other files of the project (a Django `urls.py`) take part in the handler resolution, as in a run.
import { functionKey, resolveHandlers } from '../../../../audit/handlers.js';
import { applyEdits } from '../../../../edit/apply-text.js';
import type { PlanResult } from '../../../../instrument/types.js';
import { defaultStandards } from '../../../../standards/defaults.js';
import { pythonAdapter } from '../../adapter.js';
import { auditPython } from '../../instrument/testing/plan-python.js';
import { pythonMetricsPlanner } from '../planner.js';

export interface CaseOptions {
  path: string;
  packageName: string;
  /** Drop the routes the adapter resolved, as when the pipeline finds no registration. */
  unresolvedRoutes?: boolean;
  /** Other files of the project by path (`orders/urls.py`), for the routes they register. */
  files?: Record<string, string>;
}

export function planMetrics(text: string, options: CaseOptions): { result: PlanResult; text: string } {
  const { facts, report } = auditPython(text, options);
  const others = Object.entries(options.files ?? {}).map(([path, source]) =>
    pythonAdapter.extractFacts({
      path,
      text: source,
      language: 'python',
      packageHint: options.packageName,
      scopeHint: options.packageName,
    }),
  );
  const resolved = resolveHandlers([facts, ...others]);
  const targets = facts.functions.flatMap((fn) => {
    const gaps = report.gaps.filter(
      (g) => g.gap_type === 'missing_metric' && g.function === fn.qualifiedName && g.line === fn.line,
    );
    if (gaps.length === 0) return [];
    const found = resolved.get(functionKey(facts, fn))?.handler ?? fn.handler;
    const handler = found && options.unresolvedRoutes ? { ...found, route: null } : found;
    return [{ fn: { ...fn, handler }, gaps }];
  });
  const result = pythonMetricsPlanner.plan({
    path: facts.path,
    text,
    facts,
    targets,
    standards: defaultStandards(),
    service: 'shop',
    scopeName: options.packageName,
    unsafe: false,
    tracer: { existing: null, declareHere: false, name: 'tracer' },
  });
  return { result, text: applyEdits(facts.path, text, result.edits) };
}
