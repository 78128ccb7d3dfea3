// Which files an audit reads: those an adapter claims under the given paths, minus ignored directories,
// the standards' exclude globs and test files, with every skip explained.
import type { Language } from '../lang/facts.js';
import { globMatcher } from './glob.js';
import { isTestPath, languageOfPath } from './languages.js';
import { DEFAULT_MAX_FILE_BYTES, formatBytes } from './limits.js';
import { walkFiles } from './walk.js';

export interface DiscoveredFile {
  absPath: string;
  /** Relative to the audit root, POSIX separators: what reports show. */
  path: string;
  language: Language;
  /** Size in bytes when discovered (pass it to readSource). */
  size: number;
}

export interface Discovery {
  /** The git top level if the paths are inside one, else cwd (or the directory holding every path given). */
  root: string;
  /** Sorted by path; a file reached through several paths or symlinks appears once. */
  files: DiscoveredFile[];
  skipped: { file: string; reason: string }[];
  /** Paths given that do not exist, as given. */
  missing: string[];
}

export interface DiscoverOptions {
  cwd: string;
  /** Standards `include` globs (empty: everything). */
  include: readonly string[];
  /** Standards `exclude` globs. */
  exclude: readonly string[];
  maxFileBytes?: number;
}

export async function discoverFiles(paths: readonly string[], opts: DiscoverOptions): Promise<Discovery> {
  const maxFileBytes = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const walk = walkFiles(paths, opts.cwd, (name) => languageOfPath(name) !== null);
  const included = opts.include.length > 0 ? globMatcher(opts.include) : () => true;
  const excluded = globMatcher(opts.exclude);

  const files: DiscoveredFile[] = [];
  const skipped: Discovery['skipped'] = [];
  for (const file of walk.files) {
    const language = languageOfPath(file.path);
    if (language === null || !included(file.path) || excluded(file.path)) continue;
    if (isTestPath(file.path, language)) skipped.push({ file: file.path, reason: 'test file' });
    else if (file.size > maxFileBytes)
      skipped.push({ file: file.path, reason: `larger than ${formatBytes(maxFileBytes)}` });
    else files.push({ absPath: file.absPath, path: file.path, language, size: file.size });
  }
  return { root: walk.root, files, skipped, missing: walk.missing };
}
