import { type CallSite, type FileIndex, type FunctionScope, type Site, scopeAtPosition } from './collect.js';
import { rowOf, startOf } from './position.js';

/** The sites of one function: its own, and those of callbacks that belong to it (not nested functions). */
export interface FunctionSites {
  scope: FunctionScope;
  scopeIndex: number;
  calls: CallSite[];
  /** `return` statements, read from the tree on first use: few functions need them. */
  returns(): Site[];
  throws: Site[];
  loops: Site[];
  tries: Site[];
  finallys: Site[];
}

export function bucketSites(
  index: FileIndex,
  ownerOf: Int32Array,
  declScopes: number[],
): { functions: FunctionSites[]; moduleCalls: CallSite[] } {
  const functions: FunctionSites[] = declScopes.map((s, decl) => ({
    scope: index.scopes[s] as FunctionScope,
    scopeIndex: s,
    calls: [],
    returns: memo(() => ownReturns(index, ownerOf, s, decl)),
    throws: [],
    loops: [],
    tries: [],
    finallys: [],
  }));
  const moduleCalls: CallSite[] = [];
  const ownerFor = (site: Site): FunctionSites | undefined =>
    site.scope >= 0 ? functions[ownerOf[site.scope] as number] : undefined;
  for (const call of index.calls) {
    const owner = ownerFor(call);
    if (owner) owner.calls.push(call);
    else moduleCalls.push(call);
  }
  const buckets: [Site[], keyof Omit<FunctionSites, 'scope' | 'scopeIndex' | 'calls' | 'returns'>][] = [
    [index.throws, 'throws'],
    [index.loops, 'loops'],
    [index.tries, 'tries'],
    [index.finallys, 'finallys'],
  ];
  for (const [sites, key] of buckets) {
    for (const site of sites) ownerFor(site)?.[key].push(site);
  }
  return { functions, moduleCalls };
}

function ownReturns(index: FileIndex, ownerOf: Int32Array, scopeIndex: number, decl: number): Site[] {
  const out: Site[] = [];
  const scope = index.scopes[scopeIndex] as FunctionScope;
  for (const node of scope.node.descendantsOfType('return_statement')) {
    const start = startOf(node);
    const s = scopeAtPosition(index, start);
    if (s >= 0 && ownerOf[s] === decl)
      out.push({ node, start, end: node.endIndex, row: rowOf(node), scope: s });
  }
  return out;
}

function memo<T>(compute: () => T): () => T {
  let value: T | undefined;
  let done = false;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value as T;
  };
}

/** Sites whose start lies in [from, to). */
export function within<T extends Site>(sites: T[], from: number, to: number): T[] {
  return sites.filter((s) => s.start >= from && s.start < to);
}
