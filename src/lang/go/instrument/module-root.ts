// The Go module a file belongs to: the nearest go.mod above it.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Directory of the nearest go.mod at or above `dir`, or null when the file is in no module. */
export function moduleRoot(dir: string): string | null {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, 'go.mod'))) return d;
    if (dirname(d) === d) return null;
  }
}
