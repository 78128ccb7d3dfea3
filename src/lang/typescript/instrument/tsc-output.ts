// Reading `tsc --pretty false --listFiles` output: diagnostics with absolute paths, and the files the
// program contained.
import { isAbsolute, resolve } from 'node:path';
import type { ToolProblem } from '../../../instrument/types.js';

const DIAGNOSTIC = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/;
const GLOBAL_DIAGNOSTIC = /^error (TS\d+): (.*)$/;

export interface TscOutput {
  problems: ToolProblem[];
  /** Absolute paths of the files in the program (from --listFiles). */
  files: Set<string>;
}

export function parseTscOutput(output: string, cwd: string): TscOutput {
  const problems: ToolProblem[] = [];
  const files = new Set<string>();
  const lines = output.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const m = DIAGNOSTIC.exec(line);
    if (m) {
      // A message continues on indented lines (elaborations of a type error).
      let message = `${m[4]}: ${m[5]}`;
      while (i + 1 < lines.length && /^\s{2,}\S/.test(lines[i + 1] as string))
        message += `\n${(lines[++i] as string).trim()}`;
      problems.push({ file: absolute(m[1] as string, cwd), line: Number(m[2]), message });
      continue;
    }
    const g = GLOBAL_DIAGNOSTIC.exec(line);
    if (g) problems.push({ file: null, line: null, message: `${g[1]}: ${g[2]}` });
    else if (line.length > 0 && isAbsolute(line.trim())) files.add(line.trim());
  }
  return { problems, files };
}

function absolute(path: string, cwd: string): string {
  return isAbsolute(path) ? path : resolve(cwd, path);
}
