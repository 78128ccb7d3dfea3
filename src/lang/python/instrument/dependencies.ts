// Declares `opentelemetry-api` where the project declares its dependencies, when it is missing: the
// `[project] dependencies` array of pyproject.toml, Poetry's `[tool.poetry.dependencies]`, or
// requirements.txt. The new entry follows the file's own style (quotes, indentation, trailing comma,
// sorted order, line breaks) and the version of the other OpenTelemetry packages it pins, if any.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { DependencyWiring } from '../../../instrument/types.js';
import { projectDirOf } from './project.js';

/** The decorator form on `async def` needs opentelemetry-api 1.24.0 (open-telemetry/opentelemetry-python#3633). */
export const MINIMUM_API_VERSION = '1.24.0';
const PACKAGE = 'opentelemetry-api';

type Manifest = { kind: 'pep621' | 'poetry' | 'requirements'; path: string };

function normalise(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

const REQUIREMENT = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(==|>=|~=)?\s*([0-9][\w.]*)?/;

/** `==1.45.2` when the file pins another opentelemetry package exactly, else `>=1.24.0`. */
function versionSpec(requirements: readonly string[]): string {
  for (const r of requirements) {
    const m = REQUIREMENT.exec(r);
    if (
      m &&
      /^opentelemetry-(sdk|exporter|instrumentation|proto)/.test(normalise(m[1]!)) &&
      m[2] === '==' &&
      m[3] &&
      /^1\./.test(m[3])
    ) {
      const [, minor] = m[3].split('.').map(Number) as [number, number];
      if (minor >= 24) return `==${m[3]}`;
    }
  }
  return `>=${MINIMUM_API_VERSION}`;
}

/** The pinned opentelemetry-api version when it is below what the generated code needs, else null. */
function tooOldPin(requirements: readonly string[]): string | null {
  for (const r of requirements) {
    const m = /^\s*opentelemetry[-_.]api\s*(==|<=|<|~=)\s*([0-9][\w.]*)/i.exec(r);
    if (!m) continue;
    const [major = 0, minor = 0] = m[2]!.split('.').map(Number);
    if (major < 1 || (major === 1 && minor < 24)) return `${m[1]}${m[2]}`;
  }
  return null;
}

function declares(requirements: readonly string[]): boolean {
  return requirements.some((r) => normalise(REQUIREMENT.exec(r)?.[1] ?? '') === PACKAGE);
}

function isSorted(names: readonly string[]): boolean {
  return names.every((n, i) => i === 0 || names[i - 1]!.toLowerCase() <= n.toLowerCase());
}

/** The `[table]` body: from after its header line to the next table header (or the end). */
function tableRange(text: string, table: string): { start: number; end: number } | null {
  const header = new RegExp(`^\\[${table.replace(/\./g, '\\.')}\\][ \\t]*(?:#.*)?$`, 'm').exec(text);
  if (!header) return null;
  const start = header.index + header[0].length;
  const next = /^\[/m.exec(text.slice(start));
  return { start, end: next ? start + next.index : text.length };
}

/** The `dependencies = [...]` array of `[project]`: its brackets and its string items. */
function pep621Array(text: string): {
  open: number;
  close: number;
  items: { value: string; start: number; end: number; quote: string }[];
} | null {
  const table = tableRange(text, 'project');
  if (!table) return null;
  const key = /^dependencies\s*=\s*\[/m.exec(text.slice(table.start, table.end));
  if (!key) return null;
  const open = table.start + key.index + key[0].length - 1;
  const items: { value: string; start: number; end: number; quote: string }[] = [];
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i]!;
    if (c === '#') i = text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i);
    else if (c === '"' || c === "'") {
      const end = text.indexOf(c, i + 1);
      if (end < 0) return null;
      items.push({ value: text.slice(i + 1, end), start: i, end: end + 1, quote: c });
      i = end;
    } else if (c === ']') return { open, close: i, items };
  }
  return null;
}

function editPep621(text: string, eol: string): string | null {
  const array = pep621Array(text);
  if (!array) return null;
  const values = array.items.map((i) => i.value);
  if (declares(values)) return text;
  const quote = array.items[0]?.quote ?? '"';
  const entry = `${quote}${PACKAGE}${versionSpec(values)}${quote}`;
  const inner = text.slice(array.open + 1, array.close);
  if (array.items.length === 0) return `${text.slice(0, array.open + 1)}${entry}${text.slice(array.close)}`;
  const names = values.map((v) => REQUIREMENT.exec(v)?.[1] ?? v);
  const before = isSorted(names) ? array.items.find((_, k) => names[k]!.toLowerCase() > PACKAGE) : undefined;
  if (!inner.includes('\n')) {
    // One line: `["a", "b"]`.
    if (before) return `${text.slice(0, before.start)}${entry}, ${text.slice(before.start)}`;
    const last = array.items[array.items.length - 1]!;
    return `${text.slice(0, last.end)}, ${entry}${text.slice(last.end)}`;
  }
  const lineStart = (at: number) => text.lastIndexOf('\n', at - 1) + 1;
  if (before) {
    const start = lineStart(before.start);
    const indent = text.slice(start, before.start);
    return `${text.slice(0, start)}${indent}${entry},${eol}${text.slice(start)}`;
  }
  const last = array.items[array.items.length - 1]!;
  const indent = text.slice(lineStart(last.start), last.start);
  const trailingComma = /^\s*,/.test(text.slice(last.end, array.close));
  const afterLast = trailingComma ? text.indexOf(',', last.end) + 1 : last.end;
  return `${text.slice(0, afterLast)}${trailingComma ? '' : ','}${eol}${indent}${entry}${trailingComma ? ',' : ''}${text.slice(afterLast)}`;
}

