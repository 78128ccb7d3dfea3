// Everything the fact readers share about one file.
import type Parser from 'tree-sitter';
import type { ModuleInfo } from './module.js';
import type { CallSite, Skeleton } from './scan.js';
import type { Scopes } from './scopes.js';
import type { LineIndex } from './text.js';

export interface FileContext {
  path: string;
  text: string;
  tree: Parser.Tree;
  skeleton: Skeleton;
  lines: LineIndex;
  scopes: Scopes;
  module: ModuleInfo;
  callsByMethod: ReadonlyMap<string, CallSite[]>;
}

/** The receiver of a call as written: `self.repo` for `self.repo.save`, '' for `save`. */
export function receiverOf(call: CallSite): string {
  const callee = call.callee;
  let depth = 0;
  for (let i = callee.length - 1; i >= 0; i--) {
    const c = callee[i];
    if (c === ')' || c === ']') depth++;
    else if (c === '(' || c === '[') depth--;
    else if (c === '.' && depth === 0) return callee.slice(0, i);
  }
  return '';
}

/** The file's calls grouped by the name they end with, so readers look only at the calls they care about. */
export function callsByMethod(calls: readonly CallSite[]): Map<string, CallSite[]> {
  const out = new Map<string, CallSite[]>();
  for (const call of calls) {
    if (!call.method) continue;
    const list = out.get(call.method);
    if (list) list.push(call);
    else out.set(call.method, [call]);
  }
  return out;
}

/** The calls of the file ending with any of `names`, in source order. */
export function callsNamed(ctx: FileContext, names: Iterable<string>): CallSite[] {
  const out: CallSite[] = [];
  for (const name of names) {
    const list = ctx.callsByMethod.get(name);
    if (list) out.push(...list);
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The text between a call's parentheses. */
export function argumentText(ctx: FileContext, call: CallSite): string {
  return ctx.text.slice(call.open + 1, call.end > 0 ? call.end - 1 : call.open + 1);
}
