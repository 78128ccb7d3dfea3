import { availableParallelism } from 'node:os';
import type { Report } from '../audit/model.js';
import { RULE_METAS } from '../audit/rules/index.js';
import { type AuditRun, runAudit } from '../engine/run-audit.js';
import { TOOL_VERSION } from '../engine/version.js';
import { renderReport } from '../report/index.js';
import { SEVERITIES, type Severity } from '../standards/types.js';
import { number, oneOf, parse } from './args.js';
import { EXIT } from './errors.js';
import { emit, useColor } from './output.js';

export const FORMATS = ['text', 'json', 'sarif', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

export const AUDIT_HELP = `Usage: otelwright audit [paths...] [options]

Find OpenTelemetry instrumentation gaps (missing spans, error recording, attributes, handler metrics)
and anti-patterns in Go, TypeScript/JavaScript and Python code. Paths default to the current directory.
Tests, generated code, vendor/ and node_modules/ are skipped; .gitignore is respected inside git.

Options:
  -f, --format FORMAT     text | json | sarif | markdown. Default: from --output's extension
                          (.json, .sarif, .md, .txt), else text.
  -o, --output FILE       write the report to FILE (atomically) instead of stdout.
      --severity LEVEL    show only gaps and findings at LEVEL or above: critical | high | medium | low.
                          The coverage score always counts everything the standards count.
      --fail-on LEVEL     exit 1 when a gap at LEVEL or above is shown.
  -c, --config FILE       standards file (default: otelwright.yaml found from here upwards).
      --all               add functions[]: every function the score counts, with its status.
      --no-cache          do not read or write the facts cache.
      --cache-dir DIR     facts cache location (default: <root>/.otelwright_cache).
  -j, --jobs N            worker threads for parsing (default: the number of CPUs).
  -q, --quiet             no summary line on stderr.
  -h, --help              this help.

Examples:
  otelwright audit                                  # the current repository, as a table
  otelwright audit services/orders --severity high  # only what should be fixed first
  otelwright audit -o reports/otel-gaps.json        # the seed's JSON schema (schemas/otel-audit.schema.json)
  otelwright audit -o otel.sarif                    # for GitHub code scanning
  otelwright audit -f markdown > comment.md         # a PR comment

Exit codes: 0 the audit ran (gaps or not); 1 --fail-on matched; 2 usage or config error; 3 internal error.
`;

export const AUDIT_OPTIONS = {
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  severity: { type: 'string' },
  'fail-on': { type: 'string' },
  config: { type: 'string', short: 'c' },
  all: { type: 'boolean' },
  'no-cache': { type: 'boolean' },
  'cache-dir': { type: 'string' },
  jobs: { type: 'string', short: 'j' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const;

const BY_EXTENSION: Record<string, Format> = {
  '.json': 'json',
  '.sarif': 'sarif',
  '.md': 'markdown',
  '.txt': 'text',
};

export function formatFor(explicit: string | undefined, output: string | undefined): Format {
  const chosen = oneOf('format', explicit, FORMATS);
  if (chosen) return chosen;
  const ext = output?.match(/(\.[a-z]+)$/i)?.[1]?.toLowerCase();
  return (ext && BY_EXTENSION[ext]) || 'text';
}

export function atOrAbove(severity: Severity, min: Severity): boolean {
  return SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(min);
}

/** The report as shown: gaps and findings below `min` left out; score and summary untouched. */
export function filterReport(report: Report, min: Severity | undefined): Report {
  if (!min) return report;
  return {
    ...report,
    gaps: report.gaps.filter((g) => atOrAbove(g.severity, min)),
    findings: report.findings.filter((f) => atOrAbove(f.severity, min)),
  };
}

export interface AuditFlags {
  paths: string[];
  configPath: string | null;
  cacheDir: string | null | undefined;
  jobs: number;
  all: boolean;
}

export interface AuditFlagValues {
  jobs?: string;
  config?: string;
  'no-cache'?: boolean;
  'cache-dir'?: string;
  all?: boolean;
}

export function auditFlags(values: AuditFlagValues, positionals: string[]): AuditFlags {
  const jobs = number('jobs', values.jobs, 1, 64) ?? Math.max(1, availableParallelism());
  return {
    paths: positionals,
    configPath: values.config ?? null,
    cacheDir: values['no-cache'] ? null : values['cache-dir'],
    jobs: Math.floor(jobs),
    all: values.all === true,
  };
}

export function runFromFlags(flags: AuditFlags, cwd: string): Promise<AuditRun> {
  return runAudit({
    paths: flags.paths,
    cwd,
    configPath: flags.configPath,
    cacheDir: flags.cacheDir,
    jobs: flags.jobs,
    includeFunctions: flags.all,
  });
}

/** Problems the user must see even when the report goes to a file: files that did not parse. */
export function warnProblems(report: Report): void {
  for (const p of report.parse_errors) {
    process.stderr.write(`otelwright: ${p.file}:${p.line}:${p.column}: ${p.message}\n`);
  }
}

export async function auditCommand(argv: string[], cwd: string): Promise<number> {
  const { values, positionals } = parse('audit', argv, AUDIT_OPTIONS);
  if (values.help) {
    process.stdout.write(AUDIT_HELP);
    return EXIT.ok;
  }
  const format = formatFor(values.format, values.output);
  const minSeverity = oneOf('severity', values.severity, SEVERITIES);
  const failOn = oneOf('fail-on', values['fail-on'], SEVERITIES);
  const flags = auditFlags(values, positionals);

  const run = await runFromFlags(flags, cwd);
  const shown = filterReport(run.report, minSeverity);
  const toTerminal = !values.output || values.output === '-';
  const text = renderReport(shown, format, {
    rules: [...RULE_METAS],
    toolVersion: TOOL_VERSION,
    color: format === 'text' && toTerminal && useColor(process.stdout),
  });
  emit(text, values.output, cwd);
  warnProblems(run.report);
  if (!values.quiet && (!toTerminal || format !== 'text')) {
    const s = run.report.summary;
    process.stderr.write(
      `otelwright: ${run.report.files_audited} files, ${s.functions_counted} functions counted, ${run.report.gaps.length} gaps, ${run.report.findings.length} findings, coverage ${run.report.coverage_score}${values.output && values.output !== '-' ? ` → ${values.output}` : ''}\n`,
    );
  }
  if (failOn && shown.gaps.some((g) => atOrAbove(g.severity, failOn))) return EXIT.failed;
  return EXIT.ok;
}
