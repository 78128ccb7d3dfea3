// Finding a project's own files and tools from a source file upwards: tsconfig.json, package.json,
// formatter configs, and binaries in node_modules/.bin.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The first directory from `start` upwards (to the filesystem root) where `test` holds. */
export function findUp(start: string, test: (dir: string) => boolean): string | null {
  for (let dir = start; ; dir = dirname(dir)) {
    if (test(dir)) return dir;
    if (dirname(dir) === dir) return null;
  }
}

/** `node_modules/.bin/<name>` of the nearest project that has it. */
export function projectBinary(start: string, name: string): string | null {
  const dir = findUp(start, (d) => existsSync(join(d, 'node_modules', '.bin', name)));
  return dir ? join(dir, 'node_modules', '.bin', name) : null;
}

/** The nearest file named one of `names`, as a path. */
export function nearestFile(start: string, names: readonly string[]): string | null {
  let found: string | null = null;
  findUp(start, (d) => {
    const name = names.find((n) => existsSync(join(d, n)));
    if (name) found = join(d, name);
    return name !== undefined;
  });
  return found;
}

/** JSON with comments and trailing commas (tsconfig.json, biome.jsonc), or null when unreadable. */
export function readJsonc(path: string): unknown {
  try {
    return JSON.parse(stripJsonComments(readFileSync(path, 'utf8')));
  } catch {
    return null;
  }
}

function stripJsonComments(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      out += text.slice(start, i + 1);
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      i = text.indexOf('*/', i + 2);
      if (i < 0) break;
      i++;
    } else out += c;
  }
  return out.replace(/,(\s*[}\]])/g, '$1');
}
