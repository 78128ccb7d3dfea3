// What the module's top level already has for metrics: how `metrics` from '@opentelemetry/api' is
// reachable (a named import or require, a namespace, or a list to merge into), a meter, and where new
// module-level declarations go (after the last import or require).
import type Parser from 'tree-sitter';
import { OTEL_API } from '../instrument/module-setup.js';

type Node = Parser.SyntaxNode;

export interface ModuleScan {
  /** How to refer to `metrics` without a new import (`metrics`, `api.metrics`), or null. */
  metricsRef: string | null;
  /** `{ trace }` of an import or a destructuring require of the API, to merge `metrics` into. */
  mergeInto: Node | null;
  /** A CommonJS module: `.cjs`, or no import/export at top level and require/module.exports in use. */
  commonjs: boolean;
  /** A top-level `const x = <...>.getMeter(...)`. */
  meter: string | null;
  /** Top-level declarations by name, with their initialiser text (a function: its text) for reuse checks. */
  bindings: Map<string, string>;
  /** The last import or require statement, or a later meter we reuse: new declarations go after it. */
  anchor: Node | null;
  /**
   * Where new code goes when there is no anchor: before the first statement after the shebang and
   * directives, and before the comments written directly above it (they document it).
   */
  firstStatement: Node | null;
}

export function scanModule(root: Node, path: string): ModuleScan {
  const scan: ModuleScan = {
    metricsRef: null,
    mergeInto: null,
    commonjs: false,
    meter: null,
    bindings: new Map(),
    anchor: null,
    firstStatement: null,
  };
  let esm = false;
  let requires = false;
  const statements = root.namedChildren;
  for (const statement of statements) {
    if (statement.type === 'import_statement' || statement.type === 'export_statement') esm = true;
    if (statement.type === 'import_statement') {
      scan.anchor = statement;
      readImport(statement, scan);
      continue;
    }
    const declaration =
      statement.type === 'export_statement'
        ? (statement.childForFieldName('declaration') ?? statement)
        : statement;
    if (declaration.type === 'function_declaration') {
      const name = declaration.childForFieldName('name');
      if (name) scan.bindings.set(name.text, declaration.text);
    }
    if (declaration.type !== 'lexical_declaration' && declaration.type !== 'variable_declaration') {
      if (/\b(require\s*\(|module\.exports\b|exports\.)/.test(statement.text)) requires = true;
      continue;
    }
    for (const declarator of declaration.namedChildren.filter((c) => c.type === 'variable_declarator')) {
      const name = declarator.childForFieldName('name');
      const value = declarator.childForFieldName('value');
      if (name?.type === 'identifier') scan.bindings.set(name.text, value?.text ?? '');
      if (isRequireOf(value, null)) {
        requires = true;
        scan.anchor = statement;
      }
      if (name && isRequireOf(value, OTEL_API)) readRequire(name, scan);
      if (name?.type === 'identifier' && isGetMeter(value) && scan.meter === null) {
        scan.meter = name.text;
        scan.anchor = statement;
      }
    }
  }
  scan.commonjs = /\.c[jt]s$/.test(path) || (!esm && requires);
  scan.firstStatement = firstCode(statements);
  return scan;
}

function readImport(statement: Node, scan: ModuleScan): void {
  if (statement.childForFieldName('source')?.text.slice(1, -1) !== OTEL_API) return;
  if (/^import\s+type\b/.test(statement.text)) return;
  const clause = statement.namedChildren.find((c) => c.type === 'import_clause');
  for (const part of clause?.namedChildren ?? []) {
    if (part.type === 'identifier') scan.metricsRef ??= `${part.text}.metrics`;
    else if (part.type === 'namespace_import') {
      const id = part.namedChildren.find((c) => c.type === 'identifier');
      if (id) scan.metricsRef ??= `${id.text}.metrics`;
    } else if (part.type === 'named_imports') {
      scan.mergeInto ??= part;
      for (const spec of part.namedChildren.filter((c) => c.type === 'import_specifier')) {
        if (spec.childForFieldName('name')?.text !== 'metrics' || /^type\s/.test(spec.text)) continue;
        scan.metricsRef = spec.childForFieldName('alias')?.text ?? 'metrics';
      }
    }
  }
}

function readRequire(name: Node, scan: ModuleScan): void {
  if (name.type === 'identifier') {
    scan.metricsRef ??= `${name.text}.metrics`;
    return;
  }
  if (name.type !== 'object_pattern') return;
  scan.mergeInto ??= name;
  for (const prop of name.namedChildren) {
    if (prop.type === 'shorthand_property_identifier_pattern' && prop.text === 'metrics')
      scan.metricsRef = 'metrics';
    else if (prop.type === 'pair_pattern' && prop.childForFieldName('key')?.text === 'metrics') {
      const local = prop.childForFieldName('value');
      if (local?.type === 'identifier') scan.metricsRef = local.text;
    }
  }
}

/** `require('x')` when `source` is null, else `require(source)`. */
function isRequireOf(node: Node | null, source: string | null): boolean {
  if (node?.type !== 'call_expression' || node.childForFieldName('function')?.text !== 'require')
    return false;
  const arg = node.childForFieldName('arguments')?.namedChildren[0];
  return source === null || (arg?.type === 'string' && arg.text.slice(1, -1) === source);
}

function isGetMeter(node: Node | null): boolean {
  const callee = node?.type === 'call_expression' ? node.childForFieldName('function') : null;
  return callee?.type === 'member_expression' && callee.childForFieldName('property')?.text === 'getMeter';
}

function firstCode(statements: Node[]): Node | null {
  const isPreamble = (n: Node) =>
    n.type === 'hash_bang_line' ||
    (n.type === 'expression_statement' && n.firstNamedChild?.type === 'string');
  let i = statements.findIndex((n) => !isPreamble(n) && n.type !== 'comment');
  if (i < 0) return null;
  // Comments directly above (no blank line between) belong to the statement.
  while (i > 0) {
    const previous = statements[i - 1] as Node;
    const next = statements[i] as Node;
    if (previous.type !== 'comment' || next.startPosition.row - previous.endPosition.row > 1) break;
    i--;
  }
  return statements[i] ?? null;
}
