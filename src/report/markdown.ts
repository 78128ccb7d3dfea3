// The pull-request comment: the score, the counts, the worst gaps, the weakest packages and the most
// frequent anti-patterns. Bounded whatever the report size (about 55 lines at the defaults), far under
// GitHub's 65,536-character comment limit; a <details> note says what was left out.
import type { Finding, Report } from '../audit/model.js';
import { SEVERITIES, type Severity } from '../standards/types.js';
import { codeCell, textCell } from './markdown-cells.js';
import { severityRank, worstFirst } from './severity.js';

export interface MarkdownOptions {
  /** Rows in the worst-gaps table (default 10). */
  maxGaps?: number;
}

const MAX_PACKAGES = 10;
const MAX_RULES = 8;

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function formatScore(score: number): string {
  return String(Math.round(score * 10) / 10);
}

function bySeverity(counts: Record<Severity, number>): string {
  return SEVERITIES.filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${s}`)
    .join(', ');
}

function countsLine(report: Report): string {
  const { summary } = report;
  const gaps = report.gaps.length;
  const parts = [
    gaps === 0 ? '**No gaps**' : `**${plural(gaps, 'gap')}** (${bySeverity(summary.gaps_by_severity)})`,
    `**${plural(report.findings.length, 'anti-pattern finding')}**`,
    `${plural(report.files_audited, 'file')} audited`,
    `${summary.functions_covered} of ${plural(summary.functions_counted, 'counted function')} covered`,
  ];
  if (report.skipped.length > 0) parts.push(`${plural(report.skipped.length, 'file')} skipped`);
  if (report.parse_errors.length > 0) parts.push(plural(report.parse_errors.length, 'parse error'));
  return parts.join(' · ');
}

function table(header: string[], rows: string[][]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
}

function gapSection(report: Report, maxGaps: number): { lines: string[]; left: string | null } {
  if (report.gaps.length === 0) return { lines: [], left: null };
  const shown = worstFirst(report.gaps).slice(0, maxGaps);
  const rows = shown.map((g) => [
    g.severity,
    codeCell(g.line > 0 ? `${g.file}:${g.line}` : g.file),
    codeCell(g.function),
    codeCell(g.gap_type),
    textCell(g.rationale),
  ]);
  const rest = worstFirst(report.gaps).slice(maxGaps);
  const counts = Object.fromEntries(
    SEVERITIES.map((s) => [s, rest.filter((g) => g.severity === s).length]),
  ) as Record<Severity, number>;
  return {
    lines: ['### Worst gaps', '', ...table(['Severity', 'Location', 'Function', 'Gap', 'Why'], rows), ''],
    left: rest.length === 0 ? null : `${plural(rest.length, 'more gap')} (${bySeverity(counts)})`,
  };
}

function packageSection(report: Report): { lines: string[]; left: string | null } {
  const packages = report.summary.packages;
  if (packages.length === 0) return { lines: [], left: null };
  const weakest = [...packages].sort((a, b) => a.coverage_score - b.coverage_score || b.gaps - a.gaps);
  const rows = weakest
    .slice(0, MAX_PACKAGES)
    .map((p) => [
      codeCell(p.package),
      p.language,
      String(p.functions),
      String(p.gaps),
      formatScore(p.coverage_score),
    ]);
  const rest = packages.length - rows.length;
  return {
    lines: [
      '### Packages with the lowest scores',
      '',
      ...table(['Package', 'Language', 'Functions', 'Gaps', 'Score'], rows),
      '',
    ],
    left: rest === 0 ? null : plural(rest, 'more package'),
  };
}

interface RuleGroup {
  id: string;
  name: string;
  count: number;
  first: Finding;
  worst: Severity;
}

function ruleGroups(findings: readonly Finding[]): RuleGroup[] {
  const groups = new Map<string, RuleGroup>();
  for (const f of findings) {
    const group = groups.get(f.rule_id) ?? {
      id: f.rule_id,
      name: f.rule,
      count: 0,
      first: f,
      worst: f.severity,
    };
    group.count++;
    if (severityRank(f.severity) < severityRank(group.worst)) group.worst = f.severity;
    groups.set(f.rule_id, group);
  }
  return [...groups.values()].sort(
    (a, b) => b.count - a.count || severityRank(a.worst) - severityRank(b.worst) || (a.id < b.id ? -1 : 1),
  );
}

function findingSection(report: Report): { lines: string[]; left: string | null } {
  const groups = ruleGroups(report.findings);
  if (groups.length === 0) return { lines: [], left: null };
  const shown = groups.slice(0, MAX_RULES);
  const rows = shown.map((g) => [
    `${g.id} ${textCell(g.name)}`,
    g.worst,
    String(g.count),
    `${codeCell(`${g.first.file}:${g.first.line}`)} ${textCell(g.first.message, 120)}`,
  ]);
  const rest = groups.slice(MAX_RULES);
  const restFindings = rest.reduce((n, g) => n + g.count, 0);
  return {
    lines: ['### Anti-patterns', '', ...table(['Rule', 'Severity', 'Findings', 'First'], rows), ''],
    left:
      rest.length === 0
        ? null
        : `${plural(rest.length, 'more rule')} with anti-patterns (${plural(restFindings, 'finding')})`,
  };
}

export function toMarkdown(report: Report, opts: MarkdownOptions = {}): string {
  const sections = [gapSection(report, opts.maxGaps ?? 10), packageSection(report), findingSection(report)];
  const left = sections.map((s) => s.left).filter((l): l is string => l !== null);
  const lines = [
    `## OpenTelemetry coverage: ${formatScore(report.coverage_score)} / 100`,
    '',
    countsLine(report),
    '',
  ];
  for (const s of sections) lines.push(...s.lines);
  if (left.length > 0) {
    lines.push(
      '<details><summary>Not shown in this comment</summary>',
      '',
      ...left.map((l) => `- ${l}`),
      '',
      'Every gap and finding is in the JSON and SARIF reports (`otelwright audit -f json`, `-f sarif`).',
      '',
      '</details>',
      '',
    );
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
