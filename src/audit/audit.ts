// From facts to the report: classify each function, run every rule, honour suppressions, score. Pure:
// no disk, no clock, so the same facts and standards always give the same report.
import type { AutoInstrumentation, FileFacts, FunctionFacts, Language } from '../lang/facts.js';
import { SEVERITIES, type Severity, type Standards } from '../standards/types.js';
import { compareStrings } from '../util/compare.js';
import { isWithin } from '../workspace/projects.js';
import { type Coverage, coverageFor, familyOf } from './auto-coverage.js';
import { canFail, classify } from './classify.js';
import { functionKey, resolveHandlers } from './handlers.js';
import {
  type CheckName,
  type Finding,
  type FunctionRecord,
  GAP_TYPES,
  type Gap,
  type GapType,
  type ParseProblem,
  type Report,
  type SkippedFile,
  type SuppressionRecord,
} from './model.js';
import type { FunctionContext, Rule, RuleMeta } from './rule.js';
import { findRuleMeta, INVALID_SUPPRESSION, RULES } from './rules/index.js';
import { counts, coverageScore, type ScoredCheck, statusOf, weightOf } from './score.js';
import { suggestedSpanName } from './span-name.js';

export interface AuditInput {
  files: readonly FileFacts[];
  standards: Standards;
  /** Auto-instrumentation configured outside source (Dockerfile `opentelemetry-instrument`, NODE_OPTIONS), with the file that sets it up. */
  externalAuto: readonly { language: Language; auto: AutoInstrumentation; file: string }[];
  /**
   * The project (directory of the nearest go.mod, package.json, pyproject.toml...) of a root-relative
   * path; auto-instrumentation covers its own project only. Default: one project for everything.
   */
  projectOf?: (path: string, language: Language) => string;
  skipped: readonly SkippedFile[];
  parseErrors: readonly ParseProblem[];
  /** `{service}` for names; derived by the caller from the standards or the project. */
  service: string;
  includeFunctions: boolean;
  toolVersion: string;
  /**
   * Report missing request metrics on handlers whose server metrics auto-instrumentation already records
   * (`metrics --force`); by default those handlers have no metric gap.
   */
  metricsOverAuto?: boolean;
}

interface RuleSetting {
  rule: Rule;
  severity: Severity | null;
}

function ruleSettings(standards: Standards): RuleSetting[] {
  const byId = new Map<string, { enabled: boolean; severity: Severity | null }>();
  for (const [key, value] of Object.entries(standards.rules)) {
    const meta = findRuleMeta(key);
    if (meta) byId.set(meta.id, value);
  }
  return RULES.filter((r) => byId.get(r.meta.id)?.enabled !== false).map((rule) => ({
    rule,
    severity: byId.get(rule.meta.id)?.severity ?? null,
  }));
}

function suppresses(rule: string | null, meta: RuleMeta): boolean {
  if (rule === null) return true;
  const found = findRuleMeta(rule);
  return (
    found !== undefined && (found.id === meta.id || (found.gapType === meta.gapType && meta.gapType !== null))
  );
}

const CHECK_OF: Record<GapType, CheckName> = {
  missing_span: 'span',
  missing_error_recording: 'error_recording',
  missing_attributes: 'attributes',
  missing_metric: 'metric',
};

