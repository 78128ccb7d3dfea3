// Finds the standards file for a working directory: the nearest directory, from cwd up to the git
// repository's top level (or the filesystem root outside a repository), that holds one.
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileProblem, StandardsError } from './errors.js';

export const STANDARDS_FILE_NAMES = ['otelwright.yaml', 'otelwright.yml', '.otelwright.yaml'] as const;

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The standards file that applies in `cwd`, or null when there is none. Two names in one directory are
 * an error: editing one while the other wins is a trap.
 */
export function findStandardsFile(cwd: string): string | null {
  let dir = cwd;
  for (;;) {
    const found = STANDARDS_FILE_NAMES.map((name) => join(dir, name)).filter(isFile);
    if (found.length > 1) {
      throw new StandardsError(found[0] ?? dir, [
        fileProblem(
          `found ${found.length} standards files in ${dir} (${found.map((f) => basename(f)).join(', ')}): keep one`,
        ),
      ]);
    }
    if (found[0]) return found[0];
    // `.git` is a directory in a clone and a file in a worktree or submodule: either marks the top.
    const parent = dirname(dir);
    if (existsSync(join(dir, '.git')) || parent === dir) return null;
    dir = parent;
  }
}
