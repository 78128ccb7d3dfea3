// Where a Python file's project is (the nearest directory with a manifest or a virtualenv), which
// interpreter and tools it has (its venv first, then PATH), and which tools it configures.
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join, relative, resolve, sep } from 'node:path';

const MARKERS = ['pyproject.toml', 'setup.cfg', 'setup.py', 'requirements.txt', '.venv', 'venv'];

function inside(dir: string, root: string): boolean {
  const rel = relative(root, dir);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && rel !== '..');
}

/** The nearest directory (from the file up to `root`) that holds a manifest or a venv; else `root`. */
export function projectDirOf(absFile: string, root: string): string {
  const top = resolve(root);
  for (let dir = dirname(resolve(absFile)); inside(dir, top); dir = dirname(dir)) {
    if (MARKERS.some((m) => existsSync(join(dir, m)))) return dir;
    if (dir === top) break;
  }
  return top;
}

/** The repository a directory belongs to (the nearest ancestor with `.git`), else the directory itself. */
export function repositoryOf(dir: string): string {
  for (let d = resolve(dir); ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return d;
    if (dirname(d) === d) return resolve(dir);
  }
}

/** The project's virtualenv bin directory (`.venv`, then `venv`), looking up to `root`. */
export function venvBin(projectDir: string, root: string): string | null {
  const top = resolve(root);
  for (let dir = resolve(projectDir); inside(dir, top); dir = dirname(dir)) {
    for (const name of ['.venv', 'venv']) {
      const bin = join(dir, name, 'bin');
      if (isExecutable(join(bin, 'python'))) return bin;
    }
    if (dir === top) break;
  }
  return null;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** A tool from the project's venv, else from PATH; null when neither has it. */
export function findTool(name: string, projectDir: string, root: string): string | null {
  const bin = venvBin(projectDir, root);
  if (bin && isExecutable(join(bin, name))) return join(bin, name);
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return null;
}

/** The interpreter to check a project with: its venv's python, else python3 on PATH. */
export function pythonFor(projectDir: string, root: string): string | null {
  const bin = venvBin(projectDir, root);
  if (bin) return join(bin, 'python');
  return findTool('python3', projectDir, root);
}

function read(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** True when a TOML/INI text has a `[section]` (or a subsection of it) header. */
export function hasSection(text: string | null, section: string): boolean {
  if (!text) return false;
  const escaped = section.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^\\s*\\[${escaped}(?:[.\\]])`, 'm').test(text);
}

export type PythonTool = 'black' | 'ruff' | 'mypy' | 'pyright' | 'pylint';

/** Tools the project configures, judged from its config files (the nearest project dir only). */
export function configuredTools(projectDir: string): Set<PythonTool> {
  const pyproject = read(join(projectDir, 'pyproject.toml'));
  const setupCfg = read(join(projectDir, 'setup.cfg'));
  const tools = new Set<PythonTool>();
  if (hasSection(pyproject, 'tool.black')) tools.add('black');
  if (
    hasSection(pyproject, 'tool.ruff') ||
    existsSync(join(projectDir, 'ruff.toml')) ||
    existsSync(join(projectDir, '.ruff.toml'))
  ) {
    tools.add('ruff');
  }
  if (
    hasSection(pyproject, 'tool.mypy') ||
    hasSection(setupCfg, 'mypy') ||
    ['mypy.ini', '.mypy.ini'].some((f) => existsSync(join(projectDir, f)))
  ) {
    tools.add('mypy');
  }
  if (hasSection(pyproject, 'tool.pyright') || existsSync(join(projectDir, 'pyrightconfig.json')))
    tools.add('pyright');
  if (
    hasSection(pyproject, 'tool.pylint') ||
    hasSection(setupCfg, 'pylint') ||
    ['.pylintrc', 'pylintrc'].some((f) => existsSync(join(projectDir, f)))
  ) {
    tools.add('pylint');
  }
  return tools;
}
