// Test support: the real adapter and audit over an in-memory source, turned into the PlanRequest the
// instrument pipeline would build, so planner tests exercise exactly what a run does.
import { audit } from '../../../../audit/audit.js';
import type { Gap, Report } from '../../../../audit/model.js';
import { FIXABLE_GAP_TYPES, selectGaps } from '../../../../instrument/select.js';
import type { PlanRequest, PlanResult } from '../../../../instrument/types.js';
import { defaultStandards } from '../../../../standards/defaults.js';
import type { Severity, Standards } from '../../../../standards/types.js';
import type { FileFacts } from '../../../facts.js';
import { typescriptAdapter } from '../../adapter.js';
import { typescriptPlanner } from '../planner.js';

export interface PlanTextOptions {
  /** Path relative to the audit root; its extension picks the grammar. */
  path: string;
  packageName?: string;
  scopeName?: string;
  standards?: Standards;
  minSeverity?: Severity;
  unsafe?: boolean;
  /** Qualified names planned even when the audit reports no gap for them (skipped shapes). */
  force?: string[];
}

export function auditText(text: string, options: PlanTextOptions): { facts: FileFacts; report: Report } {
  const language = typescriptAdapter.languageOf(options.path);
  if (!language) throw new Error(`not a TypeScript/JavaScript path: ${options.path}`);
  const facts = typescriptAdapter.extractFacts({
    path: options.path,
    text,
    language,
    packageHint: options.packageName ?? 'app',
    scopeHint: options.scopeName ?? options.packageName ?? 'app',
  });
  const report = audit({
    files: [facts],
    standards: options.standards ?? defaultStandards(),
    externalAuto: [],
    skipped: [],
    parseErrors: [],
    service: 'app',
    includeFunctions: false,
    toolVersion: 'test',
  });
  return { facts, report };
}

export function planRequestFor(text: string, options: PlanTextOptions): PlanRequest {
  const standards = options.standards ?? defaultStandards();
  const { facts, report } = auditText(text, options);
  const selected = selectGaps(report.gaps, {
    minSeverity: options.minSeverity ?? 'high',
    gapTypes: FIXABLE_GAP_TYPES,
    only: [],
  });
  const forced: Gap[] = (options.force ?? []).flatMap((name) => {
    const fn = facts.functions.find((f) => f.qualifiedName === name);
    return fn ? [forcedGap(options.path, fn.qualifiedName, fn.line, facts.language)] : [];
  });
  const gaps = [...selected, ...forced];
  const targets = facts.functions
    .map((fn) => ({ fn, gaps: gaps.filter((g) => g.function === fn.qualifiedName && g.line === fn.line) }))
    .filter((t) => t.gaps.length > 0);
  const existing = facts.tracerVariables[0] ?? null;
  return {
    path: options.path,
    text,
    facts,
    targets,
    standards,
    service: 'app',
    scopeName: options.scopeName ?? options.packageName ?? 'app',
    unsafe: options.unsafe ?? false,
    tracer: { existing, declareHere: existing === null, name: existing ?? 'tracer' },
  };
}

function forcedGap(file: string, fn: string, line: number, language: FileFacts['language']): Gap {
  return {
    file,
    function: fn,
    line,
    gap_type: 'missing_span',
    severity: 'high',
    rationale: 'forced by the test',
    rule_id: 'OTW001',
    column: 1,
    end_line: line,
    language,
    suggested_span_name: `app.${fn.split('.').pop() ?? fn}`,
    details: [],
  };
}

export function planText(
  text: string,
  options: PlanTextOptions,
): { request: PlanRequest; result: PlanResult } {
  const request = planRequestFor(text, options);
  return { request, result: typescriptPlanner.plan(request) };
}
