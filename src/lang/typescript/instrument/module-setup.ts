// What the module needs at top level for the generated code: `trace` and `SpanStatusCode` from
// '@opentelemetry/api' (reusing an existing import, alias or namespace; merged into an existing import
// when there is one) and the module's tracer (`const tracer = trace.getTracer('<scope>')`).
import type Parser from 'tree-sitter';
import type { TextEdit } from '../../../edit/model.js';
import { freshName } from './names.js';
import { indentAt, startsLine } from './reindent.js';
import { type CodeStyle, quoted, semi } from './style.js';

type Node = Parser.SyntaxNode;

export const OTEL_API = '@opentelemetry/api';

export type ModuleSystem = 'esm' | 'cjs';

/** How generated code refers to the API: `trace`, `otelTrace` or `api.trace`. */
export interface OtelRefs {
  trace: string;
  statusCode: string;
  tracer: string;
}

export interface SetupRequest {
  root: Node;
  text: string;
  style: CodeStyle;
  system: ModuleSystem;
  /** Status codes are referenced (the error policy sets status). */
  needStatusCode: boolean;
  /** New spans are started, so the module needs a tracer. */
  needTracer: boolean;
  /** An existing module tracer to reuse, or the name a new one should take. */
  tracer: { existing: string | null; name: string };
  scopeName: string;
  /** Names used inside the functions being instrumented: module-level names we add must not clash. */
  usedInTargets: (name: string) => boolean;
}

interface ApiImport {
  /** imported name → local name, for value imports. */
  named: Map<string, string>;
  /** `import * as api`, `import api from`, `const api = require(...)`. */
  namespace: string | null;
  /** Where new named bindings can be merged: `{ ... }` of an import or a destructuring require. */
  mergeInto: Node | null;
  cjs: boolean;
}

interface TopLevel {
  api: ApiImport;
  bindings: Set<string>;
  lastImport: Node | null;
  lastRequire: Node | null;
  imports: Node[];
}

export function planModuleSetup(req: SetupRequest): { refs: OtelRefs; edits: TextEdit[] } {
  const top = readTopLevel(req.root);
  const taken = (name: string) => top.bindings.has(name) || req.usedInTargets(name);
  const adds: { imported: string; local: string }[] = [];
  const ref = (imported: string, preferred: string, fallback: string): string => {
    const local = top.api.named.get(imported);
    if (local) return local;
    if (top.api.namespace) return `${top.api.namespace}.${imported}`;
    const name = freshName(taken, preferred, [fallback]);
    adds.push({ imported, local: name });
    return name;
  };
  const declareTracer = req.needTracer && req.tracer.existing === null;
  const statusCode = req.needStatusCode ? ref('SpanStatusCode', 'SpanStatusCode', 'OtelSpanStatusCode') : '';
  const trace = declareTracer ? ref('trace', 'trace', 'otelTrace') : '';
  const tracer = req.tracer.existing ?? freshName(taken, req.tracer.name, ['otelTracer']);
  const refs = { trace, statusCode, tracer };

  const edits: TextEdit[] = [];
  const s = semi(req.style);
  const merged = adds.length > 0 && top.api.mergeInto !== null;
  if (merged && top.api.mergeInto)
    edits.push(...mergeSpecifiers(top.api.mergeInto, adds, top.api.cjs, req.text));
  const importLine = adds.length > 0 && !merged ? newImportLine(adds, req.system, req.style) : null;
  const tracerLine = declareTracer
    ? `const ${tracer} = ${trace}.getTracer(${quoted(req.scopeName, req.style)})${s}`
    : null;

  const anchor = req.system === 'cjs' ? top.lastRequire : top.lastImport;
  if (anchor) {
    // A new ESM import goes where a reader looks for it (see importPosition); the tracer after all imports.
    const place = importLine && req.system === 'esm' ? importPosition(top.imports) : null;
    const importAfterAnchor =
      importLine !== null && (place === null || (place.after && place.node === anchor));
    if (importLine && place && !importAfterAnchor) {
      const at = place.after ? place.node.endIndex : place.node.startIndex;
      edits.push({ start: at, end: at, text: place.after ? `\n${importLine}` : `${importLine}\n` });
    }
    // The tracer declaration stands apart: a blank line before it and after it.
    const spaced = tracerLine && !req.text.startsWith('\n\n', anchor.endIndex) ? '\n' : '';
    const afterAnchor = `${importAfterAnchor ? `\n${importLine}` : ''}${tracerLine ? `\n\n${tracerLine}${spaced}` : ''}`;
    if (afterAnchor) edits.push({ start: anchor.endIndex, end: anchor.endIndex, text: afterAnchor });
  } else {
    const lines = [importLine, tracerLine].filter((l): l is string => l !== null);
    if (lines.length > 0) {
      const at = preambleEnd(req.root, req.text);
      edits.push({ start: at, end: at, text: `${lines.join('\n\n')}\n\n` });
    }
  }
  return { refs, edits };
}

