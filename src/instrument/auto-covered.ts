// Handlers whose HTTP server metrics auto-instrumentation (otelhttp, the Node http instrumentation,
// FastAPI/Flask/Django instrumentors...) already records have no metric gap: `metrics` says so and adds
// nothing, unless --force asks for otelwright's own instruments as well.
import { audit, autoCoverage } from '../audit/audit.js';
import type { Gap } from '../audit/model.js';
import type { AuditRun } from '../engine/run-audit.js';
import { type Selection, selectGaps } from './select.js';

export interface AutoCoveredHandler {
  /** The gap OTW004 reports when the auto-instrumentation is disregarded. */
  gap: Gap;
  /** The library that records the handler's server metrics. */
  library: string;
}

const keyOf = (g: Gap) => `${g.file}\0${g.function}\0${g.line}`;

/** The selected handlers that miss metrics of their own only because auto-instrumentation records them. */
export function autoCoveredHandlers(run: AuditRun, selection: Selection): AutoCoveredHandler[] {
  const input = run.auditInput;
  if (!input) return [];
  const reported = new Set(run.report.gaps.filter((g) => g.gap_type === 'missing_metric').map(keyOf));
  const forced = audit({ ...input, includeFunctions: false, metricsOverAuto: true }).gaps.filter(
    (g) => g.gap_type === 'missing_metric' && !reported.has(keyOf(g)),
  );
  const selected = selectGaps(forced, selection);
  if (selected.length === 0) return [];
  const coverage = autoCoverage(input);
  const filesByPath = new Map(input.files.map((f) => [f.path, f]));
  return selected.map((gap) => {
    const file = filesByPath.get(gap.file);
    const fn = file?.functions.find((f) => f.qualifiedName === gap.function && f.line === gap.line);
    const library = file && fn ? coverage(file, fn)?.library : undefined;
    return { gap, library: library ?? 'auto-instrumentation' };
  });
}

export function autoCoveredReason(library: string): string {
  return `${library} already records this handler's HTTP server metrics: nothing added (pass --force to add otelwright's instruments as well)`;
}
