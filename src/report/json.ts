// The JSON report: the seed's fields first, then ours, every property present (null when absent) so
// the output satisfies the strict schema as well as the seed's. Key order is fixed here; item order
// is the audit's.
import type { Finding, FunctionRecord, Gap, Report } from '../audit/model.js';
import { GAP_TYPES } from '../audit/model.js';
import { SEVERITIES } from '../standards/types.js';
import { normalizeReport, type SavedReport } from './normalize.js';
import { ANTI_PATTERN_RULE_IDS } from './rule-ids.js';
import { describeSchemaError, reportValidators } from './schemas.js';

function orderedGap(g: Gap): Gap {
  return {
    file: g.file,
    function: g.function,
    line: g.line,
    gap_type: g.gap_type,
    severity: g.severity,
    rationale: g.rationale,
    rule_id: g.rule_id,
    column: g.column,
    end_line: g.end_line,
    language: g.language,
    suggested_span_name: g.suggested_span_name,
    details: [...g.details],
  };
}

function orderedFinding(f: Finding): Finding {
  return {
    rule_id: f.rule_id,
    rule: f.rule,
    file: f.file,
    function: f.function,
    line: f.line,
    column: f.column,
    severity: f.severity,
    message: f.message,
    language: f.language,
  };
}

function orderedFunction(r: FunctionRecord): FunctionRecord {
  return {
    file: r.file,
    function: r.function,
    line: r.line,
    language: r.language,
    status: r.status,
    severity: r.severity,
    checks: r.checks.map((c) => ({ check: c.check, passed: c.passed, weight: c.weight })),
  };
}

/**
 * Every anti-pattern rule gets a count, 0 when it found nothing: the strict schema cannot describe an
 * open map, so it lists the rules. Counts for any other key follow unchanged.
 */
function findingsByRule(counts: Record<string, number>): Record<string, number> {
  const all: Record<string, number> = {};
  for (const id of ANTI_PATTERN_RULE_IDS) all[id] = counts[id] ?? 0;
  for (const [id, n] of Object.entries(counts)) if (!(id in all)) all[id] = n;
  return all;
}

function orderedSummary(s: Report['summary']): Report['summary'] {
  return {
    functions_counted: s.functions_counted,
    functions_covered: s.functions_covered,
    gaps_by_severity: Object.fromEntries(
      SEVERITIES.map((k) => [k, s.gaps_by_severity[k]]),
    ) as Report['summary']['gaps_by_severity'],
    gaps_by_type: Object.fromEntries(
      GAP_TYPES.map((k) => [k, s.gaps_by_type[k]]),
    ) as Report['summary']['gaps_by_type'],
    findings_by_rule: findingsByRule(s.findings_by_rule),
    packages: s.packages.map((p) => ({
      package: p.package,
      language: p.language,
      functions: p.functions,
      gaps: p.gaps,
      coverage_score: p.coverage_score,
    })),
  };
}

function orderedReport(r: Report): Report {
  return {
    files_audited: r.files_audited,
    gaps: r.gaps.map(orderedGap),
    coverage_score: r.coverage_score,
    findings: r.findings.map(orderedFinding),
    summary: orderedSummary(r.summary),
    skipped: r.skipped.map((s) => ({ file: s.file, reason: s.reason })),
    parse_errors: r.parse_errors.map((p) => ({
      file: p.file,
      line: p.line,
      column: p.column,
      message: p.message,
    })),
    suppressed: r.suppressed.map((s) => ({
      file: s.file,
      function: s.function,
      line: s.line,
      rule: s.rule,
      reason: s.reason,
    })),
    functions: r.functions === null ? null : r.functions.map(orderedFunction),
    tool: { name: r.tool.name, version: r.tool.version },
  };
}

export function toJson(report: Report): string {
  return `${JSON.stringify(orderedReport(report), null, 2)}\n`;
}

/**
 * Reads a saved report (a `gate --baseline`, an `instrument --report`). Accepts our own output, a
 * seed-only report and a strict-schema report with nulls; names the file, the JSON pointer and what was
 * expected when the text is none of these.
 */
export function parseReport(text: string, sourceName: string): Report {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new Error(`${sourceName}: not valid JSON (${(err as Error).message})`);
  }
  const { base, strict } = reportValidators();
  // The seed's schema types `line` and `rationale` without null; a strict-schema run may write null there.
  if (!base(value) && !strict(value)) {
    const first = base.errors?.[0];
    throw new Error(
      `${sourceName}: ${first ? describeSchemaError(first) : 'does not match the report schema'}`,
    );
  }
  return normalizeReport(value as SavedReport);
}
