// Adds '@opentelemetry/api' to the nearest package.json of the changed files when it is missing. The
// manifest is edited as text (see package-json.ts); nothing is installed: the project's own install
// step does that.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { encodeLike, readTextFile, writeAtomic } from '../../../edit/text-file.js';
import type { DependencyWiring } from '../../../instrument/types.js';
import { OTEL_API } from './module-setup.js';
import { addDependency } from './package-json.js';

/** A current 1.x range: the API is stable, and the SDK the application installs picks the version. */
export const API_RANGE = '^1.9.0';

/** The nearest package.json from the file up to the audit root. */
function manifestOf(file: string, root: string): string | null {
  const top = resolve(root);
  for (let dir = dirname(resolve(file)); !relative(top, dir).startsWith('..'); dir = dirname(dir)) {
    const path = join(dir, 'package.json');
    if (existsSync(path)) return path;
    if (dir === top || dirname(dir) === dir) break;
  }
  return null;
}

/** The range the project already uses (devDependencies, peerDependencies), else ours. */
function rangeFor(manifest: string): string | null {
  const json = JSON.parse(readFileSync(manifest, 'utf8')) as Record<
    string,
    Record<string, string> | undefined
  >;
  if (json.dependencies?.[OTEL_API] || json.peerDependencies?.[OTEL_API]) return null;
  return json.devDependencies?.[OTEL_API] ?? API_RANGE;
}

export const typescriptDependencies: DependencyWiring = {
  manifests(files, root) {
    return [...new Set(files.flatMap((f) => manifestOf(f, root) ?? []))].sort();
  },

  apply(files, root) {
    const changed: string[] = [];
    const actions: string[] = [];
    for (const manifest of this.manifests(files, root)) {
      const range = rangeFor(manifest);
      if (range === null) continue;
      const file = readTextFile(manifest);
      const next = addDependency(file.text, OTEL_API, range);
      if (next === null) continue;
      writeAtomic(manifest, encodeLike(file, next), file.mode);
      changed.push(manifest);
      actions.push(
        `added ${OTEL_API}@${range} to dependencies in ${relative(root, manifest) || 'package.json'} (run your package manager's install)`,
      );
    }
    return { changed, actions };
  },
};
