// A span that is not ended on some path (OTW103) has a safe fix even when the function has no gap:
// instrument must act on the finding itself.

import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const CLI = join(ROOT, 'bin/otelwright.js');
const GOLDEN = join(ROOT, 'test/golden/go');
const hasGo = !spawnSync('go', ['version'], { stdio: 'ignore' }).error;

describe.skipIf(!hasGo)('instrument fixes a span that is never ended', () => {
  it('adds the missing End, validates with go vet, and leaves no OTW103 behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'otelwright-otw103-'));
    cpSync(join(GOLDEN, 'go.mod'), join(dir, 'go.mod'));
    cpSync(join(GOLDEN, 'go.sum'), join(dir, 'go.sum'));
    mkdirSync(join(dir, 'svc'));
    cpSync(join(GOLDEN, 'span-not-ended/input/notify.go'), join(dir, 'svc/notify.go'));
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [CLI, ...args, '--no-cache'], { cwd: dir, encoding: 'utf8' });

    const ruleIds = () =>
      JSON.parse(run('audit', '-f', 'json').stdout).findings.map((f: { rule_id: string }) => f.rule_id);
    expect(ruleIds()).toEqual(['OTW103']);
    const fixed = run('instrument', '--severity', 'low');
    expect(fixed.status, fixed.stdout + fixed.stderr).toBe(0);
    expect(fixed.stdout).toMatch(/Validation: go vet .*: ok/);
    expect(readFileSync(join(dir, 'svc/notify.go'), 'utf8')).toContain('defer span.End()');
    expect(ruleIds()).toEqual([]);
  }, 600_000);
});
