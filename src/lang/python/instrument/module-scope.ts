// What a module binds at its top level and how it imports: the planner reuses the names the file
// already has for `opentelemetry.trace`, `Status` and `StatusCode`, and adds imports without clashes.
import type Parser from 'tree-sitter';
import { isStdlibModule } from './stdlib.js';

type Node = Parser.SyntaxNode;

export type ImportGroupKind = 'future' | 'stdlib' | 'third-party' | 'local';

export interface ImportStatement {
  node: Node;
  /** `os`, `opentelemetry.trace`, `.models` (relative imports keep their dots). */
  module: string;
  from: boolean;
  /** Imported name (or dotted module) → local name. */
  names: { name: string; local: string }[];
}

export interface ImportGroup {
  kind: ImportGroupKind;
  statements: ImportStatement[];
}

export interface ModuleScope {
  /** Every name bound at module level: imports, assignments, defs, classes (also inside top-level if/try). */
  bound: Set<string>;
  imports: ImportStatement[];
  /** Top-level imports before the first definition, in groups separated by blank lines. */
  groups: ImportGroup[];
  /** The expression that names `opentelemetry.trace` here (`trace`, `otel_trace`, `opentelemetry.trace`), or null. */
  traceModule: string | null;
  /** Local names of `opentelemetry.trace.Status` / `StatusCode` when imported. */
  statusName: string | null;
  statusCodeName: string | null;
  /** `from opentelemetry.trace import ...` written on one line without parentheses, to extend. */
  traceFromImport: ImportStatement | null;
  /** The module docstring statement, when there is one. */
  docstring: Node | null;
  /** The statement the tracer declaration follows (the last import of the prelude), or null. */
  preludeEnd: Node | null;
  /** Module-level `name = ...` assignments by name (first one), for where a tracer is declared. */
  assignments: Map<string, Node>;
}

const DEFINITIONS = new Set(['function_definition', 'class_definition', 'decorated_definition']);
const IMPORTS = new Set(['import_statement', 'import_from_statement', 'future_import_statement']);

function readImport(node: Node): ImportStatement {
  const from = node.type !== 'import_statement';
  const module = from
    ? node.type === 'future_import_statement'
      ? '__future__'
      : (node.childForFieldName('module_name')?.text ?? '')
    : '';
  const names: { name: string; local: string }[] = [];
  for (const child of node.childrenForFieldName('name')) {
    if (child.type === 'aliased_import') {
      const name = child.childForFieldName('name')?.text ?? '';
      names.push({ name, local: child.childForFieldName('alias')?.text ?? name });
    } else {
      // `import a.b` binds `a`; the module stays reachable as `a.b`.
      names.push({ name: child.text, local: child.text });
    }
  }
  return { node, module: from ? module : (names[0]?.name ?? ''), from, names };
}

function bindingsOf(node: Node, bound: Set<string>): void {
  if (IMPORTS.has(node.type)) {
    for (const { name, local } of readImport(node).names)
      bound.add(node.type === 'import_statement' && local === name ? name.split('.')[0]! : local);
    return;
  }
  if (node.type === 'decorated_definition') {
    const def = node.childForFieldName('definition');
    if (def) bindingsOf(def, bound);
    return;
  }
  if (node.type === 'function_definition' || node.type === 'class_definition') {
    const name = node.childForFieldName('name')?.text;
    if (name) bound.add(name);
    return;
  }
  if (node.type === 'expression_statement') {
    for (const child of node.namedChildren) {
      if (child.type !== 'assignment' && child.type !== 'augmented_assignment') continue;
      for (const id of targets(child.childForFieldName('left'))) bound.add(id);
    }
    return;
  }
  // Names bound in top-level if/try/with/for blocks are module names too.
  for (const child of node.namedChildren) {
    if (child.type === 'block' || child.type.endsWith('_clause'))
      for (const s of child.namedChildren) bindingsOf(s, bound);
  }
  if (node.type === 'for_statement' || node.type === 'with_statement') {
    for (const id of targets(node.childForFieldName('left'))) bound.add(id);
  }
}

