// Running the Go toolchain: `go` and `gofmt` from PATH (gofmt also from `go env GOROOT`), with output captured.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface ToolRun {
  /** Null when the binary could not be started at all. */
  status: number | null;
  stdout: string;
  stderr: string;
  command: string;
}

export function run(
  binary: string,
  args: readonly string[],
  options: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {},
): ToolRun {
  const out = spawnSync(binary, args, {
    cwd: options.cwd,
    input: options.input,
    env: options.env ?? process.env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return {
    status: out.error ? null : out.status,
    stdout: out.stdout ?? '',
    stderr: out.error ? out.error.message : (out.stderr ?? ''),
    command: [binary, ...args].join(' '),
  };
}

let goroot: string | null | undefined;

/** `go env GOROOT`, or null when `go` is not installed. */
export function goRoot(): string | null {
  if (goroot === undefined) {
    const r = run('go', ['env', 'GOROOT']);
    goroot = r.status === 0 ? r.stdout.trim() || null : null;
  }
  return goroot;
}

export function hasGo(): boolean {
  return goRoot() !== null;
}

let gofmt: string | null | undefined;

/** `gofmt` from PATH, else the one beside the Go toolchain; null when neither exists. */
export function gofmtBinary(): string | null {
  if (gofmt === undefined) {
    const onPath = run('gofmt', ['-l', '/dev/null']);
    const root = goRoot();
    const beside = root ? join(root, 'bin', 'gofmt') : null;
    gofmt = onPath.status !== null ? 'gofmt' : beside && existsSync(beside) ? beside : null;
  }
  return gofmt;
}

export const INSTALL_GO =
  'install Go (https://go.dev/doc/install, or your package manager, e.g. `apt-get install golang-go`) and make sure `go` is on PATH';
