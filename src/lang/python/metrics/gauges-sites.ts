// Where a Python module creates a gauge's source (`self.jobs = queue.Queue()` in a method,
// `jobs = asyncio.Queue()` at module level) and how its depth is read: `.qsize()` for the queue classes
// of `queue`, `asyncio` and `multiprocessing`, `len(...)` for deques, lists, dicts and sets.
import type { ModuleScope } from '../instrument/module-scope.js';
import type { Node } from '../instrument/syntax.js';

export interface PySource {
  text: string;
  /** `self.jobs` → `{ owner: 'self', name: 'jobs' }`; `jobs` → `{ owner: null, name: 'jobs' }`. */
  owner: string | null;
  name: string;
}

const IDENT = /^[\p{L}_][\p{L}\p{Nd}_]*$/u;

export function parseSource(source: string): PySource | null {
  const parts = source.trim().split('.');
  if (parts.length > 2 || !parts.every((p) => IDENT.test(p))) return null;
  const [first, second] = parts as [string, string | undefined];
  return second === undefined
    ? { text: source.trim(), owner: null, name: first }
    : { text: source.trim(), owner: first, name: second };
}

export type DepthKind = 'qsize' | 'len';

export interface Depth {
  kind: DepthKind;
  /** `queue.Queue`, `collections.deque`, `list`: what a reviewer reads. */
  what: string;
}

const QUEUE_MODULES = new Set(['queue', 'asyncio', 'multiprocessing']);
const QUEUE_CLASSES = /^(Simple|Lifo|Priority|Joinable)?Queue$/;

/** The module a name was imported from (`from queue import Queue` → `queue`), or a module alias's module. */
function importedFrom(scope: ModuleScope, local: string): { module: string; name: string } | null {
  for (const s of scope.imports) {
    for (const n of s.names) {
      if (n.local !== local) continue;
      return s.from ? { module: s.module, name: n.name } : { module: n.name, name: '' };
    }
  }
  return null;
}

/** What the assigned value shows about the depth, or null when it shows nothing we know. */
export function depthOf(value: Node, scope: ModuleScope): Depth | null {
  if (value.type === 'list' || value.type === 'list_comprehension') return { kind: 'len', what: 'list' };
  if (value.type === 'dictionary' || value.type === 'dictionary_comprehension')
    return { kind: 'len', what: 'dict' };
  if (value.type === 'set' || value.type === 'set_comprehension') return { kind: 'len', what: 'set' };
  if (value.type !== 'call') return null;
  const fn = value.childForFieldName('function');
  if (!fn) return null;
  let module: string | null = null;
  let name: string;
  if (fn.type === 'attribute') {
    const object = fn.childForFieldName('object')?.text ?? '';
    name = fn.childForFieldName('attribute')?.text ?? '';
    module = object.includes('.') ? object : (importedFrom(scope, object)?.module ?? object);
  } else if (fn.type === 'identifier') {
    const imported = importedFrom(scope, fn.text);
    name = imported?.name || fn.text;
    module = imported?.module ?? null;
  } else return null;
  if (module !== null && QUEUE_MODULES.has(module) && QUEUE_CLASSES.test(name))
    return { kind: 'qsize', what: `${module}.${name}` };
  if (name === 'deque' && (module === 'collections' || module === null))
    return { kind: 'len', what: 'collections.deque' };
  if (module === null && ['list', 'dict', 'set', 'OrderedDict', 'defaultdict'].includes(name))
    return { kind: 'len', what: name };
  if (module === 'collections' && ['OrderedDict', 'defaultdict', 'Counter'].includes(name))
    return { kind: 'len', what: `collections.${name}` };
  return null;
}

export interface CreationSite {
  /** The `expression_statement` holding the assignment. */
  statement: Node;
  value: Node;
  /** The source as this code writes it (`self.jobs`). */
  target: string;
  /** The method holding it (its class at module level), or null for a module-level assignment. */
  method: Node | null;
  cls: Node | null;
}

function enclosing(node: Node, type: string): Node | null {
  for (let n = node.parent; n; n = n.parent) if (n.type === type) return n;
  return null;
}

/** The first parameter of a method (`self` under any name). */
function receiverOf(method: Node): string | null {
  const first = method.childForFieldName('parameters')?.namedChildren[0];
  if (!first) return null;
  if (first.type === 'identifier') return first.text;
  if (first.type === 'typed_parameter') return first.namedChildren[0]?.text ?? null;
  return null;
}

/** `self.jobs = jobs or []`: reads the source (`self.jobs = self.jobs[1:]`) → not a creation. */
function mentions(value: Node, target: string): boolean {
  return value.descendantsOfType(['attribute', 'identifier']).some((n) => n.text === target);
}

/** Every assignment that gives the source a value, in order. */
export function creationSites(root: Node, source: PySource): CreationSite[] {
  const sites: CreationSite[] = [];
  for (const assignment of root.descendantsOfType('assignment')) {
    const statement = assignment.parent;
    const left = assignment.childForFieldName('left');
    const value = assignment.childForFieldName('right');
    if (statement?.type !== 'expression_statement' || !left || !value || value.type === 'none') continue;
    if (mentions(value, left.text)) continue;
    if (source.owner === null) {
      if (left.type !== 'identifier' || left.text !== source.name) continue;
      sites.push({
        statement,
        value,
        target: left.text,
        method: enclosing(statement, 'function_definition'),
        cls: null,
      });
      continue;
    }
    if (left.type !== 'attribute' || left.childForFieldName('attribute')?.text !== source.name) continue;
    const method = enclosing(statement, 'function_definition');
    const object = left.childForFieldName('object')?.text;
    if (!method || object !== receiverOf(method)) continue;
    const cls = enclosing(method, 'class_definition');
    if (cls) sites.push({ statement, value, target: left.text, method, cls });
  }
  return sites;
}

/** A class defined at module level (directly, or under decorators): its top-level statement. */
export function topLevelStatement(cls: Node): Node | null {
  const outer = cls.parent?.type === 'decorated_definition' ? cls.parent : cls;
  return outer.parent?.type === 'module' ? outer : null;
}
