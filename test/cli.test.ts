// The CLI as a user runs it: the built binary, real files in temp directories, exit codes and output.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '..', 'bin', 'otelwright.js');

function otelwright(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function project(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'otelwright-cli-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

const ORDERS_GO = `package orders

import (
	"context"
	"database/sql"
	"errors"
)

var ErrNotFound = errors.New("order not found")

type Store struct{ db *sql.DB }

// Cancel marks an order cancelled.
func (s *Store) Cancel(ctx context.Context, orderID string) error {
	res, err := s.db.ExecContext(ctx, "UPDATE orders SET status = 'cancelled' WHERE id = $1", orderID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}
`;

const PAYMENTS_PY = `import requests


def charge(payment_id: str, amount: int) -> dict:
    response = requests.post("https://payments.internal/charge", json={"id": payment_id, "amount": amount})
    response.raise_for_status()
    return response.json()
`;

describe('otelwright audit', () => {
  it('reports a gap as JSON that follows the seed schema, and exits 0', () => {
    const dir = project({ 'orders/store.go': ORDERS_GO, 'payments.py': PAYMENTS_PY });
    const r = otelwright(['audit', '--format', 'json', '--no-cache'], dir);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.files_audited).toBe(2);
    expect(report.gaps).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          file: 'orders/store.go',
          function: 'Store.Cancel',
          gap_type: 'missing_span',
          severity: 'high',
          line: 14,
        }),
        expect.objectContaining({
          file: 'payments.py',
          function: 'charge',
          gap_type: 'missing_span',
          severity: 'high',
        }),
      ]),
    );
    expect(report.coverage_score).toBe(0);
  });

  it('infers the format from --output and writes the file', () => {
    const dir = project({ 'orders/store.go': ORDERS_GO });
    const r = otelwright(['audit', '-o', 'out/report.sarif', '--no-cache'], dir);
    expect(r.code).toBe(0);
    const sarif = JSON.parse(readFileSync(join(dir, 'out/report.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(r.stderr).toContain('→ out/report.sarif');
  });

  it('exits 2 naming a missing path', () => {
    const dir = project({ 'a.py': 'x = 1\n' });
    const r = otelwright(['audit', 'nope'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/"nope" does not exist/);
  });

  it('exits 2 on a malformed config, naming the file, key and what is allowed', () => {
    const dir = project({
      'a.py': 'x = 1\n',
      'otelwright.yaml': 'score:\n  count_severities: [critical, urgent]\n',
    });
    const r = otelwright(['audit'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('otelwright.yaml:2');
    expect(r.stderr).toContain('score.count_severities[1]');
    expect(r.stderr).toContain('critical, high, medium, low');
  });

  it('exits 2 on an unknown flag and says where help is', () => {
    const r = otelwright(['audit', '--severty', 'high'], tmpdir());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('otelwright audit --help');
  });

  it('reports a file that does not parse, skips binary and non-UTF-8 files, and carries on', () => {
    const dir = project({
      'orders/store.go': ORDERS_GO,
      'broken.py': 'def oops(:\n    pass\n',
      'blob.py': Buffer.from([0x00, 0x01, 0x02, 0x03]),
      'latin1.py': Buffer.from('# caf\xe9\nx = 1\n', 'latin1'),
    });
    const r = otelwright(['audit', '--format', 'json', '--no-cache'], dir);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.parse_errors).toEqual([expect.objectContaining({ file: 'broken.py', line: 1 })]);
    expect(r.stderr).toContain('broken.py:1');
    expect(report.skipped).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'blob.py', reason: expect.stringContaining('binary') }),
        expect.objectContaining({ file: 'latin1.py', reason: expect.stringContaining('UTF-8') }),
      ]),
    );
    expect(report.gaps.some((g: { file: string }) => g.file === 'orders/store.go')).toBe(true);
  });

  it('does not hang on a symlink loop', () => {
    const dir = project({ 'svc/a.py': PAYMENTS_PY });
    symlinkSync('..', join(dir, 'svc', 'loop'));
    const r = otelwright(['audit', '--format', 'json', '--no-cache'], dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).files_audited).toBe(1);
  });

  it('gives the same bytes from a warm cache as from a cold run', () => {
    const dir = project({ 'orders/store.go': ORDERS_GO, 'payments.py': PAYMENTS_PY });
    const cold = otelwright(['audit', '--format', 'json'], dir);
    const warm = otelwright(['audit', '--format', 'json'], dir);
    expect(warm.stdout).toBe(cold.stdout);
    expect(readFileSync(join(dir, '.otelwright_cache', '.gitignore'), 'utf8')).toBe('*\n');
  });

  it('--severity hides lower gaps but keeps the score; --fail-on exits 1', () => {
    const dir = project({ 'orders/store.go': ORDERS_GO });
    const all = JSON.parse(otelwright(['audit', '-f', 'json', '--no-cache'], dir).stdout);
    const critical = otelwright(['audit', '-f', 'json', '--no-cache', '--severity', 'critical'], dir);
    expect(JSON.parse(critical.stdout).gaps).toEqual([]);
    expect(JSON.parse(critical.stdout).coverage_score).toBe(all.coverage_score);
    expect(otelwright(['audit', '--no-cache', '--fail-on', 'high', '-q'], dir).code).toBe(1);
  });

  it('gives the same bytes from worker threads as from one thread', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 60; i++) {
      files[`svc${i % 3}/orders${i}.go`] = ORDERS_GO.replace('package orders', `package svc${i % 3}`);
      files[`py/payments${i}.py`] = PAYMENTS_PY;
    }
    const dir = project(files);
    const env = { ...process.env, NO_COLOR: '1', OTELWRIGHT_WORKER_MIN_CHARS: '0' };
    const run = (jobs: string) =>
      spawnSync(process.execPath, [BIN, 'audit', '-f', 'json', '--no-cache', '-j', jobs], {
        cwd: dir,
        encoding: 'utf8',
        env,
      });
    const one = run('1');
    const two = run('2');
    expect(two.status).toBe(0);
    expect(JSON.parse(two.stdout).files_audited).toBe(120);
    expect(two.stdout).toBe(one.stdout);
  });

  it('--all lists the counted functions', () => {
    const dir = project({ 'orders/store.go': ORDERS_GO });
    const report = JSON.parse(otelwright(['audit', '-f', 'json', '--no-cache', '--all'], dir).stdout);
    expect(report.functions).toEqual([
      expect.objectContaining({ function: 'Store.Cancel', status: 'missing', severity: 'high' }),
    ]);
  });
});

