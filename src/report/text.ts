// The terminal view, laid out like ESLint's stylish formatter: problems grouped under their file, one
// aligned line each, then a summary. Colour is the caller's decision; alignment ignores escape codes.
import type { Report } from '../audit/model.js';
import { SEVERITIES, type Severity } from '../standards/types.js';
import { type Painter, painter, type Style } from './ansi.js';
import { formatScore } from './markdown.js';
import { oneLine } from './markdown-cells.js';

export interface TextOptions {
  color: boolean;
  /** Terminal columns: messages are cut to fit. Unlimited when absent. */
  width?: number;
}

/** Skipped files and parse errors listed one per line before "... and N more". */
const MAX_LISTED = 20;
const MIN_MESSAGE = 20;

const SEVERITY_STYLE: Record<Severity, Style[]> = {
  critical: ['bold', 'red'],
  high: ['red'],
  medium: ['yellow'],
  low: ['cyan'],
};

/** Plain comparison, not localeCompare: the order must not depend on the machine's locale. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface Row {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  kind: string;
  fn: string;
  message: string;
}

function rowsOf(report: Report): Row[] {
  const rows: Row[] = [
    ...report.gaps.map((g) => ({
      file: g.file,
      line: g.line,
      column: g.column,
      severity: g.severity,
      kind: g.gap_type,
      fn: g.function,
      message: g.rationale,
    })),
    ...report.findings.map((f) => ({
      file: f.file,
      line: f.line,
      column: f.column,
      severity: f.severity,
      kind: f.rule,
      fn: f.function ?? '(module)',
      message: f.message,
    })),
  ];
  return rows.sort((a, b) => cmp(a.file, b.file) || a.line - b.line || a.column - b.column);
}

function position(line: number, column: number): string {
  if (line < 1) return '-';
  return column >= 1 ? `${line}:${column}` : String(line);
}

function fileBlock(file: string, rows: readonly Row[], paint: Painter, width: number | undefined): string[] {
  const cols = rows.map((r) => [position(r.line, r.column), r.severity, r.kind, r.fn]);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...cols.map((c) => (c[i] ?? '').length)));
  const lines = [paint(file, 'underline')];
  rows.forEach((row, i) => {
    const [pos = '', sev = '', kind = '', fn = ''] = cols[i] ?? [];
    const prefixLength = 2 + widths.reduce((n, w) => n + w + 2, 0);
    const room = width === undefined ? Number.POSITIVE_INFINITY : Math.max(MIN_MESSAGE, width - prefixLength);
    lines.push(
      [
        '  ',
        paint(pos.padStart(widths[0] ?? 0), 'dim'),
        '  ',
        paint(sev.padEnd(widths[1] ?? 0), ...SEVERITY_STYLE[row.severity]),
        '  ',
        paint(kind.padEnd(widths[2] ?? 0), 'dim'),
        '  ',
        fn.padEnd(widths[3] ?? 0),
        '  ',
        oneLine(row.message, room),
      ]
        .join('')
        .trimEnd(),
    );
  });
  return lines;
}

function listed<T>(items: readonly T[], show: (item: T) => string): string[] {
  const lines = items.slice(0, MAX_LISTED).map((item) => `    ${show(item)}`);
  if (items.length > MAX_LISTED) lines.push(`    ... and ${items.length - MAX_LISTED} more`);
  return lines;
}

function bySeverity(counts: Record<Severity, number>, paint: Painter): string {
  const none: Style[] = ['dim'];
  return SEVERITIES.map((s) =>
    paint(`${counts[s]} ${s}`, ...(counts[s] > 0 ? SEVERITY_STYLE[s] : none)),
  ).join(', ');
}

function scoreStyle(score: number): Style[] {
  if (score >= 80) return ['bold', 'green'];
  return score >= 50 ? ['bold', 'yellow'] : ['bold', 'red'];
}

function summary(report: Report, paint: Painter): string[] {
  const { summary: s } = report;
  const names = new Map(report.findings.map((f) => [f.rule_id, f.rule]));
  const byRule = Object.entries(s.findings_by_rule)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => cmp(a, b))
    .map(([id, n]) => `${id}${names.has(id) ? ` ${names.get(id)}` : ''} ${n}`);
  const label = (text: string) => `  ${text.padEnd(16)}`;
  const lines = [
    `${label('files audited')}${report.files_audited}`,
    `${label('functions')}${s.functions_counted} counted, ${s.functions_covered} covered`,
    `${label('gaps')}${report.gaps.length}: ${bySeverity(s.gaps_by_severity, paint)}`,
    `${label('findings')}${report.findings.length}${byRule.length > 0 ? `: ${byRule.join(', ')}` : ''}`,
  ];
  if (report.suppressed.length > 0) lines.push(`${label('suppressed')}${report.suppressed.length}`);
  if (report.skipped.length > 0) {
    // Tests and generated files are skipped by design: count them; list only what a user may act on.
    const routine = (reason: string) => reason === 'test file' || reason.startsWith('generated');
    const counts = new Map<string, number>();
    for (const f of report.skipped) {
      const kind = routine(f.reason) ? (f.reason === 'test file' ? 'test files' : 'generated') : 'other';
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
    }
    const notable = report.skipped.filter((f) => !routine(f.reason));
    const w = Math.max(0, ...notable.slice(0, MAX_LISTED).map((f) => f.file.length));
    const breakdown = [...counts].map(([kind, n]) => `${n} ${kind}`).join(', ');
    lines.push(
      `${label('skipped')}${report.skipped.length} (${breakdown})`,
      ...listed(notable, (f) => `${f.file.padEnd(w)}  ${paint(f.reason, 'dim')}`),
    );
  }
  if (report.parse_errors.length > 0) {
    lines.push(
      `${label('parse errors')}${paint(String(report.parse_errors.length), 'yellow')}`,
      ...listed(report.parse_errors, (p) => `${p.file}:${position(p.line, p.column)}  ${p.message}`),
    );
  }
  lines.push(
    `${label('coverage score')}${paint(`${formatScore(report.coverage_score)} / 100`, ...scoreStyle(report.coverage_score))}`,
  );
  return lines;
}

function headline(report: Report, paint: Painter): string {
  const gaps = report.gaps.length;
  const findings = report.findings.length;
  if (gaps === 0 && findings === 0)
    return paint('✔ No instrumentation gaps or anti-patterns', 'bold', 'green');
  const worst =
    SEVERITIES.find(
      (sev) => report.summary.gaps_by_severity[sev] > 0 || report.findings.some((f) => f.severity === sev),
    ) ?? 'low';
  return paint(
    `✖ ${gaps} ${gaps === 1 ? 'gap' : 'gaps'} and ${findings} anti-pattern ${findings === 1 ? 'finding' : 'findings'}`,
    'bold',
    ...SEVERITY_STYLE[worst],
  );
}

export function toText(report: Report, opts: TextOptions): string {
  const paint = painter(opts.color);
  const byFile = new Map<string, Row[]>();
  for (const row of rowsOf(report)) byFile.set(row.file, [...(byFile.get(row.file) ?? []), row]);
  const lines: string[] = [];
  for (const [file, rows] of byFile) lines.push(...fileBlock(file, rows, paint, opts.width), '');
  lines.push(headline(report, paint), '', ...summary(report, paint));
  return `${lines.join('\n')}\n`;
}
