// What names in this file hold: `client = httpx.AsyncClient()`, `async with aiohttp.ClientSession() as
// session:`, `self.s3 = boto3.client("s3")`, `db: AsyncSession`. Calls on them are then I/O of that kind.
import type { ParamFacts } from '../facts.js';
import { parseCallee } from './callee.js';
import { CLIENT_CONSTRUCTOR_NAMES, clientKind } from './clients.js';
import { argumentText, callsNamed, type FileContext } from './context.js';
import type { IoKind } from './io.js';
import { assignedName } from './metrics.js';
import type { CallSite } from './scan.js';
import { defAt } from './scopes.js';
import type { Unit } from './units.js';

export interface Bindings {
  kindOf(unit: Unit, receiver: string): IoKind | undefined;
}

/** `... as name` right after a call in a with statement. */
function withAlias(ctx: FileContext, call: CallSite): string | null {
  if (call.end < 0) return null;
  const m = /^\s*as\s+([\p{L}_][\p{L}\p{N}_]*(?:\.[\p{L}_][\p{L}\p{N}_]*)*)/u.exec(
    ctx.text.slice(call.end, call.end + 120),
  );
  return m ? m[1]! : null;
}

function nearestClass(ctx: FileContext, block: number): number {
  for (let b = block; b >= 0; b = ctx.skeleton.blocks[b]!.parent)
    if (ctx.skeleton.blocks[b]!.keyword === 'class') return b;
  return -1;
}

export function collectBindings(
  ctx: FileContext,
  params: ReadonlyMap<number, readonly ParamFacts[]>,
): Bindings {
  const kinds = new Map<string, IoKind>();
  for (const call of callsNamed(ctx, CLIENT_CONSTRUCTOR_NAMES)) {
    const kind = clientKind(
      parseCallee(call.callee, ctx.module.imports).bases.join('.'),
      argumentText(ctx, call),
    );
    if (!kind) continue;
    const name = withAlias(ctx, call) ?? assignedName(ctx, call);
    if (!name) continue;
    const d = defAt(ctx.scopes, call.block);
    if (name.startsWith('self.')) kinds.set(`c${nearestClass(ctx, call.block)}:${name}`, kind);
    else kinds.set(d >= 0 ? `d${d}:${name}` : `m:${name}`, kind);
  }
  for (const [def, list] of params) {
    for (const p of list) {
      if (!p.type) continue;
      const type = p.type
        .replace(/^Optional\[|\]$/g, '')
        .replace(/\s*\|\s*None$/, '')
        .trim();
      const kind = clientKind(parseCallee(type, ctx.module.imports).bases.join('.'), '');
      if (kind) kinds.set(`d${def}:${p.name}`, kind);
    }
  }
  return {
    kindOf(unit, receiver) {
      if (kinds.size === 0 || receiver === '') return undefined;
      return (
        kinds.get(`d${unit.block}:${receiver}`) ??
        kinds.get(`c${unit.classBlock}:${receiver}`) ??
        kinds.get(`m:${receiver}`)
      );
    },
  };
}
