// Validates changed TypeScript/JavaScript files once per project: `tsc --noEmit -p <tsconfig>` for the
// files a tsconfig covers (the project's own tsc when installed, else ours), and one syntax-check process
// for the rest. Only diagnostics in changed files fail a batch: errors the project already had elsewhere
// are not ours to judge.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import type { ToolProblem, Validator } from '../../../instrument/types.js';
import { findUp, projectBinary, readJsonc } from './project-files.js';
import { syntaxCheck } from './syntax-check.js';
import { parseTscOutput } from './tsc-output.js';

const SYNTAX_BATCH = 'syntax';

export const typescriptValidator: Validator = {
  batches(files, root) {
    const byConfig = new Map<string, string[]>();
    for (const file of files) {
      const dir = findUp(dirname(file), (d) => existsSync(join(d, 'tsconfig.json')));
      const key = dir ?? '';
      byConfig.set(key, [...(byConfig.get(key) ?? []), file]);
    }
    return [...byConfig.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([dir, batch]) =>
        dir === ''
          ? { name: SYNTAX_BATCH, cwd: root, files: batch }
          : {
              name: `tsc -p ${relative(root, join(dir, 'tsconfig.json')) || 'tsconfig.json'}`,
              cwd: dir,
              files: batch,
            },
      );
  },

  missingToolchain(cwd) {
    if (projectBinary(cwd, 'tsc') || ourTsc()) return null;
    return 'TypeScript is not installed: run `npm install --save-dev typescript` in the project (or reinstall otelwright)';
  },

  validate(batch) {
    if (batch.name === SYNTAX_BATCH) return syntaxCheck(batch.files, batch.cwd);
    const configs = projectConfigs(join(batch.cwd, 'tsconfig.json'));
    const commands: string[] = [];
    const problems: ToolProblem[] = [];
    const covered = new Set<string>();
    let ran = true;
    for (const config of configs) {
      const run = runTsc(batch.cwd, config);
      commands.push(run.command);
      if (run.failedToRun) {
        ran = false;
        problems.push({ file: null, line: null, message: run.failedToRun });
        continue;
      }
      for (const f of run.output.files) covered.add(f);
      const changed = new Set(batch.files.map((f) => resolve(f)));
      problems.push(...run.output.problems.filter((p) => p.file === null || changed.has(p.file)));
    }
    // Files no program of the tsconfig includes still get their syntax checked.
    const uncovered = batch.files.filter((f) => !covered.has(resolve(f)));
    if (ran && uncovered.length > 0) {
      const syntax = syntaxCheck(uncovered, batch.cwd);
      commands.push(...syntax.commands);
      problems.push(...syntax.problems);
    }
    return { ok: problems.length === 0, commands, problems };
  },
};

/** A solution-style tsconfig (`files: []` and `references`) stands for the projects it references. */
function projectConfigs(tsconfig: string): string[] {
  const json = readJsonc(tsconfig) as {
    files?: unknown[];
    include?: unknown[];
    references?: { path?: string }[];
  } | null;
  const references = json?.references ?? [];
  const solution =
    Array.isArray(json?.files) && json.files.length === 0 && !json?.include && references.length > 0;
  if (!solution) return [tsconfig];
  return references.flatMap((r) => {
    if (!r.path) return [];
    const path = resolve(dirname(tsconfig), r.path);
    const file = path.endsWith('.json') ? path : join(path, 'tsconfig.json');
    return existsSync(file) ? [file] : [];
  });
}

function ourTsc(): string | null {
  try {
    return createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    return null;
  }
}

function runTsc(
  cwd: string,
  config: string,
): { command: string; output: ReturnType<typeof parseTscOutput>; failedToRun: string | null } {
  const own = projectBinary(cwd, 'tsc');
  const ours = ourTsc();
  const args = ['--noEmit', '-p', config, '--pretty', 'false', '--listFiles'];
  const [binary, argv] = own ? [own, args] : [process.execPath, [ours ?? 'tsc', ...args]];
  const command = `${own ?? 'tsc'} ${args.filter((a) => a !== '--listFiles').join(' ')}`;
  const result = spawnSync(binary, argv, {
    cwd,
    encoding: 'utf8',
    timeout: 600_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error)
    return {
      command,
      output: { problems: [], files: new Set() },
      failedToRun: `tsc could not run: ${result.error.message}`,
    };
  const output = parseTscOutput(`${result.stdout}\n${result.stderr}`, cwd);
  const crashed = result.status !== 0 && output.problems.length === 0;
  return {
    command,
    output,
    failedToRun: crashed
      ? `tsc exited with ${result.status}: ${result.stderr.trim() || result.stdout.trim().slice(-2000)}`
      : null,
  };
}
