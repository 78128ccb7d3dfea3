import { RULE_METAS } from '../audit/rules/index.js';
import { TOOL_VERSION } from '../engine/version.js';
import { StandardsError } from '../standards/errors.js';
import { EXIT, UsageError } from './errors.js';

const HELP = `otelwright ${TOOL_VERSION}: pay off OpenTelemetry instrumentation debt in Go, TypeScript/JavaScript and Python.

Usage: otelwright <command> [options]

Commands:
  audit [paths...]   find missing spans, error recording, attributes and handler metrics, and
                     instrumentation anti-patterns; report as text, JSON, SARIF or Markdown
  gate [paths...]    fail CI below a coverage score, on a drop against a baseline, or on
                     critical/high gaps in changed code
  instrument [paths...]
                     write the missing spans, error recording and attributes; format; validate with
                     the real toolchain; restore any file that fails (--metrics: handler metrics too)
  metrics [paths...] scaffold request-duration histograms and request counters on request handlers,
                     and observable gauges for the queues and pools the standards name
  rules              list the rules with their ids (use them in otelwright-ignore and otelwright.yaml)

Run 'otelwright <command> --help' for a command's options.
Standards (span names, required attributes, error policy, PII deny-list...) come from otelwright.yaml;
see docs/standards.md.

Exit codes: 0 ok; 1 the gate (or audit --fail-on) failed; 2 usage or config error; 3 internal error.
`;

function rulesTable(): string {
  const rows = RULE_METAS.map(
    (m) =>
      `  ${m.id}  ${m.name.padEnd(34)} ${(m.gapType ?? 'anti-pattern').padEnd(24)} ${m.defaultSeverity.padEnd(8)} ${m.description}`,
  );
  return `  id      name                               kind                     severity description\n${rows.join('\n')}\n`;
}

async function helpFor(command: string | undefined): Promise<string> {
  if (command === 'audit') return (await import('./audit-command.js')).AUDIT_HELP;
  if (command === 'gate') return (await import('./gate-command.js')).GATE_HELP;
  if (command === 'instrument') return (await import('./instrument-command.js')).INSTRUMENT_HELP;
  if (command === 'metrics') return (await import('./instrument-command.js')).METRICS_HELP;
  return HELP;
}

export async function main(argv: string[], cwd: string = process.cwd()): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      // Commands load on use: instrument pulls in every language's planner and grammar, which an audit
      // answered from the cache must not pay for.
      case 'audit':
        return await (await import('./audit-command.js')).auditCommand(rest, cwd);
      case 'gate':
        return await (await import('./gate-command.js')).gateCommand(rest, cwd);
      case 'instrument':
        return await (await import('./instrument-command.js')).instrumentCommand(rest, cwd);
      case 'metrics':
        return await (await import('./instrument-command.js')).metricsCommand(rest, cwd);
      case 'rules':
        process.stdout.write(rulesTable());
        return EXIT.ok;
      case '--version':
      case '-v':
      case 'version':
        process.stdout.write(`${TOOL_VERSION}\n`);
        return EXIT.ok;
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        process.stdout.write(await helpFor(rest[0]));
        return EXIT.ok;
      default:
        throw new UsageError(
          `unknown command "${command}": expected audit, gate, instrument, metrics or rules (see: otelwright --help)`,
        );
    }
  } catch (err) {
    if (err instanceof UsageError || err instanceof StandardsError) {
      process.stderr.write(`otelwright: ${err.message}\n`);
      return EXIT.usage;
    }
    throw err;
  }
}
