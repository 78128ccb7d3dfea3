// Checks instrumented Go code with the real toolchain, one `go vet` per package directory, run from its
// module root (falling back to `go build` where vet cannot run). Problems name absolute paths so the
// pipeline can pin a failure on the file that caused it.
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { ToolProblem, ValidationResult, Validator } from '../../../instrument/types.js';
import { hasGo, INSTALL_GO, run, type ToolRun } from './go-tool.js';
import { moduleRoot } from './module-root.js';

const POSITION = /^(?:vet: )?((?:[A-Za-z]:)?[^\s:][^:]*\.go):(\d+)(?::(\d+))?:\s*(.*)$/;

/** `file.go:12:3: message` lines as problems (paths made absolute against `cwd`); other lines join the previous problem. */
export function parseGoOutput(output: string, cwd: string): ToolProblem[] {
  const problems: ToolProblem[] = [];
  for (const line of output.split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const m = POSITION.exec(line.trim());
    if (m) {
      const file = m[1] as string;
      problems.push({
        file: isAbsolute(file) ? file : resolve(cwd, file),
        line: Number(m[2]),
        message: (m[4] as string).trim(),
      });
    } else {
      const last = problems[problems.length - 1];
      if (last && /^\s/.test(line)) last.message += `\n${line.trim()}`;
      else problems.push({ file: null, line: null, message: line.trim() });
    }
  }
  return problems;
}

function packagePattern(cwd: string, dir: string): string {
  const rel = relative(cwd, dir).split('\\').join('/');
  return rel === '' ? '.' : `./${rel}`;
}

export const goValidator: Validator = {
  batches(files, root) {
    const byDir = new Map<string, string[]>();
    for (const f of files) byDir.set(dirname(f), [...(byDir.get(dirname(f)) ?? []), f]);
    return [...byDir].map(([dir, group]) => {
      const cwd = moduleRoot(dir) ?? dir;
      return {
        name: `go package ${packagePattern(cwd, dir)} of module ${relative(root, cwd) || '.'}`,
        cwd,
        files: group.sort(),
      };
    });
  },

  missingToolchain() {
    return hasGo() ? null : `the Go toolchain is needed to check the instrumented code: ${INSTALL_GO}`;
  },

  validate(batch): ValidationResult {
    const dir = dirname(batch.files[0] as string);
    const pattern = packagePattern(batch.cwd, dir);
    const runs: ToolRun[] = [run('go', ['vet', pattern], { cwd: batch.cwd })];
    const vet = runs[0] as ToolRun;
    if (vet.status !== 0 && /no such tool "vet"|unknown command "vet"/.test(vet.stderr)) {
      runs.push(
        run('go', ['build', '-o', process.platform === 'win32' ? 'NUL' : '/dev/null', pattern], {
          cwd: batch.cwd,
        }),
      );
    }
    const last = runs[runs.length - 1] as ToolRun;
    const ok = last.status === 0;
    return {
      ok,
      commands: runs.map((r) => `${r.command}  (in ${batch.cwd})`),
      problems: ok ? [] : parseGoOutput(`${last.stderr}\n${last.stdout}`, batch.cwd),
    };
  },
};
