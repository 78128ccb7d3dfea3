// `otelwright instrument --metrics` on the bundled examples, as a user runs it: the real CLI on a copy,
// the real toolchains validating, then each example's own tests run against the instrumented code (spans
// and request metrics), and a second run changes nothing. The examples' tests before instrumentation run in test/examples.test.ts.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const CLI = join(ROOT, 'bin/otelwright.js');
const VENV_PYTHON = join(ROOT, '.venv/bin/python');
const hasGo = !spawnSync('go', ['version'], { stdio: 'ignore' }).error;
const TIMEOUT = 900_000;

function otelwright(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string) => {
    for (const entry of readdirSync(d)) {
      if (
        entry === 'node_modules' ||
        entry === '.otelwright_cache' ||
        entry.startsWith('.') ||
        entry === '__pycache__'
      )
        continue;
      const path = join(d, entry);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(dir, path), readFileSync(path, 'utf8'));
    }
  };
  walk(dir);
  return files;
}

function copyOf(example: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'otelwright-instrument-example-'));
  cpSync(join(ROOT, 'examples', example), dir, {
    recursive: true,
    filter: (src) => !src.includes('node_modules') && !src.includes('__pycache__'),
  });
  return dir;
}

describe.skipIf(!hasGo)('instrument the Go orders example', () => {
  let dir: string;
  let first: ReturnType<typeof otelwright>;
  beforeAll(() => {
    dir = copyOf('go/orders');
    first = otelwright(['instrument', '--metrics', '--no-cache'], dir);
  }, TIMEOUT);

  it(
    'writes spans, validates with go vet, and keeps the example passing its own tests',
    () => {
      expect(first.code, first.stdout + first.stderr).toBe(0);
      expect(first.stdout).toMatch(/functions? instrumented/);
      expect(first.stdout).toMatch(/Validation: .*go vet.*: ok/);
      const service = readFileSync(join(dir, 'internal/orders/service.go'), 'utf8');
      expect(service).toContain('tracer.Start(ctx, "orders.PlaceOrder"');
      const handlers = readFileSync(join(dir, 'internal/orders/handlers.go'), 'utf8');
      expect(handlers).toContain('type statusRecorder struct');
      expect(handlers).toContain('requestDuration.Record(');
      const test = spawnSync('go', ['test', './...'], { cwd: dir, encoding: 'utf8' });
      expect(test.status, test.stdout + test.stderr).toBe(0);
    },
    TIMEOUT,
  );

  it(
    'changes nothing on a second run',
    () => {
      const before = snapshot(dir);
      const second = otelwright(['instrument', '--metrics', '--no-cache'], dir);
      expect(second.code, second.stdout + second.stderr).toBe(0);
      expect(second.stdout).toContain('0 functions instrumented');
      expect(snapshot(dir)).toEqual(before);
    },
    TIMEOUT,
  );
});

describe('instrument the TypeScript payments example', () => {
  const installed = existsSync(join(ROOT, 'examples/typescript/payments/node_modules'));
  let dir: string;
  let first: ReturnType<typeof otelwright>;
  beforeAll(() => {
    dir = copyOf('typescript/payments');
    if (installed)
      symlinkSync(join(ROOT, 'examples/typescript/payments/node_modules'), join(dir, 'node_modules'));
    first = otelwright(['instrument', '--metrics', '--no-cache'], dir);
  }, TIMEOUT);

  it.skipIf(!installed)(
    'writes spans, validates with tsc, and keeps the example passing its own tests',
    () => {
      expect(first.code, first.stdout + first.stderr).toBe(0);
      expect(first.stdout).toMatch(/Validation: .*tsc.*: ok/);
      expect(readFileSync(join(dir, 'src/payments.ts'), 'utf8')).toContain('startActiveSpan(');
      const test = spawnSync('npm', ['test'], { cwd: dir, encoding: 'utf8' });
      expect(test.status, test.stdout + test.stderr).toBe(0);
    },
    TIMEOUT,
  );

  it.skipIf(!installed)(
    'changes nothing on a second run',
    () => {
      const before = snapshot(dir);
      const second = otelwright(['instrument', '--metrics', '--no-cache'], dir);
      expect(second.code, second.stdout + second.stderr).toBe(0);
      expect(snapshot(dir)).toEqual(before);
    },
    TIMEOUT,
  );
});

describe.skipIf(!existsSync(VENV_PYTHON))('instrument the Python notifications example', () => {
  let dir: string;
  let first: ReturnType<typeof otelwright>;
  beforeAll(() => {
    dir = copyOf('python/notifications');
    first = otelwright(['instrument', '--metrics', '--no-cache'], dir);
  }, TIMEOUT);

  it(
    'writes spans, validates, and keeps the example passing its own tests',
    () => {
      expect(first.code, first.stdout + first.stderr).toBe(0);
      expect(readFileSync(join(dir, 'notifications/service.py'), 'utf8')).toContain(
        '@tracer.start_as_current_span(',
      );
      expect(readFileSync(join(dir, 'notifications/app.py'), 'utf8')).toContain('.create_histogram(');
      const test = spawnSync(VENV_PYTHON, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider'], {
        cwd: dir,
        encoding: 'utf8',
      });
      expect(test.status, test.stdout + test.stderr).toBe(0);
    },
    TIMEOUT,
  );

  it(
    'changes nothing on a second run',
    () => {
      const before = snapshot(dir);
      const second = otelwright(['instrument', '--metrics', '--no-cache'], dir);
      expect(second.code, second.stdout + second.stderr).toBe(0);
      expect(snapshot(dir)).toEqual(before);
    },
    TIMEOUT,
  );
});

describe('instrument refuses to mix with uncommitted work', () => {
  it('exits 2 on a file with uncommitted changes inside git, and --dry-run touches nothing', () => {
    const dir = copyOf('python/notifications');
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: dir });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'base');
    const before = snapshot(dir);
    const dry = otelwright(['instrument', '--dry-run', '--no-cache'], dir);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('+++ b/notifications/service.py');
    expect(snapshot(dir)).toEqual(before);

    const service = join(dir, 'notifications/service.py');
    cpSync(service, `${service}.orig`);
    execFileSync('sh', ['-c', `echo '# local edit' >> '${service}'`]);
    const refused = otelwright(['instrument', '--metrics', '--no-cache'], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('uncommitted changes');
    expect(refused.stderr).toContain('--force');
  });
});
