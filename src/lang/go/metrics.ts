// Metric instruments (`meter.Int64Counter("orders.created")`) and recordings (`hist.Record(ctx, v, ...)`).
import type { AttributeWrite, MetricInstrument, MetricKind } from '../facts.js';
import { argsOf, lastSegment, methodOf, receiverOf } from './calls.js';
import { constantString } from './declarations.js';
import type { LexCall, LexScope } from './lexer.js';
import { type GoFile, INSTRUMENT_TYPES } from './model.js';
import { shorten } from './scan.js';

const KIND: Record<string, MetricKind> = {
  Counter: 'counter',
  Histogram: 'histogram',
  UpDownCounter: 'updowncounter',
  Gauge: 'gauge',
  ObservableGauge: 'observable-gauge',
  ObservableCounter: 'observable-counter',
  ObservableUpDownCounter: 'updowncounter',
};

const INSTRUMENT_METHODS = new Set<string>(INSTRUMENT_TYPES);
const INSTRUMENT_NAME = /count|hist|duration|latency|requests|seconds|total|calls|inflight|gauge/i;

export function isInstrumentCreation(call: LexCall): boolean {
  return INSTRUMENT_METHODS.has(methodOf(call)) && call.close > call.open + 1;
}

/** `c, err := m.Int64Counter(...)`, `s.requests, _ = must(m.Float64Histogram(...))`, `requests: must(...)` → the bound name. */
function boundName(file: GoFile, call: LexCall): string | null {
  const lineStart = file.text.lastIndexOf('\n', call.start - 1) + 1;
  const before = file.text.slice(lineStart, call.start);
  const wrappers = '(?:[\\p{L}_][\\p{L}\\p{Nd}_.]*\\(\\s*)*';
  const assigned = new RegExp(
    `([\\p{L}_][\\p{L}\\p{Nd}_.]*)\\s*(?:,\\s*[\\p{L}_][\\p{L}\\p{Nd}_]*\\s*)?:?=\\s*${wrappers}$`,
    'u',
  ).exec(before);
  if (assigned) return lastSegment(assigned[1] as string);
  const keyed = new RegExp(`([\\p{L}_][\\p{L}\\p{Nd}_]*)\\s*:\\s*${wrappers}$`, 'u').exec(before);
  return keyed ? (keyed[1] as string) : null;
}

/** Created once: at package level, in `init`/`main`/a constructor, or inside a `sync.Once`. */
function createdOnce(file: GoFile, call: LexCall, root: LexScope | null): boolean {
  if (root === null) return true;
  const name = root.signature?.name ?? '';
  if ((root.kind === 'function' && (name === 'init' || name === 'main')) || /^[Nn]ew/.test(name)) return true;
  for (let s = call.owner; s && s.kind === 'literal'; s = s.parent) {
    const before = file.text.slice(Math.max(0, s.start - 80), s.start);
    if (/[oO]nce\w*\s*\.\s*Do\s*\(\s*$|\bOnce(Func|Value|Values)\s*(\[[^\]]*\])?\s*\(\s*$/.test(before))
      return true;
  }
  return false;
}

export function instrumentOf(file: GoFile, call: LexCall, root: LexScope | null): MetricInstrument {
  const method = methodOf(call);
  const [nameArg] = argsOf(file.text, call);
  const nameText = nameArg ? file.text.slice(nameArg.start, nameArg.end) : '';
  return {
    name: constantString(nameText, file.constants) ?? shorten(nameText),
    kind: KIND[method.replace(/^(Int64|Float64)/, '')] ?? 'counter',
    line: file.pos.line(call.start),
    variable: boundName(file, call),
    perCall: !createdOnce(file, call, root),
  };
}

/** `<instrument>.Record(ctx, v, opts...)` / `.Add(ctx, n, opts...)` on a known or instrument-named receiver. */
export function isRecording(file: GoFile, call: LexCall, instruments: ReadonlySet<string>): boolean {
  const method = methodOf(call);
  if (method !== 'Record' && method !== 'Add') return false;
  const receiver = receiverOf(call);
  if (receiver === '' || argsOf(file.text, call).length < 2) return false;
  const name = lastSegment(receiver);
  return instruments.has(name) || INSTRUMENT_NAME.test(name);
}

export function recordingOf(
  file: GoFile,
  call: LexCall,
  attributes: readonly AttributeWrite[],
): { instrument: string; line: number; attributes: AttributeWrite[] } {
  // Attributes written inside the call's argument list belong to the recording.
  const inside = attributes.filter((a) => {
    const at = file.pos.lineStart(a.line) + a.column - 1;
    return a.target === 'metric' && at > call.open && at < call.close;
  });
  return { instrument: shorten(receiverOf(call), 80), line: file.pos.line(call.start), attributes: inside };
}