function targets(node: Node | null): string[] {
  if (!node) return [];
  if (node.type === 'identifier') return [node.text];
  if (node.type === 'pattern_list' || node.type === 'tuple_pattern' || node.type === 'list_pattern') {
    return node.namedChildren.flatMap(targets);
  }
  return [];
}

function groupKind(statement: ImportStatement): ImportGroupKind {
  if (statement.module === '__future__') return 'future';
  if (statement.module.startsWith('.')) return 'local';
  return isStdlibModule(statement.module.split('.')[0]!) ? 'stdlib' : 'third-party';
}

/** Import statements before the first definition, split where a blank line (or other code) separates them. */
function importGroups(root: Node, text: string): ImportGroup[] {
  const groups: ImportGroup[] = [];
  let current: ImportStatement[] = [];
  let previousEnd = -1;
  const flush = () => {
    if (current.length === 0) return;
    const kinds = current.map(groupKind);
    const kind = kinds.includes('third-party')
      ? 'third-party'
      : kinds.includes('local')
        ? 'local'
        : kinds[0]!;
    groups.push({ kind, statements: current });
    current = [];
  };
  for (const child of root.namedChildren) {
    if (DEFINITIONS.has(child.type)) break;
    if (child.type === 'comment') continue;
    if (!IMPORTS.has(child.type)) {
      flush();
      previousEnd = -1;
      continue;
    }
    if (previousEnd >= 0 && /\n[ \t]*\r?\n/.test(text.slice(previousEnd, child.startIndex))) flush();
    current.push(readImport(child));
    previousEnd = child.endIndex;
  }
  flush();
  return groups;
}

export function readModuleScope(root: Node, text: string): ModuleScope {
  const bound = new Set<string>();
  const imports: ImportStatement[] = [];
  const assignments = new Map<string, Node>();
  let docstring: Node | null = null;
  let preludeEnd: Node | null = null;
  let sawDefinition = false;
  const children = root.namedChildren;
  for (const [i, child] of children.entries()) {
    bindingsOf(child, bound);
    if (i === 0 && child.type === 'expression_statement' && child.firstNamedChild?.type === 'string')
      docstring = child;
    if (IMPORTS.has(child.type)) imports.push(readImport(child));
    if (DEFINITIONS.has(child.type)) sawDefinition = true;
    if (
      !sawDefinition &&
      (IMPORTS.has(child.type) ||
        ((child.type === 'try_statement' || child.type === 'if_statement') && containsImport(child)))
    ) {
      preludeEnd = child;
    }
    if (child.type === 'expression_statement') {
      const assignment = child.firstNamedChild;
      if (assignment?.type === 'assignment') {
        for (const id of targets(assignment.childForFieldName('left')))
          if (!assignments.has(id)) assignments.set(id, child);
      }
    }
  }

  let traceModule: string | null = null;
  let statusName: string | null = null;
  let statusCodeName: string | null = null;
  let traceFromImport: ImportStatement | null = null;
  for (const s of imports) {
    for (const { name, local } of s.names) {
      if (s.from && s.module === 'opentelemetry' && name === 'trace') traceModule ??= local;
      if (!s.from && name === 'opentelemetry.trace')
        traceModule ??= local === name ? 'opentelemetry.trace' : local;
      if (s.from && (s.module === 'opentelemetry.trace' || s.module === 'opentelemetry.trace.status')) {
        if (name === 'Status') statusName ??= local;
        if (name === 'StatusCode') statusCodeName ??= local;
      }
    }
    if (
      s.from &&
      s.module === 'opentelemetry.trace' &&
      !s.node.text.includes('(') &&
      !s.node.text.includes('\\')
    )
      traceFromImport ??= s;
  }
  return {
    bound,
    imports,
    groups: importGroups(root, text),
    traceModule,
    statusName,
    statusCodeName,
    traceFromImport,
    docstring,
    preludeEnd,
    assignments,
  };
}

function containsImport(node: Node): boolean {
  return node.descendantsOfType(['import_statement', 'import_from_statement']).length > 0;
}
