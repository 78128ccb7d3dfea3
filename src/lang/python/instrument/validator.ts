// Checks changed Python files once per project: one `python -m py_compile` over all of them (with the
// project's venv interpreter when it has one), then the type checker or linter the project configures
// and has installed (mypy, pyright, pylint; errors only). Problems carry the absolute path the tool names.
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import type { ToolProblem, ValidationResult, Validator } from '../../../instrument/types.js';
import {
  configuredTools,
  findTool,
  type PythonTool,
  projectDirOf,
  pythonFor,
  repositoryOf,
} from './project.js';

interface Run {
  status: number | null;
  out: string;
  err: string;
  line: string;
}

/** py_compile writes bytecode beside each source; send it to a scratch prefix so the project is left as it was. */
const BYTECODE_PREFIX = join(tmpdir(), 'otelwright-pycache');

function exec(file: string, args: string[], cwd: string): Run {
  const env = { ...process.env, PYTHONPYCACHEPREFIX: BYTECODE_PREFIX };
  const r = spawnSync(file, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const quoted = [file, ...args].map((a) => (/[\s"']/.test(a) ? JSON.stringify(a) : a)).join(' ');
  return {
    status: r.status,
    out: r.stdout ?? '',
    err: (r.stderr ?? '') + (r.error ? r.error.message : ''),
    line: quoted,
  };
}

/** py_compile prints `File "/abs/x.py", line 12` then the offending line, a caret and `SyntaxError: ...`. */
export function parsePyCompile(output: string, cwd: string): ToolProblem[] {
  const problems: ToolProblem[] = [];
  const blocks = output.split(/(?=^\s*File ")/m);
  for (const block of blocks) {
    const at = /^\s*File "([^"]+)", line (\d+)/m.exec(block);
    if (!at) continue;
    const message =
      /^(\w*(?:Error|Warning)\b.*)$/m.exec(block)?.[1] ?? block.trim().split('\n').pop() ?? 'syntax error';
    problems.push({ file: resolve(cwd, at[1]!), line: Number(at[2]), message: message.trim() });
  }
  if (problems.length === 0 && output.trim())
    problems.push({ file: null, line: null, message: output.trim().split('\n').slice(-1)[0]! });
  return problems;
}

/** mypy: `/abs/x.py:12: error: message  [code]`; pylint parseable: `/abs/x.py:12: [E1101(no-member), f] message`. */
export function parseLineDiagnostics(output: string, cwd: string, tool: 'mypy' | 'pylint'): ToolProblem[] {
  const problems: ToolProblem[] = [];
  const pattern =
    tool === 'mypy'
      ? /^(.+?\.pyi?):(\d+)(?::\d+)?: error: (.*)$/gm
      : /^(.+?\.pyi?):(\d+): \[(E\d+[^\]]*)\] (.*)$/gm;
  for (const m of output.matchAll(pattern)) {
    const message = tool === 'mypy' ? m[3]! : `${m[4]} [${m[3]}]`;
    problems.push({ file: resolve(cwd, m[1]!), line: Number(m[2]), message: `${tool}: ${message.trim()}` });
  }
  return problems;
}

export function parsePyright(output: string): ToolProblem[] {
  try {
    const report = JSON.parse(output) as {
      generalDiagnostics?: {
        file?: string;
        severity?: string;
        message?: string;
        range?: { start?: { line?: number } };
      }[];
    };
    return (report.generalDiagnostics ?? [])
      .filter((d) => d.severity === 'error')
      .map((d) => ({
        file: d.file ?? null,
        line: d.range?.start?.line !== undefined ? d.range.start.line + 1 : null,
        message: `pyright: ${d.message ?? ''}`,
      }));
  } catch {
    return output.trim()
      ? [{ file: null, line: null, message: `pyright: ${output.trim().slice(0, 500)}` }]
      : [];
  }
}

const CHECKERS: { tool: PythonTool; args: (files: string[]) => string[] }[] = [
  {
    tool: 'mypy',
    args: (files) => [
      '--no-color-output',
      '--no-error-summary',
      '--show-absolute-path',
      '--follow-imports=silent',
      ...files,
    ],
  },
  { tool: 'pyright', args: (files) => ['--outputjson', ...files] },
  { tool: 'pylint', args: (files) => ['--errors-only', '--output-format=parseable', '--score=n', ...files] },
];

function runChecker(
  tool: PythonTool,
  executable: string,
  files: string[],
  cwd: string,
): { line: string; problems: ToolProblem[] } {
  const checker = CHECKERS.find((c) => c.tool === tool)!;
  const run = exec(executable, checker.args(files), cwd);
  let problems: ToolProblem[];
  if (tool === 'pyright') problems = parsePyright(run.out);
  else problems = parseLineDiagnostics(run.out, cwd, tool as 'mypy' | 'pylint');
  // A checker that failed without saying where (a crash, a bad config) fails the batch too.
  const crashed =
    tool === 'pylint'
      ? ((run.status ?? 1) & 1) === 1 || (run.status ?? 0) >= 32
      : run.status !== 0 && run.status !== 1;
  if (problems.length === 0 && (crashed || run.status === null)) {
    problems = [
      { file: null, line: null, message: `${tool} failed: ${(run.err || run.out).trim().slice(0, 500)}` },
    ];
  }
  return { line: run.line, problems };
}

export const pythonValidator: Validator = {
  batches(files, root) {
    const byProject = new Map<string, string[]>();
    for (const file of files) {
      const dir = projectDirOf(file, root);
      byProject.set(dir, [...(byProject.get(dir) ?? []), file]);
    }
    return [...byProject].map(([cwd, batch]) => ({
      name: relative(root, cwd) || '.',
      cwd,
      files: batch.sort(),
    }));
  },

  missingToolchain(cwd) {
    return pythonFor(cwd, repositoryOf(cwd))
      ? null
      : 'python3 was not found (no .venv/bin/python or venv/bin/python in the project, none on PATH): install Python 3 (e.g. `apt-get install python3`) or create the project venv';
  },

  validate(batch): ValidationResult {
    const top = repositoryOf(batch.cwd);
    const python = pythonFor(batch.cwd, top);
    if (!python)
      return {
        ok: false,
        commands: [],
        problems: [{ file: null, line: null, message: 'python3 was not found' }],
      };
    const compile = exec(python, ['-m', 'py_compile', ...batch.files], batch.cwd);
    const commands = [compile.line];
    const problems = compile.status === 0 ? [] : parsePyCompile(compile.err + compile.out, batch.cwd);
    if (problems.length === 0) {
      const tools = configuredTools(batch.cwd);
      for (const { tool } of CHECKERS) {
        if (!tools.has(tool)) continue;
        const executable = findTool(tool, batch.cwd, top);
        if (!executable) continue;
        const checked = runChecker(tool, executable, batch.files, batch.cwd);
        commands.push(checked.line);
        problems.push(...checked.problems);
      }
    }
    return { ok: problems.length === 0, commands, problems };
  },
};
