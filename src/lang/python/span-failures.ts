// Failure exits inside a span and whether each is recorded on it: raises, exceptions from I/O calls that
// nothing catches, and except clauses that swallow a failure the context manager never sees.
import type { FileContext } from './context.js';
import { argumentText, receiverOf } from './context.js';
import { caughtNames, inBody, type UnitFlow } from './flow.js';
import type { CallSite } from './scan.js';
import type { Unit } from './units.js';

/** Exceptions caught as control flow (a missing key, the end of an iterator), not as failures. */
const EXPECTED_EXCEPTIONS = new Set([
  'KeyError',
  'IndexError',
  'LookupError',
  'StopIteration',
  'StopAsyncIteration',
  'AttributeError',
  'ImportError',
  'ModuleNotFoundError',
  'GeneratorExit',
  'CancelledError',
  'asyncio.CancelledError',
  'NotImplementedError',
]);

/** Project helpers that record an error on a span and set its status: `record_span_error(exc)`, `set_span_exception(span, exc)`. */
const SPAN_ERROR_HELPER = /^_*(?:\w*span_?(?:error|exception|failure)\w*|(?:record|set|mark)_\w*_on_span)$/i;

export interface SpanCalls {
  records: CallSite[];
  statuses: CallSite[];
  ends: CallSite[];
}

/** Calls on the span: `span.record_exception(e)`, `span.set_status(StatusCode.ERROR)`, `span.end()`. */
export function callsOnSpan(ctx: FileContext, unit: Unit, variable: string | null): SpanCalls {
  const matches = (receiver: string) =>
    receiver === variable ||
    /get_current_span\s*\(\s*\)$/.test(receiver) ||
    (variable === null && /(^|[._])span$/i.test(receiver));
  const out: SpanCalls = { records: [], statuses: [], ends: [] };
  for (const call of unit.calls) {
    const method = call.method;
    if (SPAN_ERROR_HELPER.test(method)) {
      out.records.push(call);
      out.statuses.push(call);
      continue;
    }
    if (method !== 'record_exception' && method !== 'set_status' && method !== 'end') continue;
    if (!matches(receiverOf(call))) continue;
    if (method === 'record_exception') out.records.push(call);
    else if (method === 'set_status' && /\bERROR\b/.test(argumentText(ctx, call))) out.statuses.push(call);
    else if (method === 'end' && variable !== null && receiverOf(call) === variable) out.ends.push(call);
  }
  return out;
}

export interface Failures {
  exits: Set<number>;
  withoutRecord: Set<number>;
  withoutStatus: Set<number>;
}

/**
 * Failure exits inside a span's region: raises, exceptions from I/O calls that nothing catches, and
 * except clauses that swallow a failure. `defaults` says what leaving the region by an exception does
 * to the span by itself (the context manager records and sets status; a manual span does nothing).
 */
export function failures(
  ctx: FileContext,
  flow: UnitFlow,
  region: { start: number; end: number; tryFrom: number },
  onSpan: SpanCalls,
  defaults: (at: number) => { record: boolean; status: boolean },
  io: ReadonlySet<CallSite>,
): Failures {
  const out: Failures = { exits: new Set(), withoutRecord: new Set(), withoutStatus: new Set() };
  const inRegion = (at: number) => at >= region.start && at < region.end;
  const add = (at: number, recorded: boolean, statused: boolean) => {
    const line = ctx.lines.line(at);
    out.exits.add(line);
    if (!recorded) out.withoutRecord.add(line);
    if (!statused) out.withoutStatus.add(line);
  };
  for (const r of flow.unit.raises) {
    if (!inRegion(r.at) || flow.caught(r.at, region.tryFrom)) continue;
    const d = defaults(r.at);
    add(
      r.at,
      d.record || onSpan.records.some((c) => flow.dominates(c, r.at)),
      d.status || onSpan.statuses.some((c) => flow.dominates(c, r.at)),
    );
  }
  for (const call of io) {
    if (!inRegion(call.start) || flow.caught(call.start, region.tryFrom)) continue;
    const d = defaults(call.start);
    add(call.start, d.record, d.status);
  }
  for (const t of flow.tries) {
    if (!inRegion(t.body.start)) continue;
    const canFail =
      flow.unit.raises.some((r) => inBody(t.body, r.at)) || [...io].some((c) => inBody(t.body, c.start));
    if (!canFail) continue;
    for (const clause of t.excepts) {
      const names = caughtNames(ctx.text, clause);
      if (names.length > 0 && names.every((n) => EXPECTED_EXCEPTIONS.has(n))) continue;
      if (flow.unit.raises.some((r) => inBody(clause, r.at))) continue; // re-raised: the raise is the exit
      add(
        clause.start,
        onSpan.records.some((c) => inBody(clause, c.start)),
        onSpan.statuses.some((c) => inBody(clause, c.start)),
      );
    }
  }
  return out;
}
