// Where a Go file creates a gauge's source (`s.jobs = make(chan Job, n)`, `w := &Worker{jobs: ...}`,
// `var jobs = make(chan Job, 100)`) and how its depth is read: `len(x)` for channels, slices and maps,
// `x.Stats().InUse` for a `*sql.DB`, or the source's own call (`pool.Stat().AcquiredConns()`) as written.
import { words } from '../../naming.js';
import type { Node } from '../parser.js';

/** A standards source split into what is assigned (`s.jobs`) and what is called on it, when anything. */
export interface GoSource {
  /** As the standards write it. */
  text: string;
  /** `['s', 'jobs']`, `['jobs']`, `['pool']` for `pool.Stat().AcquiredConns()`. */
  base: string[];
  /** `.Stat().AcquiredConns()`: the depth is read by this call on the source, whatever its type. */
  reader: string | null;
}

const IDENT = /^[\p{L}_][\p{L}\p{Nd}_]*$/u;

export function parseSource(source: string): GoSource | null {
  const text = source.trim();
  const paren = text.indexOf('(');
  const head = paren < 0 ? text : text.slice(0, paren);
  const dot = head.lastIndexOf('.');
  if (paren >= 0 && dot < 0) return null;
  const baseText = paren < 0 ? text : head.slice(0, dot);
  const base = baseText.split('.');
  if (!base.every((part) => IDENT.test(part))) return null;
  return { text, base, reader: paren < 0 ? null : text.slice(baseText.length) };
}

export type DepthKind = 'channel' | 'slice' | 'map' | 'sql.DB' | 'call';

/** Reads the depth from the captured expression (`w.jobs`). */
export function depthExpression(kind: DepthKind, captured: string, source: GoSource): string {
  if (kind === 'call') return `${captured}${source.reader}`;
  if (kind === 'sql.DB') return `${captured}.Stats().InUse`;
  return `len(${captured})`;
}

/** What a reviewer reads: `the channel's length`, `connections in use`. */
export function depthWords(kind: DepthKind): string {
  switch (kind) {
    case 'channel':
      return "the channel's length (items buffered)";
    case 'slice':
      return "the slice's length";
    case 'map':
      return "the map's length";
    case 'sql.DB':
      return 'connections in use (sql.DBStats.InUse)';
    case 'call':
      return 'the value the call returns';
  }
}

/** The kind of a type as written (`chan Job`, `[]Job`, `map[string]Job`, `*sql.DB`). */
export function kindOfType(type: string, sqlName: string | null): DepthKind | null {
  const t = type.replace(/\s+/g, ' ').trim();
  if (/^(<-\s*)?chan\b/.test(t)) return 'channel';
  if (t.startsWith('[]')) return 'slice';
  if (t.startsWith('map[')) return 'map';
  if (sqlName !== null && t.replace(/\s/g, '') === `*${sqlName}.DB`) return 'sql.DB';
  return null;
}

/** The kind of the value assigned, when the expression shows it. */
export function kindOfValue(value: Node, sqlName: string | null): DepthKind | null {
  if (value.type === 'call_expression') {
    const fn = value.childForFieldName('function');
    const args = value.childForFieldName('arguments')?.namedChildren ?? [];
    if (fn?.text === 'make' && args[0]) {
      const t = args[0].type;
      if (t === 'channel_type') return 'channel';
      if (t === 'slice_type') return 'slice';
      if (t === 'map_type') return 'map';
      return null;
    }
    if (sqlName !== null && fn?.type === 'selector_expression') {
      const operand = fn.childForFieldName('operand')?.text;
      const field = fn.childForFieldName('field')?.text;
      if (operand === sqlName && (field === 'Open' || field === 'OpenDB')) return 'sql.DB';
    }
    return null;
  }
  if (value.type === 'composite_literal') {
    const t = value.childForFieldName('type')?.type;
    if (t === 'slice_type') return 'slice';
    if (t === 'map_type') return 'map';
  }
  return null;
}

