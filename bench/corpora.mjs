// Benchmark corpora that exist on every machine that can build otelwright: the Python and Go standard
// libraries and the JavaScript/TypeScript shipped in this project's node_modules. Each corpus is copied to a
// scratch directory outside any git repository, so the parse-only baseline and the audit read exactly the
// same files and the audit's .gitignore, vendor/ and node_modules/ rules cannot quietly shrink its share.
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  statSync,
} from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

/** Directories the audit skips or that hold deliberately broken code: leave them out of every corpus. */
const SKIPPED_DIRS = new Set([
  'node_modules',
  'vendor',
  'testdata',
  'test',
  'tests',
  '__tests__',
  'idle_test',
  'fixtures',
  '__fixtures__',
  'site-packages',
  'dist-packages',
  '__pycache__',
]);

/** Path segments renamed in the copy, in case the audit treats build output as generated. */
const RENAMED_SEGMENTS = new Set(['dist', 'build', 'out', 'lib-cov', 'coverage']);

/** Bundles and minified files are not code anyone instruments by hand. */
const MAX_FILE_BYTES = 1024 * 1024;

const GENERATED_MARKER = /Code generated .* DO NOT EDIT|@generated|DO NOT EDIT|auto-?generated/i;

function commandOutput(command, args) {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/**
 * The corpora, each with how to find its root and which files belong to it. `root()` returns null when
 * the toolchain that ships the corpus is absent.
 */
export const CORPORA = {
  python: {
    label: 'Python stdlib',
    root: () => commandOutput('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])']),
    accepts: (name) =>
      name.endsWith('.py') &&
      !name.startsWith('test_') &&
      !name.endsWith('_test.py') &&
      name !== 'conftest.py',
  },
  go: {
    label: 'Go stdlib',
    root: () => {
      const goroot = commandOutput('go', ['env', 'GOROOT']);
      return goroot ? join(goroot, 'src') : null;
    },
    accepts: (name) => name.endsWith('.go') && !name.endsWith('_test.go'),
  },
  ts: {
    label: 'JS/TS in node_modules',
    root: (projectRoot) => {
      const dir = join(projectRoot, 'node_modules');
      return existsSync(dir) ? dir : null;
    },
    accepts: (name) =>
      /\.(ts|tsx|mts|cts|js|mjs|cjs|jsx)$/.test(name) &&
      !/\.d\.[mc]?ts$/.test(name) &&
      !/\.min\.js$/.test(name) &&
      !/\.(test|spec)\.[mc]?[jt]sx?$/.test(name),
  },
};

function walk(dir, accepts, out) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) walk(path, accepts, out);
    } else if (entry.isFile() && accepts(entry.name)) {
      out.push(path);
    }
  }
}

function looksGenerated(path) {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(1024);
    const n = readSync(fd, head, 0, head.length, 0);
    return GENERATED_MARKER.test(head.subarray(0, n).toString('utf8'));
  } finally {
    closeSync(fd);
  }
}

/** Every file of the corpus the audit would treat as hand-written source, sorted for a stable order. */
export function discover(root, accepts) {
  const found = [];
  walk(root, accepts, found);
  return found.filter((path) => statSync(path).size <= MAX_FILE_BYTES && !looksGenerated(path)).sort();
}

/** An evenly spread sample of `max` files, so a capped run still covers the whole tree, not its first letters. */
export function sample(files, max) {
  if (!max || files.length <= max) return files;
  return Array.from({ length: max }, (_, i) => files[Math.floor((i * files.length) / max)]);
}

function copyPathFor(root, file) {
  return relative(root, file)
    .split(sep)
    .map((segment, i, all) => (i < all.length - 1 && RENAMED_SEGMENTS.has(segment) ? `${segment}_` : segment))
    .join(sep);
}

/** Copies the files under `target`, keeping their layout (Go packages and Python modules stay intact). */
export function materialise(root, files, target) {
  return files.map((file) => {
    const copy = join(target, copyPathFor(root, file));
    mkdirSync(dirname(copy), { recursive: true });
    copyFileSync(file, copy);
    return copy;
  });
}
