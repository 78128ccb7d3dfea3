// Runs the real chain on one Go file, as `otelwright instrument` does for it: facts → audit → gap
// selection → plan → apply → gofmt. The golden tests, the runtime tests and the benchmark share it.
import { audit } from '../../../../audit/audit.js';
import type { Report } from '../../../../audit/model.js';
import { applyEdits } from '../../../../edit/apply-text.js';
import { FIXABLE_GAP_TYPES, selectGaps } from '../../../../instrument/select.js';
import type { PlanRequest, PlanResult, PlanTarget } from '../../../../instrument/types.js';
import { defaultStandards } from '../../../../standards/defaults.js';
import type { Standards } from '../../../../standards/types.js';
import type { FileFacts } from '../../../facts.js';
import { goAdapter } from '../../adapter.js';
import { goFormatter } from '../formatter.js';
import { planGo } from '../planner.js';

export interface InstrumentOptions {
  unsafe?: boolean;
  standards?: Standards;
  /** Import path of the package (the tracer's instrumentation scope). */
  scopeName?: string;
  /** Override the tracer placement (another file of the package declares it, say). */
  tracer?: PlanRequest['tracer'];
}

export interface Instrumented {
  text: string;
  plan: PlanResult;
  report: Report;
  facts: FileFacts;
}

const SPAN_NOT_ENDED = 'OTW103';

export function auditGo(
  path: string,
  text: string,
  standards: Standards,
): { facts: FileFacts; report: Report } {
  const facts = goAdapter.extractFacts({ path, text, language: 'go', packageHint: 'main', scopeHint: path });
  const report = audit({
    files: [facts],
    standards,
    externalAuto: [],
    skipped: [],
    parseErrors: [],
    service: 'shop',
    includeFunctions: false,
    toolVersion: 'golden',
  });
  return { facts, report };
}

/** Every gap of every severity the planner can fix, plus functions with a span that is not ended. */
export function targetsOf(facts: FileFacts, report: Report): PlanTarget[] {
  const gaps = selectGaps(report.gaps, { minSeverity: 'low', gapTypes: FIXABLE_GAP_TYPES, only: [] });
  const targets: PlanTarget[] = [];
  for (const fn of facts.functions) {
    const own = gaps.filter((g) => g.function === fn.qualifiedName && g.line === fn.line);
    const notEnded = report.findings.some(
      (f) =>
        f.rule_id === SPAN_NOT_ENDED &&
        f.function === fn.qualifiedName &&
        f.line >= fn.line &&
        f.line <= fn.endLine,
    );
    if (own.length > 0 || notEnded) targets.push({ fn, gaps: own });
  }
  return targets;
}

export function planFile(
  path: string,
  text: string,
  options: InstrumentOptions = {},
): { plan: PlanResult; facts: FileFacts; report: Report } {
  const standards = options.standards ?? defaultStandards();
  const { facts, report } = auditGo(path, text, standards);
  const existing = facts.tracerVariables[0] ?? null;
  const plan = planGo({
    path,
    text,
    facts,
    targets: targetsOf(facts, report),
    standards,
    service: 'shop',
    scopeName: options.scopeName ?? `example.com/shop/${facts.packageName}`,
    unsafe: options.unsafe ?? false,
    tracer: options.tracer ?? { existing, declareHere: existing === null, name: 'tracer' },
  });
  return { plan, facts, report };
}

export function instrumentGo(path: string, text: string, options: InstrumentOptions = {}): Instrumented {
  const { plan, facts, report } = planFile(path, text, options);
  const edited = applyEdits(path, text, plan.edits);
  const formatted = plan.edits.length > 0 ? goFormatter.format(path, edited, '.').text : edited;
  return { text: formatted, plan, report, facts };
}
