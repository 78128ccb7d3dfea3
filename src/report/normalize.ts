// A saved report may hold only the seed's fields (a Codex run with the seed's schema wrote it) or nulls
// for absent values (a run with the strict schema). This fills every missing field with a default so
// the rest of the tool sees one shape: unknown positions are 0, unknown lists empty, counts recomputed.

import {
  type Finding,
  type FunctionRecord,
  GAP_TYPES,
  type Gap,
  type GapType,
  type ParseProblem,
  type Report,
  type SkippedFile,
  type SuppressionRecord,
} from '../audit/model.js';
import type { Language } from '../lang/facts.js';
import { SEVERITIES, type Severity } from '../standards/types.js';
import { GAP_RULE_IDS } from './rule-ids.js';

/** Each field may be missing or null; the schema has already checked the types of those present. */
type Saved<T> = { [K in keyof T]?: T[K] | null };

export type SavedGap = Saved<Gap> & Pick<Gap, 'file' | 'function' | 'gap_type' | 'severity'>;

export type SavedReport = Saved<Omit<Report, 'gaps'>> &
  Pick<Report, 'files_audited' | 'coverage_score'> & { gaps: SavedGap[] };

const EXTENSION_LANGUAGES: readonly [RegExp, Language][] = [
  [/\.go$/, 'go'],
  [/\.(ts|tsx|mts|cts)$/, 'typescript'],
  [/\.(js|jsx|mjs|cjs)$/, 'javascript'],
  [/\.(py|pyi)$/, 'python'],
];

/** The language a path's extension names; Go when it names none, as the seed's audit is of Go code. */
export function languageOfPath(file: string): Language {
  return EXTENSION_LANGUAGES.find(([pattern]) => pattern.test(file))?.[1] ?? 'go';
}

function normalizeGap(g: SavedGap): Gap {
  const line = g.line ?? 0;
  return {
    file: g.file,
    function: g.function,
    line,
    gap_type: g.gap_type,
    severity: g.severity,
    rationale: g.rationale ?? '',
    rule_id: g.rule_id ?? GAP_RULE_IDS[g.gap_type],
    column: g.column ?? 0,
    end_line: g.end_line ?? line,
    language: g.language ?? languageOfPath(g.file),
    suggested_span_name: g.suggested_span_name ?? null,
    details: g.details ?? [],
  };
}

function countBy<K extends string>(keys: readonly K[], values: readonly K[]): Record<K, number> {
  const counts = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const v of values) counts[v]++;
  return counts;
}

function summaryOf(
  gaps: readonly Gap[],
  findings: readonly Finding[],
  functions: readonly FunctionRecord[] | null,
): Report['summary'] {
  const findingsByRule: Record<string, number> = {};
  for (const f of findings) findingsByRule[f.rule_id] = (findingsByRule[f.rule_id] ?? 0) + 1;
  const counted = (functions ?? []).filter((f) => f.status !== 'suppressed');
  return {
    functions_counted: counted.length,
    functions_covered: counted.filter((f) => f.status === 'covered' || f.status === 'auto-instrumented')
      .length,
    gaps_by_severity: countBy<Severity>(
      SEVERITIES,
      gaps.map((g) => g.severity),
    ),
    gaps_by_type: countBy<GapType>(
      GAP_TYPES,
      gaps.map((g) => g.gap_type),
    ),
    findings_by_rule: findingsByRule,
    // Per-package scores need every function's checks, which a seed-only report does not carry.
    packages: [],
  };
}

export function normalizeReport(saved: SavedReport): Report {
  const gaps = saved.gaps.map(normalizeGap);
  const findings: Finding[] = saved.findings ?? [];
  const functions: FunctionRecord[] | null = saved.functions ?? null;
  const skipped: SkippedFile[] = saved.skipped ?? [];
  const parseErrors: ParseProblem[] = saved.parse_errors ?? [];
  const suppressed: SuppressionRecord[] = saved.suppressed ?? [];
  return {
    files_audited: saved.files_audited,
    gaps,
    coverage_score: saved.coverage_score,
    findings,
    summary: saved.summary ?? summaryOf(gaps, findings, functions),
    skipped,
    parse_errors: parseErrors,
    suppressed,
    functions,
    tool: saved.tool ?? { name: 'otelwright', version: 'unknown' },
  };
}