function readTopLevel(root: Node): TopLevel {
  const api: ApiImport = { named: new Map(), namespace: null, mergeInto: null, cjs: false };
  const bindings = new Set<string>();
  const imports: Node[] = [];
  let lastImport: Node | null = null;
  let lastRequire: Node | null = null;
  for (const statement of root.namedChildren) {
    if (statement.type === 'import_statement') {
      lastImport = statement;
      imports.push(statement);
      readImport(statement, api, bindings);
      continue;
    }
    const declaration =
      statement.type === 'export_statement'
        ? (statement.childForFieldName('declaration') ?? statement)
        : statement;
    if (declaration.type === 'lexical_declaration' || declaration.type === 'variable_declaration') {
      for (const declarator of declaration.namedChildren.filter((c) => c.type === 'variable_declarator')) {
        const name = declarator.childForFieldName('name');
        if (name)
          for (const id of name.type === 'identifier' ? [name] : patternNames(name)) bindings.add(id.text);
        const value = declarator.childForFieldName('value');
        const source = requireSource(value);
        if (source !== null) {
          lastRequire = statement;
          if (source === OTEL_API && name) readRequire(name, api);
        }
      }
    } else if (
      statement.type === 'expression_statement' &&
      requireSource(statement.firstNamedChild) !== null
    ) {
      lastRequire = statement;
    } else {
      const name = declaration.childForFieldName('name');
      if (name && /declaration$/.test(declaration.type)) bindings.add(name.text);
    }
  }
  return { api, bindings, lastImport, lastRequire, imports };
}

function readImport(statement: Node, api: ApiImport, bindings: Set<string>): void {
  const source = statement.childForFieldName('source');
  const fromApi = source?.text.slice(1, -1) === OTEL_API;
  const typeOnly = /^import\s+type\b/.test(statement.text);
  const clause = statement.namedChildren.find((c) => c.type === 'import_clause');
  if (!clause) {
    // `import x = require('y')` (TypeScript).
    const alias = statement.namedChildren.find((c) => c.type === 'identifier');
    if (alias) bindings.add(alias.text);
    return;
  }
  for (const part of clause.namedChildren) {
    if (part.type === 'identifier') {
      bindings.add(part.text);
      if (fromApi && !typeOnly) api.namespace = part.text;
    } else if (part.type === 'namespace_import') {
      const id = part.namedChildren.find((c) => c.type === 'identifier');
      if (id) bindings.add(id.text);
      if (id && fromApi && !typeOnly) api.namespace = id.text;
    } else if (part.type === 'named_imports') {
      if (fromApi && !typeOnly) api.mergeInto = part;
      for (const spec of part.namedChildren.filter((c) => c.type === 'import_specifier')) {
        const imported = spec.childForFieldName('name')?.text ?? '';
        const local = spec.childForFieldName('alias')?.text ?? imported;
        bindings.add(local);
        if (fromApi && !typeOnly && !/^type\s/.test(spec.text)) api.named.set(imported, local);
      }
    }
  }
}

function readRequire(name: Node, api: ApiImport): void {
  if (name.type === 'identifier') {
    api.namespace = name.text;
    return;
  }
  if (name.type !== 'object_pattern') return;
  api.mergeInto = name;
  api.cjs = true;
  for (const prop of name.namedChildren) {
    if (prop.type === 'shorthand_property_identifier_pattern') api.named.set(prop.text, prop.text);
    else if (prop.type === 'pair_pattern') {
      const key = prop.childForFieldName('key')?.text;
      const value = prop.childForFieldName('value');
      if (key && value?.type === 'identifier') api.named.set(key, value.text);
    }
  }
}

function patternNames(pattern: Node): Node[] {
  return pattern.descendantsOfType(['identifier', 'shorthand_property_identifier_pattern']).filter((n) => {
    const parent = n.parent;
    // In `{ key: local }` only `local` is bound; default values (`= x`) bind nothing.
    if (parent?.type === 'pair_pattern' && parent.childForFieldName('key')?.startIndex === n.startIndex)
      return false;
    if (
      parent?.type === 'assignment_pattern' &&
      parent.childForFieldName('right')?.startIndex === n.startIndex
    )
      return false;
    return true;
  });
}

/** `require('x')` (possibly `.member` or awaited) → 'x'. */
function requireSource(node: Node | null | undefined): string | null {
  let current = node ?? null;
  while (current && current.type === 'member_expression') current = current.childForFieldName('object');
  if (current?.type !== 'call_expression') return null;
  if (current.childForFieldName('function')?.text !== 'require') return null;
  const arg = current.childForFieldName('arguments')?.namedChildren[0];
  return arg?.type === 'string' ? arg.text.slice(1, -1) : null;
}

