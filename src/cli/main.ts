import { RULE_METAS } from '../audit/rules/index.js';
import { TOOL_VERSION } from '../engine/version.js';
import { StandardsError } from '../standards/errors.js';
import { AUDIT_HELP, auditCommand } from './audit-command.js';
import { EXIT, UsageError } from './errors.js';
import { GATE_HELP, gateCommand } from './gate-command.js';
import { INSTRUMENT_HELP, instrumentCommand } from './instrument-command.js';

const HELP = `otelwright ${TOOL_VERSION}: pay off OpenTelemetry instrumentation debt in Go, TypeScript/JavaScript and Python.

Usage: otelwright <command> [options]

Commands:
  audit [paths...]   find missing spans, error recording, attributes and handler metrics, and
                     instrumentation anti-patterns; report as text, JSON, SARIF or Markdown
  gate [paths...]    fail CI below a coverage score, on a drop against a baseline, or on
                     critical/high gaps in changed code
  instrument [paths...]
                     write the missing spans, error recording and attributes; format; validate with
                     the real toolchain; restore any file that fails
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

export async function main(argv: string[], cwd: string = process.cwd()): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'audit':
        return await auditCommand(rest, cwd);
      case 'gate':
        return await gateCommand(rest, cwd);
      case 'instrument':
        return await instrumentCommand(rest, cwd);
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
        process.stdout.write(
          rest[0] === 'audit'
            ? AUDIT_HELP
            : rest[0] === 'gate'
              ? GATE_HELP
              : rest[0] === 'instrument'
                ? INSTRUMENT_HELP
                : HELP,
        );
        return EXIT.ok;
      default:
        throw new UsageError(
          `unknown command "${command}": expected audit, gate, instrument or rules (see: otelwright --help)`,
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
