// Formats planned Python with the project's own formatter: Black when `[tool.black]` is configured, else
// Ruff when `[tool.ruff]`/ruff.toml is, each only when installed (the project's venv, then PATH). A file
// the formatter would change as it stands today is not one the project formats, so it keeps its own
// style rather than being reformatted from top to bottom.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { FormatError, type Formatter } from '../../../instrument/types.js';
import { configuredTools, findTool, projectDirOf } from './project.js';

interface Command {
  file: string;
  args: string[];
  cwd: string;
}

function formatterFor(absPath: string, root: string): Command | null {
  const project = projectDirOf(absPath, root);
  const tools = configuredTools(project);
  for (const tool of ['black', 'ruff'] as const) {
    if (!tools.has(tool)) continue;
    const file = findTool(tool, project, root);
    if (!file) continue;
    const args =
      tool === 'black'
        ? ['--quiet', '--stdin-filename', absPath, '-']
        : ['format', '--quiet', '--stdin-filename', absPath, '-'];
    return { file, args, cwd: project };
  }
  return null;
}

function run(command: Command, text: string): { ok: boolean; out: string; err: string } {
  const result = spawnSync(command.file, command.args, {
    cwd: command.cwd,
    input: text,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return {
    ok: result.status === 0,
    out: result.stdout ?? '',
    err: (result.stderr ?? '') || (result.error?.message ?? ''),
  };
}

export const pythonFormatter: Formatter = {
  format(absPath, text, root) {
    const command = formatterFor(absPath, root);
    if (!command) return { text, command: null };
    let original: string;
    try {
      original = readFileSync(absPath, 'utf8');
    } catch {
      original = '';
    }
    // The file as it is must already be in the formatter's style; otherwise the project does not use it here.
    const before = run(command, original);
    if (!before.ok || before.out !== original) return { text, command: null };
    const after = run(command, text);
    if (!after.ok)
      throw new FormatError(
        `${command.file.split('/').pop()} rejected the generated code: ${after.err.trim()}`,
      );
    return { text: after.out, command: [command.file, ...command.args].join(' ') };
  },
};
