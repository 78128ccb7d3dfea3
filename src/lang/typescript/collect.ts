import type Parser from 'tree-sitter';
import { type CalleeRead, calleeFromText, readChainedCallee, readHeadCallee } from './callee.js';
import { rowOf, startOf } from './position.js';

type Node = Parser.SyntaxNode;

export const FUNCTION_TYPES = new Set([
  'function_declaration',
  'generator_function_declaration',
  'function_expression',
  'generator_function',
  'arrow_function',
  'method_definition',
]);
const LOOP_TYPES = new Set(['for_statement', 'for_in_statement', 'while_statement', 'do_statement']);

// Everything the facts need, fetched from the native tree in ONE walk. Crossing into the binding per node
// is what costs; these arrays are then read in plain JS, and node ownership comes from byte ranges.
const COLLECTED = [
  ...FUNCTION_TYPES,
  ...LOOP_TYPES,
  'call_expression',
  'throw_statement',
  'await_expression',
  'try_statement',
  'finally_clause',
];

export interface FunctionScope {
  node: Node;
  type: string;
  start: number;
  end: number;
  /** 0-based row of the function's first line. */
  row: number;
  column: number;
  /** Enclosing function scope, or -1 at module level. */
  parent: number;
  /** The call this function is passed to as an argument (index into calls, -1 for none); see `callTaking`. */
  takenBy?: number;
}

export interface Site {
  node: Node;
  start: number;
  /** End offset: read from the tree for the few kinds of site that need it, else -1. */
  readonly end: number;
  row: number;
  /** Innermost function scope holding the site, or -1 at module level. */
  scope: number;
}

export class CallSite implements Site {
  /** Callee read from the text, or from the tree when the scanner could not; null for odd callees. */
  callee: CalleeRead | null = null;
  private endIndex = -1;

  constructor(
    readonly node: Node,
    readonly start: number,
    readonly row: number,
    readonly scope: number,
    readonly awaited: boolean,
  ) {}

  /** Read on demand: most calls never need it. */
  get end(): number {
    if (this.endIndex < 0) this.endIndex = this.node.endIndex;
    return this.endIndex;
  }
}

export interface FileIndex {
  text: string;
  scopes: FunctionScope[];
  calls: CallSite[];
  throws: Site[];
  loops: Site[];
  tries: Site[];
  finallys: Site[];
}

export function collect(root: Node, text: string): FileIndex {
  const scopes: FunctionScope[] = [];
  const calls: CallSite[] = [];
  const index: FileIndex = {
    text,
    scopes,
    calls,
    throws: [],
    loops: [],
    tries: [],
    finallys: [],
  };
  // Open function scopes, innermost last; nodes arrive in document (pre-)order.
  const scopeStack: FunctionScope[] = [];
  const scopeIds: number[] = [];
  let awaitedStart = -1;
  for (const node of root.descendantsOfType(COLLECTED)) {
    const type = node.type;
    const start = startOf(node);
    while (scopeStack.length > 0 && (scopeStack[scopeStack.length - 1] as FunctionScope).end <= start) {
      scopeStack.pop();
      scopeIds.pop();
    }
    const scope = scopeIds.length > 0 ? (scopeIds[scopeIds.length - 1] as number) : -1;
    if (FUNCTION_TYPES.has(type)) {
      const fn: FunctionScope = {
        node,
        type,
        start,
        end: node.endIndex,
        row: rowOf(node),
        column: start - text.lastIndexOf('\n', start - 1) - 1,
        parent: scope,
      };
      scopes.push(fn);
      scopeStack.push(fn);
      scopeIds.push(scopes.length - 1);
    } else if (type === 'call_expression') {
      // Only the outermost call of a chain starting where an `await` operand starts is the awaited one.
      const previous = calls[calls.length - 1];
      calls.push(
        new CallSite(node, start, rowOf(node), scope, start === awaitedStart && previous?.start !== start),
      );
    } else if (type === 'await_expression') {
      awaitedStart = skipAwaitKeyword(text, start);
    } else {
      const bounded = type === 'try_statement' || type === 'finally_clause' || LOOP_TYPES.has(type);
      const site: Site = { node, start, end: bounded ? node.endIndex : -1, row: rowOf(node), scope };
      if (type === 'throw_statement') index.throws.push(site);
      else if (type === 'try_statement') index.tries.push(site);
      else if (type === 'finally_clause') index.finallys.push(site);
      else index.loops.push(site);
    }
  }
  readCallees(index);
  return index;
}

/** The call a function scope is passed to as an argument (`items.map(fn)`, `app.get('/', fn)`), or null. */
export function callTaking(index: FileIndex, scopeIndex: number): CallSite | null {
  const scope = index.scopes[scopeIndex];
  if (!scope) return null;
  if (scope.takenBy === undefined) scope.takenBy = findCallTaking(index, scope);
  return index.calls[scope.takenBy] ?? null;
}

function findCallTaking(index: FileIndex, scope: FunctionScope): number {
  const args = scope.node.parent;
  if (args?.type !== 'arguments') return -1;
  const call = args.parent;
  if (!call) return -1;
  // Calls of a chain share a start; the one taking the function is the shortest that still holds it.
  const callStart = startOf(call);
  let found = -1;
  for (let i = firstCallAt(index.calls, callStart); i < index.calls.length; i++) {
    const candidate = index.calls[i] as CallSite;
    if (candidate.start !== callStart) break;
    if (candidate.end > scope.start) found = i;
  }
  return found;
}

function firstCallAt(calls: CallSite[], start: number): number {
  let lo = 0;
  let hi = calls.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((calls[mid] as CallSite).start < start) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function skipAwaitKeyword(text: string, start: number): number {
  let i = start + 'await'.length;
  for (let c = text.charCodeAt(i); c === 32 || c === 9 || c === 10 || c === 13; c = text.charCodeAt(++i));
  return i;
}

/**
 * Calls sharing a start index form a chain (`a.b(x).c(y)` holds `a.b(x)`), listed outermost first; the
 * innermost one's callee is a plain chain, each outer one continues from the inner call's end.
 */
function readCallees(index: FileIndex): void {
  const { calls, text } = index;
  let i = 0;
  while (i < calls.length) {
    let j = i;
    while (j + 1 < calls.length && (calls[j + 1] as CallSite).start === (calls[i] as CallSite).start) j++;
    let inner: CallSite | null = null;
    for (let k = j; k >= i; k--) {
      const call = calls[k] as CallSite;
      const read = inner?.callee
        ? readChainedCallee(text, inner.callee, inner.end)
        : inner
          ? null
          : readHeadCallee(text, call.start);
      call.callee = read ?? calleeFromTree(call.node);
      inner = call;
    }
    i = j + 1;
  }
}

function calleeFromTree(call: Node): CalleeRead | null {
  const fn = call.childForFieldName('function');
  if (!fn) return null;
  const type = fn.type;
  if (type !== 'identifier' && type !== 'member_expression' && type !== 'call_expression') return null;
  return calleeFromText(fn.text);
}

/** The innermost function scope holding `position`, or -1. Scopes are sorted by start (document order). */
export function scopeAtPosition(index: FileIndex, position: number): number {
  const { scopes } = index;
  let lo = 0;
  let hi = scopes.length - 1;
  let candidate = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((scopes[mid] as FunctionScope).start <= position) {
      candidate = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  while (candidate >= 0 && (scopes[candidate] as FunctionScope).end <= position)
    candidate = (scopes[candidate] as FunctionScope).parent;
  return candidate;
}
