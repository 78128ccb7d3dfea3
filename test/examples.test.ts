// The bundled examples are what `otelwright audit examples` and `otelwright instrument examples` run on, so
// they must stay working programs: each one's own test suite runs here with its real toolchain. The last
// block checks that the audit finds the problems planted in them, and nothing in their pure helpers.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding, Gap, Report } from '../src/audit/model.js';

const ROOT = resolve(import.meta.dirname, '..');
const EXAMPLES = join(ROOT, 'examples');
const GO_MODULES = ['go/orders', 'go/inventory'];
const TS_EXAMPLE = join(EXAMPLES, 'typescript/payments');
const PY_EXAMPLE = 'examples/python/notifications';
const VENV_PYTHON = join(ROOT, '.venv/bin/python');
const CLI = join(ROOT, 'bin/otelwright.js');
const TOOLCHAIN_TIMEOUT = 600_000;

interface RunResult {
  code: number;
  output: string;
}

/** Runs a command to completion; never rejects, so a failing suite shows its own output. */
function run(command: string, args: string[], cwd: string): Promise<RunResult> {
  return new Promise((done) => {
    execFile(
      command,
      args,
      { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, CI: 'true' } },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        done({ code, output: `${stdout}${stderr}${err && typeof err.code !== 'number' ? String(err) : ''}` });
      },
    );
  });
}

function onPath(command: string): boolean {
  return !spawnSync(command, ['--version'], { stdio: 'ignore' }).error;
}

const hasGo = !spawnSync('go', ['version'], { stdio: 'ignore' }).error;
const hasPython = existsSync(VENV_PYTHON) || onPath('python3');

function title(name: string, available: boolean, missing: string): string {
  return available ? name : `${name} (SKIPPED: ${missing})`;
}

