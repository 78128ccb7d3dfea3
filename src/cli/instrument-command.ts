import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { GAP_TYPES, type GapType } from '../audit/model.js';
import type { InstrumentSummary } from '../instrument/run-instrument.js';
import { runInstrument } from '../instrument/run-instrument.js';
import { FIXABLE_GAP_TYPES } from '../instrument/select.js';
import { toolkits } from '../instrument/toolkits.js';
import { parseReport } from '../report/json.js';
import { SEVERITIES } from '../standards/types.js';
import { oneOf, parse } from './args.js';
import { AUDIT_OPTIONS, auditFlags } from './audit-command.js';
import { EXIT, UsageError } from './errors.js';

export const INSTRUMENT_HELP = `Usage: otelwright instrument [paths...] [options]

Write the missing OpenTelemetry instrumentation: a span (named by the standards) on each selected
function, error recording on every failure path, the required attributes. Then format (gofmt, the
project's Prettier/Biome or Black/Ruff), add the OpenTelemetry API dependency where missing, and validate
with the real toolchain once per package (go vet, tsc --noEmit, py_compile + the project's checker).
Files whose edits fail validation are restored byte for byte; the rest is kept.

Selection (default: critical and high gaps of every fixable type):
      --severity LEVEL      critical | high | medium | low: act on gaps at LEVEL or above (default high).
      --gap-type TYPES      comma-separated: missing_span, missing_error_recording, missing_attributes.
      --only FILE[:FUNC]    only this file, or this function (Function, Type.Method); repeatable.
      --report FILE         act on a saved JSON report's gaps (e.g. one produced by a Codex run).
Behaviour:
      --metrics             also scaffold request-duration histograms and request counters on request
                            handlers (missing_metric gaps), as 'otelwright metrics' does.
      --dry-run             print the unified diff and touch nothing.
      --no-validate         write without running the checkers (also when a toolchain is missing).
      --force               touch files with uncommitted changes (refused by default inside git); with
                            --metrics, also scaffold handlers auto-instrumentation already measures.
      --unsafe-fixes        allow rewrites that restructure code (e.g. splitting a Go tail-call return).
      --json                print the summary as JSON (for agents and scripts).
  -c, --config FILE, --no-cache, --cache-dir DIR, -j/--jobs N   as for audit.
  -h, --help

Exit codes: 0 done (skipped gaps are listed, with reasons); 1 some edits failed validation and were
rolled back; 2 usage or config error, uncommitted changes, or a missing toolchain (nothing written);
3 internal error (every touched file restored).
`;

const OPTIONS = {
  ...AUDIT_OPTIONS,
  'gap-type': { type: 'string' },
  only: { type: 'string', multiple: true },
  report: { type: 'string' },
  'dry-run': { type: 'boolean' },
  'no-validate': { type: 'boolean' },
  force: { type: 'boolean' },
  'unsafe-fixes': { type: 'boolean' },
  json: { type: 'boolean' },
  metrics: { type: 'boolean' },
} as const;

export const METRICS_HELP = `Usage: otelwright metrics [paths...] [options]

Scaffold request metrics on every request handler the audit finds (Go net/http, ServeHTTP, gin, echo,
chi and gorilla/mux; Express, Fastify, Koa, NestJS, Next.js; FastAPI, Flask, Django): a request-duration
histogram (unit s) and a request counter, created once per module from the global meter provider and
named by the standards' metric template (metrics.name_template, default <service>.<subsystem>.<metric>).
Each request is recorded with http.request.method, http.route (the registered route template, never the
raw path), http.response.status_code (the status the client really received), error.type on failure,
and the standards' required metric attributes, read once from the environment.
Where the standards name queues or pools (metrics.gauges), an observable gauge reading their depth is
added where each is created.
Same pipeline as instrument: format, add the API dependency, validate per package, restore what fails.

Options:
      --severity LEVEL      act on handlers at LEVEL or above (default high).
      --only FILE[:FUNC]    only this file, or this handler; repeatable.
      --report FILE         act on a saved JSON report's missing_metric gaps.
      --dry-run             print the unified diff and touch nothing.
      --no-validate         write without running the checkers.
      --force               also scaffold handlers whose HTTP server metrics auto-instrumentation (otelhttp,
                            the Node http instrumentation, the FastAPI/Flask/Django instrumentors) already
                            records (listed as skipped otherwise), and touch files with uncommitted changes.
      --json                print the summary as JSON.
  -c, --config FILE, --no-cache, --cache-dir DIR, -j/--jobs N   as for audit.
  -h, --help

Exit codes: 0 done (skipped handlers are listed, with reasons); 1 some edits failed validation and were
rolled back; 2 usage or config error, uncommitted changes, or a missing toolchain (nothing written);
3 internal error (every touched file restored).
`;