describe('otelwright gate', () => {
  it('fails below the minimum with a one-line reason', () => {
    const dir = project({ 'orders/store.go': ORDERS_GO });
    const r = otelwright(['gate', '--min-coverage', '80', '--no-cache'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toContain('coverage 0 is below the minimum 80');
  });

  it('passes on a project with nothing to instrument', () => {
    const dir = project({ 'util.py': 'def add(a, b):\n    return a + b\n' });
    const r = otelwright(['gate', '--min-coverage', '80', '--no-cache'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('passed: coverage 100');
  });

  it('fails when coverage dropped against a baseline', () => {
    const dir = project({
      'util.py': 'def add(a, b):\n    return a + b\n',
      'base.json': JSON.stringify({ files_audited: 1, gaps: [], coverage_score: 100 }),
    });
    writeFileSync(join(dir, 'orders.go'), ORDERS_GO);
    const r = otelwright(['gate', '--baseline', 'base.json', '--no-cache'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('coverage dropped from 100');
  });

  it('exits 2 on a malformed baseline, naming the problem', () => {
    const dir = project({
      'util.py': 'x = 1\n',
      'base.json': JSON.stringify({
        files_audited: 1,
        gaps: [{ file: 'a', function: 'f', gap_type: 'missing_span', severity: 'urgent' }],
        coverage_score: 100,
      }),
    });
    const r = otelwright(['gate', '--baseline', 'base.json'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('/gaps/0/severity');
  });

  it('fails on critical/high gaps in code changed since a git ref, and only those', () => {
    const dir = project({ 'util.py': 'def add(a, b):\n    return a + b\n' });
    const git = (...args: string[]) => spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
    git('init', '-q');
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'add', '.');
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'base');
    expect(otelwright(['gate', '--changed-since', 'HEAD', '--no-cache'], dir).code).toBe(0);
    writeFileSync(join(dir, 'orders.go'), ORDERS_GO);
    const r = otelwright(['gate', '--changed-since', 'HEAD', '--no-cache'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('changed since HEAD');
    expect(otelwright(['gate', '--changed-since', 'no-such-ref'], dir).code).toBe(2);
  });

  it('exits 2 without a threshold', () => {
    expect(otelwright(['gate'], tmpdir()).code).toBe(2);
  });
});

const ORDERS_FLASK = `from flask import Flask, abort, jsonify

app = Flask(__name__)
ORDERS: dict[str, dict[str, str]] = {}


@app.get("/orders/<order_id>")
def get_order(order_id):
    order = ORDERS.get(order_id)
    if order is None:
        abort(404)
    return jsonify(order)
`;

describe('otelwright metrics', () => {
  it('teaches its options and refuses --gap-type', () => {
    const dir = project({ 'app.py': ORDERS_FLASK });
    const help = otelwright(['metrics', '--help'], dir);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--force');
    expect(help.stdout).toContain('metrics.gauges');
    const refused = otelwright(['metrics', '--gap-type', 'missing_span'], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--gap-type belongs to instrument');
  });

  it('prints the diff of a dry run, names the handler and its route, and writes nothing', () => {
    const dir = project({ 'app.py': ORDERS_FLASK });
    const dry = otelwright(['metrics', '--dry-run', '--no-cache'], dir);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('+REQUEST_DURATION = ');
    expect(dry.stdout).toContain(
      'otelwright metrics: 1 handler would be instrumented in 1 file (dry run: nothing written)',
    );
    expect(dry.stdout).toMatch(/\+ app\.py:8 {2}get_order {2}.*http\.route \/orders\/<order_id>/);
    expect(readFileSync(join(dir, 'app.py'), 'utf8')).toBe(ORDERS_FLASK);
  });

  it('reports a configured gauge no file creates, against the standards file, in --json too', () => {
    const dir = project({
      'app.py': ORDERS_FLASK,
      'otelwright.yaml': 'metrics:\n  gauges:\n    - { name: queue_depth, source: self.jobs }\n',
    });
    const run = otelwright(['metrics', '--dry-run', '--no-cache', '--json'], dir);
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.planned.map((p: { function: string }) => p.function)).toEqual(['get_order']);
    expect(summary.skipped).toEqual([
      expect.objectContaining({
        file: 'otelwright.yaml',
        gauge: 'queue_depth',
        reason: expect.stringContaining('no audited file creates self.jobs'),
      }),
    ]);
  });
});