/** An assignment (or keyed literal element) that gives the source its value. */
export interface CreationSite {
  /** The statement the registration follows. */
  statement: Node;
  /** The value assigned to the source. */
  value: Node;
  /** The source as this code names it (`w.jobs`), for the callback. */
  captured: string | null;
  /** Why no registration can follow it (a literal returned directly...). */
  problem: string | null;
  /** Package level (`var jobs = ...`): registered in a generated `func init()`. */
  packageLevel: boolean;
  /** True when the statement also assigns `err` (an `if err != nil` check may follow). */
  assignsErr: boolean;
}

const STATEMENT_PARENTS = new Set([
  'statement_list',
  'block',
  'expression_case',
  'default_case',
  'type_case',
  'communication_case',
]);

function matchesTarget(left: Node, source: GoSource): boolean {
  const field = source.base[source.base.length - 1] as string;
  if (source.base.length === 1) return left.type === 'identifier' && left.text === field;
  return left.type === 'selector_expression' && left.childForFieldName('field')?.text === field;
}

/** `s.jobs = append(s.jobs, j)`, `s.jobs = s.jobs[1:]` use the source, they do not create it. */
function mentions(value: Node, target: string): boolean {
  return value.descendantsOfType(['selector_expression', 'identifier']).some((n) => n.text === target);
}

/** `a, err := f()` → `f()` for index 0; `a, b = x, y` → the matching value. */
function valueAt(lefts: Node[], rights: Node[], index: number): Node | null {
  if (rights.length === lefts.length) return rights[index] ?? null;
  return rights.length === 1 && index === 0 ? (rights[0] as Node) : null;
}

function assignmentSites(node: Node, source: GoSource): CreationSite[] {
  const lefts = node.childForFieldName('left')?.namedChildren ?? [];
  const rights = node.childForFieldName('right')?.namedChildren ?? [];
  const sites: CreationSite[] = [];
  lefts.forEach((left, i) => {
    if (!matchesTarget(left, source)) return;
    const value = valueAt(lefts, rights, i);
    if (!value || value.type === 'nil' || mentions(value, left.text)) return;
    sites.push({
      statement: node,
      value,
      captured: left.text,
      problem: null,
      packageLevel: false,
      assignsErr: lefts.some((l) => l.text === 'err'),
    });
  });
  return sites;
}

function varSpecSites(spec: Node, source: GoSource): CreationSite[] {
  if (source.base.length !== 1) return [];
  const names = spec.childrenForFieldName('name');
  const values = spec.childForFieldName('value')?.namedChildren ?? [];
  const declaration = spec.parent?.type === 'var_spec_list' ? spec.parent.parent : spec.parent;
  if (!declaration) return [];
  const packageLevel = declaration.parent?.type === 'source_file';
  return names.flatMap((name, i) => {
    const value = valueAt(names, values, i);
    if (name.text !== source.base[0] || !value || value.type === 'nil') return [];
    return [
      {
        statement: declaration,
        value,
        captured: name.text,
        problem: null,
        packageLevel,
        assignsErr: names.some((n) => n.text === 'err'),
      },
    ];
  });
}

