// Lists the files under the paths an audit is given: through git where there is a work tree (fast, and
// it honours .gitignore), by reading directories elsewhere. Symlinked files and directories are
// followed; real paths are tracked so a file reached twice is listed once and a symlink loop ends.
import { type Dirent, lstatSync, readdirSync, realpathSync, type Stats, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { type GitEntry, gitRoot, isIgnoredByGit, listWorkTree } from './git.js';
import { isIgnoredDirectory, isIgnoredFileName } from './ignore.js';

export interface WalkedFile {
  /** Absolute path as reached (through the given path and any symlinks), not resolved. */
  absPath: string;
  /** Relative to the audit root, POSIX separators. */
  path: string;
  realPath: string;
  size: number;
}

export interface Walk {
  /** The git top level containing the given paths, else the directory that contains them all. */
  root: string;
  files: WalkedFile[];
  /** Given paths that do not exist, as given. */
  missing: string[];
}

/** Decides by file name alone, before any file is opened or stat'ed. */
export type WantedFile = (name: string) => boolean;

function isWithin(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function commonAncestor(dirs: readonly string[]): string {
  return dirs.reduce((common, dir) => {
    let candidate = common;
    while (!isWithin(candidate, dir)) candidate = dirname(candidate);
    return candidate;
  });
}

function safeStat(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

class Walker {
  private readonly found = new Map<string, WalkedFile & { viaLink: boolean }>();
  /** Real paths of directories whose whole tree is already listed (git lists recursively). */
  private readonly listedTrees: string[] = [];
  /** Real paths of directories whose listing has started (by git or by reading it). */
  private readonly visitedDirs = new Set<string>();
  private readonly pendingLinks: { absPath: string; name: string }[] = [];

  constructor(
    private readonly root: string,
    private readonly wanted: WantedFile,
  ) {}

  files(): WalkedFile[] {
    return [...this.found.values()]
      .map(({ absPath, path, realPath, size }) => ({ absPath, path, realPath, size }))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  addFile(absPath: string, viaLink: boolean, realPath?: string): void {
    const stats = safeStat(absPath);
    if (!stats?.isFile()) return;
    const real = realPath ?? safeRealpath(absPath);
    if (real === null) return;
    const path = relative(this.root, absPath).split(sep).join('/');
    const current = this.found.get(real);
    // Two ways to one file: keep the one not through a symlink, else the shorter path.
    const better =
      !current || (current.viaLink && !viaLink) || (current.viaLink === viaLink && path < current.path);
    if (better) this.found.set(real, { absPath, path, realPath: real, size: stats.size, viaLink });
  }

  private covered(realDir: string): boolean {
    return this.visitedDirs.has(realDir) || this.listedTrees.some((tree) => isWithin(tree, realDir));
  }

  /**
   * Lists a directory once. A nested repository or submodule sits inside a tree git already listed, but
   * that listing stops at its boundary, so only an earlier visit of the directory itself counts there.
   */
  walkDirectory(
    absDir: string,
    viaLink: boolean,
    kind: 'directory' | 'nested-repository' | 'given' = 'directory',
  ): void {
    const realDir = safeRealpath(absDir);
    if (realDir === null) return;
    if (kind === 'nested-repository' ? this.visitedDirs.has(realDir) : this.covered(realDir)) return;
    const entries = listWorkTree(absDir);
    // A directory git ignores lists nothing; named on purpose, it is read like one outside git.
    const ignoredOnPurpose = kind === 'given' && entries?.length === 0 && isIgnoredByGit(absDir);
    if (entries && !ignoredOnPurpose) this.walkGitEntries(absDir, realDir, entries, viaLink);
    else this.readDirectory(absDir, realDir, viaLink);
  }

  private walkGitEntries(
    absDir: string,
    realDir: string,
    entries: readonly GitEntry[],
    viaLink: boolean,
  ): void {
    this.visitedDirs.add(realDir);
    this.listedTrees.push(realDir);
    const ignoredDir = new Map<string, boolean>();
    const isIgnored = (rel: string): boolean => {
      const parent = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '';
      if (parent === '') return false;
      let known = ignoredDir.get(parent);
      if (known === undefined) {
        known = isIgnored(parent) || isIgnoredDirectory(basename(parent), join(absDir, parent));
        ignoredDir.set(parent, known);
      }
      return known;
    };
    for (const { rel, kind } of entries) {
      const name = basename(rel);
      if (isIgnored(rel)) continue;
      const absPath = join(absDir, rel);
      if (kind === 'directory') {
        if (!isIgnoredDirectory(name, absPath)) this.walkDirectory(absPath, viaLink, 'nested-repository');
      } else if (kind === 'file') {
        if (this.wanted(name) && !isIgnoredFileName(name)) this.addFile(absPath, viaLink, join(realDir, rel));
      } else if (kind === 'symlink') {
        this.pendingLinks.push({ absPath, name });
      } else {
        this.visitEntry(absPath, name, viaLink);
      }
    }
  }

  /** An untracked entry: git does not say whether it is a symlink. */
  private visitEntry(absPath: string, name: string, viaLink: boolean): void {
    if (safeLstat(absPath)?.isSymbolicLink()) {
      this.pendingLinks.push({ absPath, name });
      return;
    }
    const stats = safeStat(absPath);
    if (stats?.isDirectory()) {
      if (!isIgnoredDirectory(name, absPath)) this.walkDirectory(absPath, viaLink);
    } else if (stats?.isFile() && this.wanted(name) && !isIgnoredFileName(name)) {
      this.addFile(absPath, viaLink);
    }
  }

  /**
   * Follows the symlinks met so far, and those met in the directories they lead to. They wait until the
   * real directories are listed so that a file is reported under its real path, not a link's.
   */
  followLinks(): void {
    for (let next = this.pendingLinks.shift(); next; next = this.pendingLinks.shift()) {
      const { absPath, name } = next;
      const stats = safeStat(absPath);
      if (stats?.isDirectory()) {
        if (!isIgnoredDirectory(name, absPath)) this.walkDirectory(absPath, true);
      } else if (stats?.isFile() && this.wanted(name) && !isIgnoredFileName(name)) {
        this.addFile(absPath, true);
      }
    }
  }

  private readDirectory(absDir: string, realDir: string, viaLink: boolean): void {
    this.visitedDirs.add(realDir);
    let entries: Dirent[];
    try {
      entries = readdirSync(absDir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const absPath = join(absDir, entry.name);
      if (entry.isDirectory()) {
        if (!isIgnoredDirectory(entry.name, absPath) && !this.covered(join(realDir, entry.name))) {
          this.readDirectory(absPath, join(realDir, entry.name), viaLink);
        }
      } else if (entry.isSymbolicLink()) {
        this.pendingLinks.push({ absPath, name: entry.name });
      } else if (entry.isFile() && this.wanted(entry.name) && !isIgnoredFileName(entry.name)) {
        this.addFile(absPath, viaLink, join(realDir, entry.name));
      }
    }
  }
}

function safeLstat(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

function safeRealpath(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}

/**
 * The files under `paths` (files or directories, relative to cwd; none means cwd) whose names `wanted`
 * accepts, minus ignored directories and files. A path named explicitly is taken even when it is in an
 * ignored directory or ignored by git; the ignores apply below the paths given.
 */
export function walkFiles(paths: readonly string[], cwd: string, wanted: WantedFile): Walk {
  const given = (paths.length > 0 ? paths : ['.']).map((path) => ({ path, absPath: resolve(cwd, path) }));
  const existing = given.flatMap(({ absPath }) => {
    const stats = safeStat(absPath);
    return stats ? [{ absPath, isDirectory: stats.isDirectory() }] : [];
  });
  const missing = given
    .filter(({ absPath }) => !existing.some((e) => e.absPath === absPath))
    .map(({ path }) => path);

  const dirs = existing.map(({ absPath, isDirectory }) => (isDirectory ? absPath : dirname(absPath)));
  const anchor =
    dirs.every((dir) => isWithin(cwd, dir)) || dirs.length === 0 ? resolve(cwd) : commonAncestor(dirs);
  const root = gitRoot(anchor) ?? anchor;

  const walker = new Walker(root, wanted);
  for (const { absPath, isDirectory } of existing) {
    if (isDirectory) walker.walkDirectory(absPath, false, 'given');
    else if (wanted(basename(absPath)) && !isIgnoredFileName(basename(absPath)))
      walker.addFile(absPath, false);
  }
  walker.followLinks();
  return { root, files: walker.files(), missing };
}
