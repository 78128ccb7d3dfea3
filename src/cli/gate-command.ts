import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Gap, Report } from '../audit/model.js';
import { parseReport } from '../report/json.js';
import { changedLineRanges, gitRoot } from '../workspace/git.js';
import { number, parse } from './args.js';
import { AUDIT_OPTIONS, auditFlags, runFromFlags, warnProblems } from './audit-command.js';
import { EXIT, UsageError } from './errors.js';

export const GATE_HELP = `Usage: otelwright gate [paths...] --min-coverage N [options]

Fail CI when OpenTelemetry coverage is not good enough. Audits the paths (or reads --report), then
checks, in order: the score against --min-coverage; the score against a --baseline report; and, with
--changed-since, whether functions changed since a git ref have critical or high gaps.
Prints one line: why it passed or why it failed.

Options:
      --min-coverage N    fail when coverage_score is below N (0..100).
      --baseline FILE     fail when coverage_score dropped below the baseline report's by more than --max-drop.
      --max-drop N        tolerated drop against the baseline, in points (default 0).
      --changed-since REF fail when a function changed since REF (git diff REF) has a critical or high gap.
      --report FILE       gate on a saved JSON report instead of auditing.
  -c, --config FILE       standards file (default: otelwright.yaml found from here upwards).
      --no-cache, --cache-dir DIR, -j/--jobs N   as for audit.
  -h, --help              this help.

Examples:
  otelwright gate --min-coverage 80
  otelwright gate --baseline reports/main.json --changed-since origin/main
  otelwright audit -o r.json && otelwright gate --report r.json --min-coverage 80

Exit codes: 0 passed; 1 failed (the line says why); 2 usage or config error (bad flag, unreadable or
malformed report, unknown git ref); 3 internal error.
`;

const GATE_OPTIONS = {
  ...AUDIT_OPTIONS,
  'min-coverage': { type: 'string' },
  baseline: { type: 'string' },
  'max-drop': { type: 'string' },
  'changed-since': { type: 'string' },
  report: { type: 'string' },
} as const;

function readReport(path: string, cwd: string, what: string): Report {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, path), 'utf8');
  } catch (err) {
    throw new UsageError(
      `cannot read ${what} ${path} (${(err as NodeJS.ErrnoException).code ?? 'error'}): pass a JSON report written by otelwright audit -o FILE`,
    );
  }
  try {
    return parseReport(text, path);
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

function overlaps(gap: Gap, ranges: readonly { start: number; end: number }[]): boolean {
  const end = gap.end_line ?? gap.line;
  return ranges.some((r) => r.start <= end && r.end >= gap.line);
}

export function changedGaps(report: Report, changed: Map<string, { start: number; end: number }[]>): Gap[] {
  return report.gaps.filter(
    (g) => (g.severity === 'critical' || g.severity === 'high') && overlaps(g, changed.get(g.file) ?? []),
  );
}

export async function gateCommand(argv: string[], cwd: string): Promise<number> {
  const { values, positionals } = parse('gate', argv, GATE_OPTIONS);
  if (values.help) {
    process.stdout.write(GATE_HELP);
    return EXIT.ok;
  }
  const minCoverage = number('min-coverage', values['min-coverage'], 0, 100);
  const maxDrop = number('max-drop', values['max-drop'], 0, 100) ?? 0;
  if (minCoverage === undefined && !values.baseline && !values['changed-since']) {
    throw new UsageError(
      'gate needs at least one of --min-coverage N, --baseline FILE or --changed-since REF (see: otelwright gate --help)',
    );
  }
  if (values.report && positionals.length > 0) {
    throw new UsageError('pass either paths to audit or --report FILE, not both');
  }
  const baseline = values.baseline ? readReport(values.baseline, cwd, 'baseline report') : null;

  let report: Report;
  let root = cwd;
  if (values.report) {
    report = readReport(values.report, cwd, 'report');
    root = gitRoot(cwd) ?? cwd;
  } else {
    const run = await runFromFlags(auditFlags(values, positionals), cwd);
    report = run.report;
    root = run.root;
    warnProblems(report);
  }
  const score = report.coverage_score;

  const failures: string[] = [];
  if (minCoverage !== undefined && score < minCoverage) {
    failures.push(`coverage ${score} is below the minimum ${minCoverage}`);
  }
  if (baseline && score < baseline.coverage_score - maxDrop) {
    failures.push(
      `coverage dropped from ${baseline.coverage_score} (baseline ${values.baseline}) to ${score}`,
    );
  }
  if (values['changed-since']) {
    let changed: Map<string, { start: number; end: number }[]>;
    try {
      changed = changedLineRanges(root, values['changed-since']);
    } catch (err) {
      throw new UsageError(err instanceof Error ? err.message : String(err));
    }
    const bad = changedGaps(report, changed);
    if (bad.length > 0) {
      const first = bad[0] as Gap;
      failures.push(
        `${bad.length} critical/high gap${bad.length === 1 ? '' : 's'} in code changed since ${values['changed-since']} (first: ${first.file}:${first.line} ${first.function} ${first.gap_type})`,
      );
    }
  }

  if (failures.length > 0) {
    process.stdout.write(`otelwright gate: FAILED: ${failures.join('; ')}\n`);
    return EXIT.failed;
  }
  const checks = [
    minCoverage !== undefined ? `minimum ${minCoverage}` : null,
    baseline ? `baseline ${baseline.coverage_score}` : null,
    values['changed-since'] ? `no critical/high gaps changed since ${values['changed-since']}` : null,
  ].filter(Boolean);
  process.stdout.write(`otelwright gate: passed: coverage ${score} (${checks.join(', ')})\n`);
  return EXIT.ok;
}