function editPoetry(text: string, eol: string): string | null {
  const table = tableRange(text, 'tool.poetry.dependencies');
  if (!table) return null;
  const body = text.slice(table.start, table.end);
  if (/^\s*opentelemetry[-_.]api\s*=/im.test(body)) return text;
  const trimmed = body.replace(/\s+$/, '');
  const at = table.start + trimmed.length;
  return `${text.slice(0, at)}${eol}${PACKAGE} = ">=${MINIMUM_API_VERSION}"${text.slice(at)}`;
}

function editRequirements(text: string, eol: string): string | null {
  if (/autogenerated by pip-compile|generated by uv|poetry export/i.test(text.slice(0, 500))) return null;
  const lines = text.split(/\r?\n/);
  const packageLines = lines
    .map((l, i) => ({ l, i }))
    .filter(({ l }) => REQUIREMENT.test(l) && !/^\s*-/.test(l));
  const values = packageLines.map(({ l }) => l.trim());
  if (declares(values)) return text;
  const entry = `${PACKAGE}${versionSpec(values)}`;
  const names = values.map((v) => REQUIREMENT.exec(v)![1]!);
  if (packageLines.length > 0 && isSorted(names)) {
    const next = packageLines.find((_, k) => names[k]!.toLowerCase() > PACKAGE);
    if (next) {
      lines.splice(next.i, 0, entry);
      return lines.join(eol);
    }
  }
  const endsWithBreak = text.length === 0 || /\n$/.test(text);
  return `${text}${endsWithBreak ? '' : eol}${entry}${eol}`;
}

function manifestOf(projectDir: string): Manifest | null {
  const pyproject = join(projectDir, 'pyproject.toml');
  const requirements = join(projectDir, 'requirements.txt');
  if (existsSync(pyproject)) {
    const text = readFileSync(pyproject, 'utf8');
    if (pep621Array(text)) return { kind: 'pep621', path: pyproject };
    if (tableRange(text, 'tool.poetry.dependencies')) return { kind: 'poetry', path: pyproject };
  }
  if (existsSync(requirements)) return { kind: 'requirements', path: requirements };
  return null;
}

function declaredRequirements(manifest: Manifest, text: string): string[] {
  if (manifest.kind === 'pep621') return pep621Array(text)?.items.map((i) => i.value) ?? [];
  if (manifest.kind === 'requirements') return text.split(/\r?\n/);
  const line = /^\s*opentelemetry[-_.]api\s*=\s*["']([^"']*)["']/im.exec(text);
  return line ? [`opentelemetry-api${line[1]!.replace(/^\^/, '~=')}`] : [];
}

function edited(manifest: Manifest): string | null {
  const text = readFileSync(manifest.path, 'utf8');
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  if (manifest.kind === 'pep621') return editPep621(text, eol);
  if (manifest.kind === 'poetry') return editPoetry(text, eol);
  return editRequirements(text, eol);
}

export const pythonDependencies: DependencyWiring = {
  manifests(files, root) {
    const paths = new Set<string>();
    for (const file of files) {
      const manifest = manifestOf(projectDirOf(file, root));
      if (manifest) paths.add(manifest.path);
    }
    return [...paths].sort();
  },

  apply(files, root) {
    const changed: string[] = [];
    const actions: string[] = [];
    const projects = [...new Set(files.map((f) => projectDirOf(f, root)))].sort();
    for (const dir of projects) {
      const manifest = manifestOf(dir);
      const where = relative(root, dir) || '.';
      if (!manifest) {
        actions.push(
          `${where}: no pyproject.toml or requirements.txt declares dependencies; add ${PACKAGE}>=${MINIMUM_API_VERSION} to the project's dependencies`,
        );
        continue;
      }
      const before = readFileSync(manifest.path, 'utf8');
      const after = edited(manifest);
      const name = relative(root, manifest.path);
      const old = tooOldPin(declaredRequirements(manifest, before));
      if (old) {
        actions.push(
          `${name} pins ${PACKAGE}${old}: the generated @tracer.start_as_current_span decorator needs ${PACKAGE}>=${MINIMUM_API_VERSION} to trace async functions; raise the pin`,
        );
      }
      if (after === null) {
        actions.push(
          `${name} is generated: add ${PACKAGE}>=${MINIMUM_API_VERSION} to its source and regenerate it`,
        );
      } else if (after !== before) {
        writeFileSync(manifest.path, after);
        changed.push(manifest.path);
        actions.push(`added ${PACKAGE} to ${name}`);
      }
    }
    return { changed, actions };
  },
};
