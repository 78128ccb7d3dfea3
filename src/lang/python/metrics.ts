// Metric instruments (where they are created, and whether per call) and the recordings made on them.
import type { FunctionFacts, MetricInstrument, MetricKind } from '../facts.js';
import { words } from '../naming.js';
import { recordingWrites } from './attributes.js';
import { argumentText, callsNamed, type FileContext, receiverOf } from './context.js';
import { decoratorsOf, hasDecorator } from './decorators.js';
import { type CallSite, statementAt } from './scan.js';
import { defAt } from './scopes.js';
import { argument, callArguments, callAt, stringValue } from './syntax.js';
import { shorten } from './text.js';
import type { Unit } from './units.js';

const CREATORS: Readonly<Record<string, MetricKind>> = {
  create_counter: 'counter',
  create_histogram: 'histogram',
  create_up_down_counter: 'updowncounter',
  create_gauge: 'gauge',
  create_observable_gauge: 'observable-gauge',
  create_observable_counter: 'observable-counter',
  create_observable_up_down_counter: 'updowncounter',
};

/** Functions that run once (set-up), so instruments created there are not created per call. */
const ONCE_NAMES = /^_*(setup|set_up|init|initialize|initialise|configure|bootstrap|register|install)(_|$)/;
const ONCE_METHODS = new Set(['__init__', '__post_init__', '__new__', '__init_subclass__', '__set_name__']);

/** `name = <call>` / `self.x: T = <call>`: the name a call's value is bound to, or null. */
export function assignedName(ctx: FileContext, call: CallSite): string | null {
  const { statements } = ctx.skeleton;
  const k = statementAt(statements, call.start);
  if (k < 0) return null;
  const head = ctx.text.slice(statements.start[k]!, call.start);
  const m = /^([\p{L}_][\p{L}\p{N}_]*(?:\.[\p{L}_][\p{L}\p{N}_]*)*)\s*(?::[^=]*)?=\s*(?:await\s+)?$/u.exec(
    head,
  );
  return m ? m[1]! : null;
}

function createdOnce(ctx: FileContext, call: CallSite, variable: string | null): boolean {
  const d = defAt(ctx.scopes, call.block);
  if (d < 0) return true;
  const def = ctx.skeleton.blocks[d]!;
  if (ONCE_METHODS.has(def.name) || ONCE_NAMES.test(def.name)) return true;
  if (
    hasDecorator(
      decoratorsOf(ctx.text, ctx.skeleton, def.decorators),
      'cache',
      'lru_cache',
      'cached_property',
      'cached',
    )
  ) {
    return true;
  }
  // `global _counter` + `_counter = meter.create_counter(...)`: a lazily created module singleton.
  if (variable && !variable.includes('.')) {
    const body = ctx.text.slice(def.colon, def.end);
    if (new RegExp(`\\bglobal\\s+(?:[\\w\\s,]*,\\s*)?${variable}\\b`).test(body)) return true;
  }
  return false;
}

export function metricInstruments(ctx: FileContext): MetricInstrument[] {
  const out: MetricInstrument[] = [];
  for (const call of callsNamed(ctx, Object.keys(CREATORS))) {
    const kind = CREATORS[call.method]!;
    if (receiverOf(call) === '') continue;
    const node = callAt(ctx.tree, call.start, call.end);
    const nameNode = node ? argument(callArguments(node), 0, 'name') : null;
    const name = nameNode ? (stringValue(nameNode) ?? shorten(nameNode.text)) : '';
    const variable = assignedName(ctx, call);
    out.push({
      name,
      kind,
      line: ctx.lines.line(call.start),
      variable,
      perCall: !createdOnce(ctx, call, variable),
    });
  }
  return out;
}

const RECORDERS = new Set(['add', 'record', 'set']);
const INSTRUMENT_WORDS = new Set([
  'counter',
  'counters',
  'histogram',
  'hist',
  'gauge',
  'updowncounter',
  'instrument',
]);
const HISTOGRAM_WORDS = new Set(['duration', 'latency', 'seconds', 'ms', 'time', 'size', 'bytes']);
const COUNTER_WORDS = new Set([
  'requests',
  'count',
  'total',
  'calls',
  'errors',
  'failures',
  'hits',
  'misses',
]);
/** Modules instruments are usually defined in and imported from (`from .telemetry import REQUESTS`). */
const METRICS_MODULE = /metric|telemetry|instrument|observability|otel|monitor/i;

/** An instrument created elsewhere: imported from a metrics module, or named and called like one. */
function looksLikeInstrument(ctx: FileContext, call: CallSite, receiver: string): boolean {
  const root = receiver.split('.')[0]!;
  if (METRICS_MODULE.test(ctx.module.imports.get(root) ?? '')) return true;
  const last = receiver.slice(receiver.lastIndexOf('.') + 1);
  const ws = words(last);
  if (ws.some((w) => INSTRUMENT_WORDS.has(w))) return true;
  if (call.method === 'record') return ws.some((w) => HISTOGRAM_WORDS.has(w));
  // `REQUESTS.add(1, ...)`: a counter is incremented by a number; a set is given an element.
  return (
    call.method === 'add' && ws.some((w) => COUNTER_WORDS.has(w)) && /^\s*\d/.test(argumentText(ctx, call))
  );
}

/** `counter.add(1, {...})` / `self.latency.record(ms, attributes=...)` on an instrument this file knows. */
export function metricRecordings(
  ctx: FileContext,
  unit: Unit,
  instruments: readonly MetricInstrument[],
): FunctionFacts['metricRecordings'] {
  const known = new Set(instruments.map((m) => m.variable).filter((v): v is string => v !== null));
  const out: FunctionFacts['metricRecordings'] = [];
  for (const call of unit.calls) {
    if (!RECORDERS.has(call.method)) continue;
    const receiver = receiverOf(call);
    if (!receiver) continue;
    if (!known.has(receiver) && !looksLikeInstrument(ctx, call, receiver)) continue;
    out.push({
      instrument: receiver,
      line: ctx.lines.line(call.start),
      attributes: recordingWrites(ctx, unit, call),
    });
  }
  return out;
}