function byLocation<T extends { file: string; line: number; column: number }>(idOf: (t: T) => string) {
  return (a: T, b: T) =>
    compareStrings(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    compareStrings(idOf(a), idOf(b));
}

/**
 * The auto-instrumentation covering each function's server boundary: a function's own marker, else the
 * family's instrumentation set up in its own project (Go middleware wrapping the mux that routes to it,
 * Node/Python process-wide instrumentation).
 */
export function autoCoverage(
  input: Pick<AuditInput, 'files' | 'externalAuto' | 'projectOf'>,
  handlers: ReturnType<typeof resolveHandlers> = resolveHandlers(input.files),
): (file: FileFacts, fn: FunctionFacts) => Coverage | null {
  const projectOf = input.projectOf ?? (() => '');
  const scopedAutos: { family: string; scope: string; auto: AutoInstrumentation }[] = [];
  for (const f of input.files) {
    for (const auto of f.autoInstrumentation) {
      scopedAutos.push({ family: familyOf(f.language), scope: projectOf(f.path, f.language), auto });
    }
  }
  for (const e of input.externalAuto) {
    scopedAutos.push({ family: familyOf(e.language), scope: projectOf(e.file, e.language), auto: e.auto });
  }
  const autosByFile = new Map<FileFacts, AutoInstrumentation[]>();
  const autosFor = (file: FileFacts) => {
    let autos = autosByFile.get(file);
    if (!autos) {
      const project = projectOf(file.path, file.language);
      const family = familyOf(file.language);
      autos = scopedAutos.filter((a) => a.family === family && isWithin(project, a.scope)).map((a) => a.auto);
      autosByFile.set(file, autos);
    }
    return autos;
  };
  return (file, fn) => {
    const resolved = handlers.get(functionKey(file, fn));
    const withRoute: FunctionFacts = resolved ? { ...fn, handler: resolved.handler } : fn;
    return coverageOf(withRoute, autosFor(file), resolved?.wrapped ?? false);
  };
}

export function audit(input: AuditInput): Report {
  const { standards } = input;
  const settings = ruleSettings(standards);
  const handlers = resolveHandlers(input.files);
  const coverage = autoCoverage(input, handlers);

  const gaps: Gap[] = [];
  const findings: Finding[] = [];
  const records: FunctionRecord[] = [];
  const suppressed: SuppressionRecord[] = [];

  for (const file of input.files) {
    for (const original of file.functions) {
      const resolved = handlers.get(functionKey(file, original));
      const fn: FunctionFacts = resolved ? { ...original, handler: resolved.handler } : original;
      const coveredBy = coverage(file, original);
      const { severity, why } = classify(file, fn, standards);
      const ctx: FunctionContext = {
        file,
        fn,
        standards,
        severity,
        why,
        coveredBy,
        metricsOverAuto: input.metricsOverAuto === true,
        suggestedSpanName: suggestedSpanName(standards, file, fn, input.service),
      };

      const valid = fn.suppressions.filter(
        (s) => s.reason.length > 0 && (s.rule === null || findRuleMeta(s.rule)),
      );
      for (const s of fn.suppressions) {
        if (valid.includes(s)) {
          suppressed.push({
            file: file.path,
            function: fn.qualifiedName,
            line: s.line,
            rule: s.rule,
            reason: s.reason,
          });
          continue;
        }
        const problem =
          s.reason.length === 0
            ? 'has no reason; say why the function needs no instrumentation'
            : `names unknown rule "${s.rule}"`;
        findings.push({
          rule_id: INVALID_SUPPRESSION.id,
          rule: INVALID_SUPPRESSION.name,
          file: file.path,
          function: fn.qualifiedName,
          line: s.line,
          column: 1,
          severity: INVALID_SUPPRESSION.defaultSeverity,
          message: `This otelwright-ignore ${problem}; it is not honoured.`,
          language: file.language,
        });
      }
      const isSuppressed = (meta: RuleMeta) => valid.some((s) => suppresses(s.rule, meta));

      const fnGaps: Gap[] = [];
      const suppressedChecks = new Set<CheckName>();
      for (const { rule, severity: override } of settings) {
        const out = rule.check(ctx);
        if (isSuppressed(rule.meta)) {
          if (rule.meta.gapType) suppressedChecks.add(CHECK_OF[rule.meta.gapType]);
          continue;
        }
        for (const g of out.gaps) fnGaps.push(override ? { ...g, severity: override } : g);
        for (const f of out.findings) findings.push(override ? { ...f, severity: override } : f);
      }
      gaps.push(...fnGaps);

      if (!severity || !counts(standards, severity)) continue;
      const wholeFunctionSuppressed = suppressedChecks.has('span');
      const failing = new Set(fnGaps.map((g) => CHECK_OF[g.gap_type]));
      const ownSpan = fn.spans.length > 0;
      const traced = ownSpan || (coveredBy?.spans ?? false);
      // Error recording and attributes live on a span: without one they fail too.
      const needsSpan = (c: CheckName) => c === 'error_recording' || c === 'attributes';
      const checks = checksFor(file, fn, coveredBy, standards)
        .filter((c) => !suppressedChecks.has(c))
        .map(
          (check): ScoredCheck => ({ check, passed: !failing.has(check) && (traced || !needsSpan(check)) }),
        );
      const record: FunctionRecord = {
        file: file.path,
        function: fn.qualifiedName,
        line: fn.line,
        language: file.language,
        status: wholeFunctionSuppressed ? 'suppressed' : statusOf(checks, ownSpan, coveredBy?.spans ?? false),
        severity,
        checks: checks.map((c) => ({ ...c, weight: weightOf(standards, severity) })),
      };
      records.push(record);
    }
  }

  gaps.sort(byLocation<Gap>((g) => g.rule_id));
  findings.sort(byLocation<Finding>((f) => f.rule_id));
  records.sort(
    (a, b) => compareStrings(a.file, b.file) || a.line - b.line || compareStrings(a.function, b.function),
  );

  return {
    files_audited: input.files.length,
    gaps,
    coverage_score: coverageScore(records),
    findings,
    summary: summarise(input.files, gaps, findings, records),
    skipped: [...input.skipped].sort((a, b) => compareStrings(a.file, b.file)),
    parse_errors: [...input.parseErrors].sort((a, b) => compareStrings(a.file, b.file) || a.line - b.line),
    suppressed: suppressed.sort((a, b) => compareStrings(a.file, b.file) || a.line - b.line),
    functions: input.includeFunctions ? records : null,
    tool: { name: 'otelwright', version: input.toolVersion },
  };
}

function coverageOf(
  fn: FunctionFacts,
  autos: readonly AutoInstrumentation[],
  wrapped: boolean,
): Coverage | null {
  if (fn.autoInstrumented) {
    const a = fn.autoInstrumented;
    return { library: a.library, spans: a.covers.serverSpans, metrics: a.covers.serverMetrics };
  }
  if (!fn.handler) return null;
  if (wrapped) {
    const wrapper = autos.find((a) => a.covers.serverSpans && coverageFor([a], fn.handler!.framework));
    return {
      library: wrapper?.library ?? 'otelhttp',
      spans: true,
      metrics: wrapper?.covers.serverMetrics ?? true,
    };
  }
  return coverageFor(autos, fn.handler.framework);
}

/**
 * The checks a counted function is scored on. Span-dependent checks exist whether or not a span does, so
 * adding a correct span only ever raises the score.
 */
function checksFor(
  file: FileFacts,
  fn: FunctionFacts,
  coveredBy: Coverage | null,
  standards: Standards,
): CheckName[] {
  const checks: CheckName[] = ['span'];
  const autoOnly = (coveredBy?.spans ?? false) && fn.spans.length === 0;
  if (!autoOnly && (canFail(file, fn) || fn.spans.some((s) => s.failureExitLines.length > 0)))
    checks.push('error_recording');
  if (!autoOnly) checks.push('attributes');
  if (fn.handler && !fn.handler.delegates && standards.metrics.require_handler_metrics) checks.push('metric');
  return checks;
}

function summarise(
  files: readonly FileFacts[],
  gaps: readonly Gap[],
  findings: readonly Finding[],
  records: readonly FunctionRecord[],
): Report['summary'] {
  const gapsBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const gapsByType = Object.fromEntries(GAP_TYPES.map((t) => [t, 0])) as Record<GapType, number>;
  for (const g of gaps) {
    gapsBySeverity[g.severity]++;
    gapsByType[g.gap_type]++;
  }
  const findingsByRule: Record<string, number> = {};
  for (const f of findings) findingsByRule[f.rule_id] = (findingsByRule[f.rule_id] ?? 0) + 1;

  const packageOf = (path: string) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '.');
  const languageOf = new Map(files.map((f) => [f.path, f.language]));
  const packages = new Map<string, { language: Language; records: FunctionRecord[]; gaps: number }>();
  const entry = (path: string) => {
    const key = packageOf(path);
    const e = packages.get(key) ?? { language: languageOf.get(path) ?? 'go', records: [], gaps: 0 };
    packages.set(key, e);
    return e;
  };
  for (const r of records) entry(r.file).records.push(r);
  for (const g of gaps) entry(g.file).gaps++;
  return {
    functions_counted: records.filter((r) => r.status !== 'suppressed').length,
    functions_covered: records.filter((r) => r.status === 'covered' || r.status === 'auto-instrumented')
      .length,
    gaps_by_severity: gapsBySeverity,
    gaps_by_type: gapsByType,
    findings_by_rule: Object.fromEntries(
      Object.entries(findingsByRule).sort(([a], [b]) => compareStrings(a, b)),
    ),
    packages: [...packages.entries()]
      .sort(([a], [b]) => compareStrings(a, b))
      .map(([pkg, e]) => ({
        package: pkg,
        language: e.language,
        functions: e.records.filter((r) => r.status !== 'suppressed').length,
        gaps: e.gaps,
        coverage_score: coverageScore(e.records),
      })),
  };
}
