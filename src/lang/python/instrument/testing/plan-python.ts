// Test support: the real adapter and audit over an in-memory Python source, turned into the PlanRequest
// the instrument pipeline builds, then the plan applied and formatted: what a run would write.
import { audit } from '../../../../audit/audit.js';
import type { Gap, Report } from '../../../../audit/model.js';
import { applyEdits } from '../../../../edit/apply-text.js';
import { FIXABLE_GAP_TYPES, selectGaps } from '../../../../instrument/select.js';
import type { PlanRequest, PlanResult, PlanTarget } from '../../../../instrument/types.js';
import { defaultStandards } from '../../../../standards/defaults.js';
import type { Severity, Standards } from '../../../../standards/types.js';
import type { FileFacts } from '../../../facts.js';
import { pythonAdapter } from '../../adapter.js';
import { pythonPlanner } from '../planner.js';

export interface PlanPythonOptions {
  path?: string;
  packageName?: string;
  standards?: Standards;
  /** Lowest severity acted on; goldens use `low` so every fixable gap is exercised. */
  minSeverity?: Severity;
  /** Qualified names given a missing_span gap even when the audit reports none (shapes the planner must skip). */
  force?: string[];
}

export function auditPython(
  text: string,
  options: PlanPythonOptions = {},
): { facts: FileFacts; report: Report } {
  const path = options.path ?? 'app/module.py';
  const packageName = options.packageName ?? 'app';
  const facts = pythonAdapter.extractFacts({
    path,
    text,
    language: 'python',
    packageHint: packageName,
    scopeHint: packageName,
  });
  const report = audit({
    files: [facts],
    standards: options.standards ?? defaultStandards(),
    externalAuto: [],
    skipped: [],
    parseErrors: [],
    service: packageName,
    includeFunctions: false,
    toolVersion: 'test',
  });
  return { facts, report };
}

export function planRequestFor(text: string, options: PlanPythonOptions = {}): PlanRequest {
  const standards = options.standards ?? defaultStandards();
  const { facts, report } = auditPython(text, options);
  const gaps = selectGaps(report.gaps, {
    minSeverity: options.minSeverity ?? 'low',
    gapTypes: FIXABLE_GAP_TYPES,
    only: [],
  });
  const targets: PlanTarget[] = [];
  for (const fn of facts.functions) {
    const own = gaps.filter((g) => g.function === fn.qualifiedName && g.line === fn.line);
    if (own.length === 0 && options.force?.includes(fn.qualifiedName))
      own.push(forcedGap(facts, fn.qualifiedName, fn.line, options.packageName ?? 'app'));
    if (own.length > 0) targets.push({ fn, gaps: own });
  }
  const existing = facts.tracerVariables[0] ?? null;
  return {
    path: facts.path,
    text,
    facts,
    targets,
    standards,
    service: options.packageName ?? 'app',
    scopeName: options.packageName ?? 'app',
    unsafe: false,
    tracer: { existing, declareHere: existing === null, name: existing ?? 'tracer' },
  };
}

function forcedGap(facts: FileFacts, name: string, line: number, packageName: string): Gap {
  return {
    file: facts.path,
    function: name,
    line,
    gap_type: 'missing_span',
    severity: 'high',
    rationale: 'forced by the test',
    rule_id: 'OTW001',
    column: 1,
    end_line: line,
    language: 'python',
    suggested_span_name: `${packageName}.${name.split('.').pop()}`,
    details: [],
  };
}

export function planPython(
  text: string,
  options: PlanPythonOptions = {},
): { result: PlanResult; text: string } {
  const request = planRequestFor(text, options);
  const result = pythonPlanner.plan(request);
  return { result, text: applyEdits(request.path, text, result.edits) };
}