describe.skipIf(!hasGo)(title('Go examples: go test ./...', hasGo, '`go` is not on PATH'), () => {
  for (const module of GO_MODULES) {
    it(
      module,
      async () => {
        const result = await run('go', ['test', './...'], join(EXAMPLES, module));
        expect(result.code, result.output).toBe(0);
        expect(result.output).toMatch(/^ok\s+example\.com\//m);
      },
      TOOLCHAIN_TIMEOUT,
    );
  }
});

describe('TypeScript example: npm test in examples/typescript/payments', () => {
  beforeAll(async () => {
    if (existsSync(join(TS_EXAMPLE, 'node_modules/@opentelemetry/api'))) return;
    const install = await run('npm', ['ci', '--no-audit', '--no-fund'], TS_EXAMPLE);
    if (install.code !== 0) throw new Error(`npm ci in ${TS_EXAMPLE} failed:\n${install.output}`);
  }, TOOLCHAIN_TIMEOUT);

  it(
    'compiles under strict tsc and passes its node:test suite',
    async () => {
      const result = await run('npm', ['test'], TS_EXAMPLE);
      expect(result.code, result.output).toBe(0);
      expect(result.output).toMatch(/^# fail 0$/m);
      expect(result.output).not.toMatch(/^# pass 0$/m);
    },
    TOOLCHAIN_TIMEOUT,
  );
});

describe.skipIf(!hasPython)(
  title('Python example: pytest examples/python/notifications', hasPython, 'no python3 on PATH'),
  () => {
    it(
      'passes its pytest suite in the project venv',
      async () => {
        if (!existsSync(VENV_PYTHON)) {
          throw new Error(
            'The Python example runs in the project venv, which is missing. Create it with:\n' +
              '  python3 -m venv .venv && .venv/bin/pip install -r requirements-dev.txt',
          );
        }
        const result = await run(
          VENV_PYTHON,
          ['-m', 'pytest', PY_EXAMPLE, '-q', '-p', 'no:cacheprovider'],
          ROOT,
        );
        expect(result.code, result.output).toBe(0);
        expect(result.output).toMatch(/^\d+ passed/m);
      },
      TOOLCHAIN_TIMEOUT,
    );
  },
);

const cliBuilt = existsSync(join(ROOT, 'dist/cli/main.js'));

describe.skipIf(!cliBuilt)(
  title('otelwright audit examples', cliBuilt, 'dist/ is not built; run `npm run build`'),
  () => {
    let workDir = '';
    let report: Report;

    beforeAll(async () => {
      workDir = await mkdtemp(join(tmpdir(), 'otelwright-examples-'));
      const output = join(workDir, 'report.json');
      const result = await run(
        process.execPath,
        [CLI, 'audit', 'examples', '--format', 'json', '--output', output, '--no-cache', '--quiet'],
        ROOT,
      );
      if (result.code !== 0)
        throw new Error(`otelwright audit examples exited ${result.code}:\n${result.output}`);
      report = JSON.parse(await readFile(output, 'utf8')) as Report;
    }, TOOLCHAIN_TIMEOUT);

    afterAll(async () => {
      if (workDir) await rm(workDir, { recursive: true, force: true });
    });

    const gapsIn = (file: string): Gap[] => report.gaps.filter((g) => g.file.endsWith(file));
    const findingsIn = (file: string): Finding[] => report.findings.filter((f) => f.file.endsWith(file));
    const gapsOf = (file: string, fn: string): Gap[] => gapsIn(file).filter((g) => g.function.endsWith(fn));

    it('audits source files only, every one parsed cleanly', () => {
      expect(report.files_audited).toBeGreaterThan(15);
      expect(report.parse_errors).toEqual([]);
      const paths = [...report.gaps, ...report.findings].map((x) => x.file);
      expect(
        paths.filter((p) => /(^|\/)(node_modules|dist|tests?)\//.test(p) || /_test\.go$|\.test\.ts$/.test(p)),
      ).toEqual([]);
    });

    it('Go: reports the unrecorded error paths of the partly instrumented ProcessPayment', () => {
      const types = gapsOf('internal/orders/service.go', 'ProcessPayment').map((g) => g.gap_type);
      expect(types).toContain('missing_error_recording');
      expect(types).not.toContain('missing_span');
    });

    it('Go: leaves the fully instrumented CancelOrder and the pure money.go alone', () => {
      expect(gapsOf('internal/orders/service.go', 'CancelOrder')).toEqual([]);
      expect(gapsIn('internal/orders/money.go')).toEqual([]);
      expect(findingsIn('internal/orders/money.go')).toEqual([]);
    });

    it('Go: net/http handlers without middleware are critical; otelhttp-wrapped ones are not', () => {
      expect(gapsOf('internal/orders/handlers.go', 'CreateOrder').map((g) => g.severity)).toContain(
        'critical',
      );
      expect(gapsIn('go/inventory/stock/handlers.go').filter((g) => g.severity === 'critical')).toEqual([]);
    });

    it('TypeScript: finds the span refundPayment leaves open and its unrecorded exceptions', () => {
      expect(findingsIn('src/refunds.ts').map((f) => f.rule_id)).toContain('OTW103');
      expect(gapsOf('src/refunds.ts', 'refundPayment').map((g) => g.gap_type)).toContain(
        'missing_error_recording',
      );
    });

    it('TypeScript: reports the uninstrumented service and the CommonJS module, not the formatters', () => {
      expect(gapsOf('src/payments.ts', 'authorize').map((g) => g.gap_type)).toContain('missing_span');
      expect(gapsOf('src/legacy/receipts.cjs', 'sendReceipt').map((g) => g.gap_type)).toContain(
        'missing_span',
      );
      expect(gapsIn('src/format.ts')).toEqual([]);
    });

    it('Python: flags the f-string span name and the user.email attribute in send_email', () => {
      const rules = findingsIn('notifications/service.py')
        .filter((f) => f.function?.endsWith('send_email'))
        .map((f) => f.rule_id);
      expect(rules).toContain('OTW102');
      expect(rules).toContain('OTW104');
    });

    it('Python: reports the uninstrumented async send_sms, not the formatting helpers', () => {
      expect(gapsOf('notifications/service.py', 'send_sms').map((g) => g.gap_type)).toContain('missing_span');
      expect(gapsIn('notifications/formatting.py')).toEqual([]);
    });
  },
);