function specifierText(add: { imported: string; local: string }, cjs: boolean): string {
  if (add.imported === add.local) return add.imported;
  return cjs ? `${add.imported}: ${add.local}` : `${add.imported} as ${add.local}`;
}

/** Adds specifiers to `{ a, b }`: in sorted position when the list is sorted, else at the end. */
function mergeSpecifiers(
  list: Node,
  adds: { imported: string; local: string }[],
  cjs: boolean,
  text: string,
): TextEdit[] {
  const items = list.namedChildren.filter((c) => c.type !== 'comment');
  const nameOf = (n: Node) =>
    (n.childForFieldName('name') ?? n.childForFieldName('key') ?? n).text.toLowerCase();
  const sorted = items.every((n, i) => i === 0 || nameOf(items[i - 1] as Node) <= nameOf(n));
  const multiline = list.startPosition.row !== list.endPosition.row;
  const edits: TextEdit[] = [];
  for (const add of adds) {
    const spec = specifierText(add, cjs);
    const key = add.imported.toLowerCase();
    const before = sorted ? items.find((n) => nameOf(n) > key) : undefined;
    if (before) {
      const sep = multiline ? `\n${indentAt(text, before.startIndex)}` : ' ';
      edits.push({ start: before.startIndex, end: before.startIndex, text: `${spec},${sep}` });
      continue;
    }
    const last = items[items.length - 1];
    if (!last) {
      const open = list.startIndex + 1;
      edits.push({ start: open, end: list.endIndex - 1, text: ` ${spec} ` });
      continue;
    }
    const comma = last.nextSibling?.type === ',' ? last.nextSibling : null;
    if (multiline) {
      const ind = indentAt(text, last.startIndex);
      edits.push(
        comma
          ? { start: comma.endIndex, end: comma.endIndex, text: `\n${ind}${spec},` }
          : { start: last.endIndex, end: last.endIndex, text: `,\n${ind}${spec}` },
      );
    } else {
      edits.push({ start: last.endIndex, end: last.endIndex, text: `, ${spec}` });
    }
  }
  return edits;
}

function newImportLine(
  adds: { imported: string; local: string }[],
  system: ModuleSystem,
  style: CodeStyle,
): string {
  const sorted = [...adds].sort((a, b) => a.imported.toLowerCase().localeCompare(b.imported.toLowerCase()));
  const specs = sorted.map((a) => specifierText(a, system === 'cjs')).join(', ');
  const source = quoted(OTEL_API, style);
  return system === 'cjs'
    ? `const { ${specs} } = require(${source})${semi(style)}`
    : `import { ${specs} } from ${source}${semi(style)}`;
}

/**
 * Where a new ESM import of '@opentelemetry/api' goes: among the package imports (in order when they are
 * sorted by source, else after the last one), before relative imports; first when there are only those.
 */
function importPosition(imports: Node[]): { node: Node; after: boolean } | null {
  const sourceOf = (n: Node) => n.childForFieldName('source')?.text.slice(1, -1) ?? '';
  const relative = (n: Node) => /^[./]/.test(sourceOf(n));
  const packages = imports.filter((n) => !relative(n));
  const lastPackage = packages[packages.length - 1];
  if (!lastPackage) return imports[0] ? { node: imports[0], after: false } : null;
  const sorted = packages.every((n, i) => i === 0 || sourceOf(packages[i - 1] as Node) <= sourceOf(n));
  const next = sorted ? packages.find((n) => sourceOf(n) > OTEL_API) : undefined;
  return next ? { node: next, after: false } : { node: lastPackage, after: true };
}

/** After a shebang, directives ('use strict', 'use client') and a file header comment; before the first code. */
function preambleEnd(root: Node, text: string): number {
  const children = root.namedChildren;
  let i = 0;
  while (i < children.length) {
    const c = children[i] as Node;
    if (c.type === 'hash_bang_line' || isDirective(c)) i++;
    else break;
  }
  // Comments directly above the first statement document it; a header separated by a blank line does not.
  let at = i;
  while (at < children.length && (children[at] as Node).type === 'comment') at++;
  let firstAttached = at;
  while (firstAttached > i) {
    const comment = children[firstAttached - 1] as Node;
    const next = children[firstAttached] as Node | undefined;
    if (next && next.startPosition.row - comment.endPosition.row > 1) break;
    firstAttached--;
  }
  const target = children[firstAttached];
  if (target)
    return startsLine(text, target.startIndex)
      ? target.startIndex - indentAt(text, target.startIndex).length
      : target.startIndex;
  const previous = children[children.length - 1];
  return previous ? previous.endIndex : 0;
}

function isDirective(node: Node): boolean {
  return node.type === 'expression_statement' && node.firstNamedChild?.type === 'string';
}