/** `w := &Worker{jobs: make(...)}`: the variable the literal is assigned to, or why there is none. */
function literalSite(element: Node, source: GoSource): CreationSite | null {
  const field = source.base[source.base.length - 1] as string;
  const [key, value] = element.namedChildren;
  if (!key || !value || key.text !== field) return null;
  const inner = value.type === 'literal_element' ? (value.namedChildren[0] ?? value) : value;
  const literal = element.parent?.parent;
  if (literal?.type !== 'composite_literal' || inner.type === 'nil') return null;
  let expr: Node = literal;
  if (expr.parent?.type === 'unary_expression' && expr.parent.text.startsWith('&')) expr = expr.parent;
  const list = expr.parent;
  const holder = list?.type === 'expression_list' ? list.parent : null;
  const base = { value: inner, packageLevel: false, assignsErr: false, problem: null };
  const problem = (statement: Node, why: string): CreationSite => ({
    ...base,
    statement,
    captured: null,
    problem: why,
  });
  if (holder?.type === 'return_statement')
    return problem(
      holder,
      `the ${literal.childForFieldName('type')?.text ?? 'struct'} literal that creates it is returned directly: assign it to a variable first (w := &T{...}; return w) so the gauge can observe it; not restructured automatically`,
    );
  if (!list || !holder)
    return problem(element, 'the struct literal that creates it is not assigned to a variable');
  const index = list.namedChildren.findIndex((n) => n.id === expr.id);
  if (holder.type === 'short_var_declaration' || holder.type === 'assignment_statement') {
    const left = holder.childForFieldName('left')?.namedChildren[index];
    if (holder.childForFieldName('right')?.id !== list.id || !left)
      return problem(holder, 'the struct literal that creates it is not assigned to a variable');
    return { ...base, statement: holder, captured: `${left.text}.${field}` };
  }
  if (holder.type === 'var_spec') {
    const name = holder.childrenForFieldName('name')[index];
    const declaration = holder.parent?.type === 'var_spec_list' ? holder.parent.parent : holder.parent;
    if (!name || !declaration) return problem(holder, 'the struct literal is not assigned to a variable');
    return {
      ...base,
      statement: declaration,
      captured: `${name.text}.${field}`,
      packageLevel: declaration.parent?.type === 'source_file',
    };
  }
  return problem(holder, 'the struct literal that creates it is not assigned to a variable');
}

/** Every place this file gives the source a value, in order. */
export function creationSites(root: Node, source: GoSource): CreationSite[] {
  const sites: CreationSite[] = [];
  const nodes = root.descendantsOfType([
    'assignment_statement',
    'short_var_declaration',
    'var_spec',
    'keyed_element',
  ]);
  for (const node of nodes) {
    if (node.type === 'var_spec') sites.push(...varSpecSites(node, source));
    else if (node.type === 'keyed_element') {
      if (source.base.length < 2) continue;
      const site = literalSite(node, source);
      if (site) sites.push(site);
    } else sites.push(...assignmentSites(node, source));
  }
  return sites.sort((a, b) => a.value.startIndex - b.value.startIndex);
}

/** The declared type of the source: a struct field (`jobs chan Job`) or a typed variable. */
export function declaredType(roots: readonly Node[], source: GoSource): string | null {
  const name = source.base[source.base.length - 1] as string;
  for (const root of roots) {
    const kinds = source.base.length > 1 ? ['field_declaration'] : ['var_spec', 'parameter_declaration'];
    for (const decl of root.descendantsOfType(kinds)) {
      const type = decl.childForFieldName('type');
      if (type && decl.childrenForFieldName('name').some((n) => n.text === name)) return type.text;
    }
  }
  return null;
}

/** The function declaration or literal that holds `node`, or null at package level. */
export function enclosingFunction(node: Node): Node | null {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === 'function_declaration' || n.type === 'method_declaration' || n.type === 'func_literal')
      return n;
  }
  return null;
}

const ONCE_WORDS = new Set([
  'new',
  'init',
  'main',
  'create',
  'make',
  'build',
  'setup',
  'configure',
  'register',
  'provider',
  'factory',
]);

/** Runs once per owner (a constructor, `init`, `main`, a setup function), as the audit's OTW108 sees it. */
export function runsOnce(name: string): boolean {
  return /^[Nn]ew/.test(name) || words(name).some((w) => ONCE_WORDS.has(w));
}

/** True when the statement may have a registration on the line after it. */
export function standsAlone(statement: Node): boolean {
  return STATEMENT_PARENTS.has(statement.parent?.type ?? '');
}