function gapTypes(value: string | undefined, metrics: boolean): GapType[] {
  const fixable: GapType[] = metrics ? [...FIXABLE_GAP_TYPES, 'missing_metric'] : [...FIXABLE_GAP_TYPES];
  if (!value) return fixable;
  return value.split(',').map((t) => {
    const type = t.trim() as GapType;
    if (!GAP_TYPES.includes(type))
      throw new UsageError(`--gap-type: unknown gap type "${t}" (allowed: ${GAP_TYPES.join(', ')})`);
    if (!fixable.includes(type)) {
      throw new UsageError(
        `--gap-type: ${type} is not written by instrument (${type === 'missing_metric' ? 'add --metrics, or use otelwright metrics' : 'no fixer'})`,
      );
    }
    return type;
  });
}

export function renderSummary(
  s: InstrumentSummary,
  command: 'instrument' | 'metrics' = 'instrument',
): string {
  const lines: string[] = [];
  const files = new Set(s.planned.map((p) => p.file)).size;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const gauges = s.planned.filter((p) => p.gauge !== undefined).length;
  const what =
    command === 'metrics'
      ? [plural(s.planned.length - gauges, 'handler'), ...(gauges > 0 ? [plural(gauges, 'gauge')] : [])].join(
          ' and ',
        )
      : plural(s.planned.length, 'function');
  lines.push(
    `otelwright ${command}: ${what} ${s.dryRun ? 'would be ' : ''}instrumented in ${plural(files, 'file')}${s.dryRun ? ' (dry run: nothing written)' : ''}`,
  );
  for (const p of s.planned) lines.push(`  + ${p.file}:${p.line}  ${p.function}  ${p.summary}`);
  for (const k of s.skipped)
    lines.push(
      `  - ${k.file}${k.line > 0 ? `:${k.line}` : ''}  ${k.function}  ${k.gauge !== undefined ? `gauge ${k.gauge}` : k.gapType} skipped: ${k.reason}`,
    );
  if (s.formatted.length > 0) lines.push(`Formatted: ${s.formatted.join('; ')}`);
  if (s.dependencies.length > 0) lines.push(`Dependencies: ${s.dependencies.join('; ')}`);
  for (const v of s.validation) {
    const notes = [
      v.restored.length > 0 ? `restored ${v.restored.map((r) => r.file).join(', ')}` : null,
      v.preexisting > 0
        ? `${v.preexisting} problem${v.preexisting === 1 ? '' : 's'} already there before our edits, ignored`
        : null,
    ].filter(Boolean);
    lines.push(
      `Validation: ${v.commands.join(' && ')}: ${v.ok ? 'ok' : 'FAILED'}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`,
    );
    for (const r of v.restored) lines.push(`  ${r.file}: ${r.message}`);
  }
  return `${lines.join('\n')}\n`;
}

export function instrumentCommand(argv: string[], cwd: string): Promise<number> {
  return runWriteCommand('instrument', argv, cwd);
}

export function metricsCommand(argv: string[], cwd: string): Promise<number> {
  return runWriteCommand('metrics', argv, cwd);
}

async function runWriteCommand(
  command: 'instrument' | 'metrics',
  argv: string[],
  cwd: string,
): Promise<number> {
  const { values, positionals } = parse(command, argv, OPTIONS);
  if (values.help) {
    process.stdout.write(command === 'metrics' ? METRICS_HELP : INSTRUMENT_HELP);
    return EXIT.ok;
  }
  if (command === 'metrics' && values['gap-type']) {
    throw new UsageError('metrics writes missing_metric gaps only; --gap-type belongs to instrument');
  }
  let reportGaps = null;
  if (values.report) {
    let text: string;
    try {
      text = readFileSync(resolve(cwd, values.report), 'utf8');
    } catch (err) {
      throw new UsageError(
        `cannot read report ${values.report} (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
    try {
      reportGaps = parseReport(text, values.report).gaps;
    } catch (err) {
      throw new UsageError(err instanceof Error ? err.message : String(err));
    }
  }
  const flags = auditFlags(values, positionals);
  const summary = await runInstrument({
    paths: flags.paths,
    cwd,
    configPath: flags.configPath,
    cacheDir: flags.cacheDir,
    jobs: flags.jobs,
    selection: {
      minSeverity: oneOf('severity', values.severity, SEVERITIES) ?? 'high',
      gapTypes:
        command === 'metrics' ? ['missing_metric'] : gapTypes(values['gap-type'], values.metrics === true),
      only: values.only ?? [],
    },
    reportGaps,
    dryRun: values['dry-run'] === true,
    validate: values['no-validate'] !== true,
    force: values.force === true,
    unsafe: values['unsafe-fixes'] === true,
    toolkits,
  });
  if (values.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else {
    if (summary.dryRun) process.stdout.write(summary.diff);
    process.stdout.write(renderSummary(summary, command));
  }
  return summary.validation.some((v) => v.restored.length > 0) ? EXIT.failed : EXIT.ok;
}
