// Formats planned text with the project's own formatter: Prettier when the project configures it and has
// it installed, else Biome likewise; otherwise the planner already wrote in the file's own style. A file
// the formatter would change as it stands is not one the project keeps formatted: reformatting it would
// bury our change in unrelated edits, so it is left in its own style.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { readTextFile } from '../../../edit/text-file.js';
import { FormatError, type Formatter } from '../../../instrument/types.js';
import { findUp, nearestFile, projectBinary } from './project-files.js';

const PRETTIER_CONFIGS = [
  '.prettierrc',
  '.prettierrc.json',
  '.prettierrc.json5',
  '.prettierrc.yaml',
  '.prettierrc.yml',
  '.prettierrc.toml',
  '.prettierrc.js',
  '.prettierrc.cjs',
  '.prettierrc.mjs',
  '.prettierrc.ts',
  'prettier.config.js',
  'prettier.config.cjs',
  'prettier.config.mjs',
  'prettier.config.ts',
];
const BIOME_CONFIGS = ['biome.json', 'biome.jsonc'];

interface Tool {
  name: string;
  binary: string;
  args: (absPath: string) => string[];
}

/** The formatter the project uses for `absPath`, or null. */
function projectFormatter(absPath: string): Tool | null {
  const dir = dirname(absPath);
  const prettier = projectBinary(dir, 'prettier');
  if (prettier && usesPrettier(dir)) {
    return { name: 'prettier', binary: prettier, args: (p) => ['--stdin-filepath', p] };
  }
  const biome = projectBinary(dir, 'biome');
  if (biome && nearestFile(dir, BIOME_CONFIGS)) {
    return { name: 'biome', binary: biome, args: (p) => ['format', `--stdin-file-path=${p}`] };
  }
  return null;
}

function usesPrettier(dir: string): boolean {
  if (nearestFile(dir, PRETTIER_CONFIGS)) return true;
  // A `prettier` key in package.json, or prettier among the nearest package's dependencies (defaults).
  const pkg = findUp(dir, (d) => existsSync(`${d}/package.json`));
  if (!pkg) return false;
  try {
    const json = JSON.parse(readFileSync(`${pkg}/package.json`, 'utf8')) as Record<
      string,
      Record<string, string> | undefined
    >;
    return (
      json.prettier !== undefined ||
      json.devDependencies?.prettier !== undefined ||
      json.dependencies?.prettier !== undefined
    );
  } catch {
    return false;
  }
}

function run(tool: Tool, absPath: string, text: string): string {
  const result = spawnSync(tool.binary, tool.args(absPath), {
    cwd: dirname(absPath),
    input: text,
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw new FormatError(`${tool.name} could not run: ${result.error.message}`);
  if (result.status !== 0)
    throw new FormatError(`${tool.name} rejected ${absPath}: ${(result.stderr || result.stdout).trim()}`);
  return result.stdout;
}

export const typescriptFormatter: Formatter = {
  format(absPath, text) {
    const tool = projectFormatter(absPath);
    if (!tool) return { text, command: null };
    if (existsSync(absPath)) {
      const original = readTextFile(absPath).text;
      let kept: boolean;
      try {
        kept = run(tool, absPath, original) === original;
      } catch {
        kept = false;
      }
      if (!kept) return { text, command: null };
    }
    return { text: run(tool, absPath, text), command: `${tool.binary} ${tool.args(absPath).join(' ')}` };
  },
};
