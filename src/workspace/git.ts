// Git, through `git` itself (never a shell string): the repository's top level, the files it tracks or
// would track, and the lines changed since a ref.
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

export class GitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GitError';
  }
}

export interface LineRange {
  /** First changed line, 1-based. */
  start: number;
  /** Last changed line, inclusive. */
  end: number;
}

function git(cwd: string, args: readonly string[]): Buffer {
  return execFileSync('git', args, { cwd, maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Spawning git costs ~10 ms; outside any `.git` (and with no GIT_DIR) the answer is known without it. */
function mayBeInsideGit(cwd: string): boolean {
  if (process.env.GIT_DIR) return true;
  let dir = resolve(cwd);
  for (;;) {
    if (existsSync(join(dir, '.git'))) return true;
    const parent = dirname(dir);
    if (parent === dir) return false;
    dir = parent;
  }
}

/**
 * The top level of the work tree containing `cwd`, or null outside one. Spelled through the same
 * symlinks as `cwd` (git answers with the real path), so paths relative to it stay short.
 */
export function gitRoot(cwd: string): string | null {
  if (!mayBeInsideGit(cwd)) return null;
  let top: string;
  try {
    top = git(cwd, ['rev-parse', '--show-toplevel']).toString('utf8').trim();
  } catch {
    return null;
  }
  if (top === '') return null;
  const below = relative(top, realpathSync(cwd));
  if (below === '') return resolve(cwd);
  if (below.startsWith('..')) return top;
  return resolve(cwd, ...below.split(sep).map(() => '..'));
}

/** An entry of `git ls-files` under a directory. */
export interface GitEntry {
  /** Relative to the directory listed, POSIX separators. */
  rel: string;
  /** `untracked`: git does not say whether it is a file or a symlink. */
  kind: 'file' | 'symlink' | 'directory' | 'untracked';
}

/**
 * What git tracks or would track (untracked but not ignored) under `dir`, recursively; null when `dir`
 * is not in a git work tree. Tracked files deleted from the work tree are still listed.
 */
export function listWorkTree(dir: string): GitEntry[] | null {
  const list = (args: string[]): string[] =>
    git(dir, ['ls-files', ...args, '-z'])
      .toString('utf8')
      .split('\0')
      .filter((line) => line !== '');
  let tracked: string[];
  let untracked: string[];
  try {
    tracked = list(['--cached', '--stage']);
    untracked = list(['--others', '--exclude-standard']);
  } catch {
    return null;
  }
  // Keyed by path: a file with a merge conflict is listed once per stage.
  const entries = new Map<string, GitEntry>();
  for (const line of tracked) {
    const mode = line.slice(0, line.indexOf(' '));
    const rel = line.slice(line.indexOf('\t') + 1);
    // 120000: a symlink; 160000: a submodule, whose files only its own work tree lists.
    const kind = mode === '120000' ? 'symlink' : mode === '160000' ? 'directory' : 'file';
    entries.set(rel, { rel, kind });
  }
  for (const rel of untracked) {
    // An untracked nested repository shows as `dir/`.
    const entry: GitEntry = rel.endsWith('/')
      ? { rel: rel.slice(0, -1), kind: 'directory' }
      : { rel, kind: 'untracked' };
    entries.set(entry.rel, entry);
  }
  return [...entries.values()];
}

/** True when .gitignore (or another exclude file) ignores `path`, which must be inside a work tree. */
export function isIgnoredByGit(path: string): boolean {
  try {
    git(dirname(path), ['check-ignore', '--quiet', '--', path]);
    return true;
  } catch {
    return false;
  }
}

/** Undoes git's C-style quoting of unusual path names (`"a\"b\303\251"`). */
function unquote(path: string): string {
  if (!path.startsWith('"') || !path.endsWith('"')) return path;
  const bytes: number[] = [];
  const body = path.slice(1, -1);
  const escapes: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };
  for (let i = 0; i < body.length; i++) {
    const char = body[i] ?? '';
    if (char !== '\\') {
      bytes.push(...Buffer.from(char, 'utf8'));
      continue;
    }
    const octal = /^[0-7]{3}/.exec(body.slice(i + 1));
    if (octal) {
      bytes.push(Number.parseInt(octal[0], 8));
      i += 3;
    } else {
      const next = body[++i] ?? '';
      bytes.push(escapes[next] ?? next.charCodeAt(0));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** `b/src/x.go` (or `/dev/null`) from a `+++ ` header; git appends a tab to names containing a space. */
function newSidePath(header: string): string | null {
  const name = unquote(header.replace(/\t$/, ''));
  return name === '/dev/null' ? null : name.replace(/^b\//, '');
}

function mergeRanges(ranges: LineRange[]): LineRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const merged: LineRange[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range.start <= last.end + 1) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

/** New-side line ranges per file in `git diff --unified=0` output. */
export function parseUnifiedDiff(diff: string): Map<string, LineRange[]> {
  const changed = new Map<string, LineRange[]>();
  const lines = diff.split('\n');
  let file: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.startsWith('diff ')) file = null;
    else if (line.startsWith('+++ ')) file = newSidePath(line.slice(4));
    const hunk = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (!hunk) continue;
    const removed = hunk[1] === undefined ? 1 : Number(hunk[1]);
    const start = Number(hunk[2]);
    const added = hunk[3] === undefined ? 1 : Number(hunk[3]);
    if (file !== null && added > 0) {
      const ranges = changed.get(file) ?? [];
      ranges.push({ start, end: start + added - 1 });
      changed.set(file, ranges);
    }
    // Skip the hunk's body by count, so a changed line that reads like a header is not taken for one.
    let body = removed + added;
    while (body > 0 && i + 1 < lines.length) {
      i++;
      if (!lines[i]?.startsWith('\\')) body--;
    }
  }
  for (const [path, ranges] of changed) changed.set(path, mergeRanges(ranges));
  return changed;
}

/** Lines in a file (a last line without a newline counts), read in chunks so a big file costs no memory. */
function countLines(path: string): number {
  const fd = openSync(path, 'r');
  try {
    const chunk = Buffer.alloc(1 << 16);
    let lines = 0;
    let last = 10;
    for (let read = readSync(fd, chunk); read > 0; read = readSync(fd, chunk)) {
      for (let i = 0; i < read; i++) if (chunk[i] === 10) lines++;
      last = chunk[read - 1] ?? 10;
    }
    return last === 10 ? lines : lines + 1;
  } finally {
    closeSync(fd);
  }
}

function resolveCommit(root: string, ref: string): string {
  // `main...` means "since this branch left main": the merge base, as `git diff main...` reads it.
  const [base, mergeBase] = ref.endsWith('...') ? [ref.slice(0, -3), true] : [ref, false];
  let commit: string;
  try {
    commit = git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${base}^{commit}`])
      .toString('utf8')
      .trim();
  } catch {
    throw new GitError(`unknown git ref "${ref}": run git fetch or pass a commit that exists`);
  }
  if (!mergeBase) return commit;
  try {
    return git(root, ['merge-base', commit, 'HEAD']).toString('utf8').trim();
  } catch {
    throw new GitError(`"${base}" and HEAD have no common ancestor: pass a commit instead of "${ref}"`);
  }
}

/**
 * Lines added or modified since `ref` (a commit-ish, or `ref...` for the merge base with HEAD) in the
 * work tree, staged or not, per path relative to `root`; untracked files count as wholly changed, a
 * renamed file only for the lines that differ.
 */
export function changedLineRanges(root: string, ref: string): Map<string, LineRange[]> {
  try {
    git(root, ['rev-parse', '--is-inside-work-tree']);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new GitError('git is not installed (it is needed to audit changed lines)');
    throw new GitError(`not a git repository: ${root} (auditing changed lines needs one)`);
  }
  const commit = resolveCommit(root, ref);
  const diff = git(root, [
    '-c',
    'core.quotePath=false',
    'diff',
    '--unified=0',
    '--no-color',
    '--no-ext-diff',
    '--no-textconv',
    // A moved file is not new code: only the lines changed in the move count.
    '--find-renames',
    '--relative',
    '--src-prefix=a/',
    '--dst-prefix=b/',
    commit,
    '--',
  ]).toString('utf8');
  const changed = parseUnifiedDiff(diff);
  for (const path of git(root, ['ls-files', '--others', '--exclude-standard', '-z'])
    .toString('utf8')
    .split('\0')) {
    if (path === '') continue;
    const absPath = resolve(root, path);
    if (!statSync(absPath, { throwIfNoEntry: false })?.isFile()) continue;
    changed.set(path, [{ start: 1, end: Math.max(1, countLines(absPath)) }]);
  }
  return changed;
}
