// How a manually started span (`span = tracer.start_span(...)`) is ended: in a finally block, by
// `use_span(..., end_on_exit=True)`, explicitly on every exit of the block it was started in, on some,
// or never; and what an exception does to it where `use_span` wraps the work.
import type { SpanFacts } from '../facts.js';
import type { FileContext } from './context.js';
import { inBody, type UnitFlow } from './flow.js';
import type { Block, CallSite } from './scan.js';
import type { Unit } from './units.js';

export interface Ending {
  end: SpanFacts['end'];
  unended: number[];
}

/** How a manually started span is ended: in a finally block, on every exit, on some, or never. */
export function manualEnding(
  ctx: FileContext,
  flow: UnitFlow,
  call: CallSite,
  variable: string | null,
  ends: readonly CallSite[],
): Ending {
  const start = call.end;
  const after = ends.filter((c) => c.start > start);
  if (
    after.some((c) =>
      flow.tries.some(
        (t) => t.finally && inBody(t.finally, c.start) && (t.body.start > start || inBody(t.body, start)),
      ),
    )
  ) {
    return { end: 'finally', unended: [] };
  }
  const { unit } = flow;
  const useSpan = usesSpanUntilExit(ctx, unit, variable);
  if (useSpan) return { end: 'context-manager', unended: [] };
  // The block the span was started in (a loop body, the function body): its exits, and running off its
  // end. Exits after that block are reached only through its end, which is where a leak shows.
  const home = call.block;
  const homeEnd = home === unit.block ? unit.def.end : ctx.skeleton.blocks[home]!.end;
  const runsOff = home !== unit.block || flow.fallsOff();
  const exits = [...unit.returns, ...unit.raises].map((k) => k.at).filter((at) => at > start && at < homeEnd);
  if (after.length === 0) {
    if (variable?.startsWith('self.') && endedElsewhereInClass(ctx, unit, variable))
      return { end: 'explicit-all-paths', unended: [] };
    if (variable && handedOff(ctx.text.slice(start, unit.def.end), variable))
      return { end: 'explicit-all-paths', unended: [] };
    const lines = exits.map((at) => ctx.lines.line(at));
    if (runsOff) lines.push(ctx.lines.line(homeEnd - 1));
    return { end: 'never', unended: [...new Set(lines)].sort((a, b) => a - b) };
  }
  const unended = exits
    .filter((at) => !after.some((c) => flow.dominates(c, at)))
    .map((at) => ctx.lines.line(at));
  if (runsOff && !after.some((c) => endsHome(ctx, flow, c, home, homeEnd)))
    unended.push(ctx.lines.line(homeEnd - 1));
  if (unended.length === 0) return { end: 'explicit-all-paths', unended: [] };
  return { end: 'explicit-some-paths', unended: [...new Set(unended)].sort((a, b) => a - b) };
}

/**
 * An end call that runs whenever the span's home block is left by its end: one directly in that block,
 * or (unless the block is a loop body, which runs again first) one after it in an enclosing block.
 */
function endsHome(ctx: FileContext, flow: UnitFlow, end: CallSite, home: number, homeEnd: number): boolean {
  if (end.block === home) return true;
  const blocks = ctx.skeleton.blocks;
  if (home === flow.unit.block || end.start < homeEnd) return false;
  const keyword = blocks[home]!.keyword;
  if (keyword === 'for' || keyword === 'while') return false;
  for (let b = blocks[home]!.parent; b >= 0 && b !== flow.unit.block; b = blocks[b]!.parent)
    if (b === end.block) return true;
  return end.block === flow.unit.block;
}

/** `with trace.use_span(span, end_on_exit=True):` ends the span when the block exits. */
function usesSpanUntilExit(ctx: FileContext, unit: Unit, variable: string | null): boolean {
  if (!variable) return false;
  return unit.blocks.some((k) => {
    const b = ctx.skeleton.blocks[k]!;
    if (b.keyword !== 'with') return false;
    const header = ctx.text.slice(b.start, b.colon);
    return new RegExp(`use_span\\s*\\(\\s*${escapeRegExp(variable)}\\b[^)]*end_on_exit\\s*=\\s*True`).test(
      header,
    );
  });
}

/** A span kept on `self` and ended by another method of the class (`__exit__`, `close`, `finish`). */
function endedElsewhereInClass(ctx: FileContext, unit: Unit, variable: string): boolean {
  if (unit.classBlock < 0) return false;
  const cls = ctx.skeleton.blocks[unit.classBlock]!;
  const before = ctx.text.slice(cls.colon, unit.def.start);
  const after = ctx.text.slice(unit.def.end, cls.end);
  const pattern = new RegExp(`${escapeRegExp(variable)}\\s*\\.\\s*end\\s*\\(`);
  return pattern.test(before) || pattern.test(after);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Where `use_span(span)` blocks change what an exception does to a manual span. */
export function manualDefaults(ctx: FileContext, unit: Unit, variable: string | null) {
  const blocks: { block: Block; record: boolean; status: boolean }[] = [];
  if (variable) {
    for (const k of unit.blocks) {
      const b = ctx.skeleton.blocks[k]!;
      if (b.keyword !== 'with') continue;
      const header = ctx.text.slice(b.start, b.colon);
      if (!new RegExp(`use_span\\s*\\(\\s*${escapeRegExp(variable)}\\b`).test(header)) continue;
      blocks.push({
        block: b,
        record: !/record_exception\s*=\s*False/.test(header),
        status: !/set_status_on_exception\s*=\s*False/.test(header),
      });
    }
  }
  return (at: number) => {
    const inside = blocks.find((u) => inBody(u.block, at));
    return inside ? { record: inside.record, status: inside.status } : { record: false, status: false };
  };
}

/**
 * The span leaves the function (passed to a call, returned, yielded, stored in an attribute or a
 * container): whoever receives it ends it, as the Go and TypeScript adapters also assume.
 */
function handedOff(body: string, variable: string): boolean {
  const v = variable.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(
    `[(,]\\s*(?:\\w+\\s*=\\s*)?${v}\\s*[,)]|\\b(?:return|yield)\\s+${v}\\b|[\\w\\]]\\s*=\\s*${v}\\s*$|[\\[{,:]\\s*${v}\\s*[\\]},]`,
    'm',
  ).test(body);
}
