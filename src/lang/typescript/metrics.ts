import type Parser from 'tree-sitter';
import type { AttributeWrite, MetricInstrument, MetricKind } from '../facts.js';
import { type AttributeScope, attributesFromObject } from './attributes.js';
import type { CallSite } from './collect.js';
import type { FunctionDecl } from './functions.js';
import { argumentsOf, shorten, stringValue } from './syntax.js';

type Node = Parser.SyntaxNode;

const CREATORS = new Map<string, MetricKind>([
  ['createCounter', 'counter'],
  ['createHistogram', 'histogram'],
  ['createUpDownCounter', 'updowncounter'],
  ['createGauge', 'gauge'],
  ['createObservableGauge', 'observable-gauge'],
  ['createObservableCounter', 'observable-counter'],
  ['createObservableUpDownCounter', 'observable-counter'],
]);
// Functions that run once at start-up: instruments created there are not created per call.
const INITIALISER =
  /^(init|setup|register|configure|bootstrap)\w*$|^(create|build|make|define)\w*(Metrics|Instruments|Meters?|Telemetry)$/i;
const INSTRUMENT_NAME = /(counter|histogram|gauge)/i;
// Instruments created in another module (`import { requestDuration } from './telemetry.js'`) are known by name.
const RECORDED_NAME = /(histogram|duration|latency|elapsed|time|size|bytes)/i;
const ADDED_NAME = /(counter|count|total|requests|errors|failures|calls|hits|misses|inflight|active)/i;

export function instrumentKind(call: CallSite): MetricKind | null {
  const segments = call.callee?.segments;
  if (!segments || segments.length < 2) return null;
  return CREATORS.get(segments[segments.length - 1] as string) ?? null;
}

/** An instrument creation; `decl` is the function the call belongs to, or null at module level. */
export function instrumentOf(call: CallSite, kind: MetricKind, decl: FunctionDecl | null): MetricInstrument {
  const args = argumentsOf(call.node);
  const first = args[0];
  const variable = boundVariable(call.node);
  // Cached on `this` or in an outer variable, or made in an initialiser: created once, not per call.
  const cached = variable !== null && (variable.startsWith('this.') || variable.startsWith('outer:'));
  const perCall = decl !== null && !cached && !INITIALISER.test(decl.name) && decl.kind !== 'constructor';
  return {
    name: stringValue(first) ?? shorten(first?.text ?? ''),
    kind,
    line: call.row + 1,
    variable: variable?.replace(/^outer:/, '') ?? null,
    perCall,
  };
}

/** `const x = create...`, `this.x = create...`, class field `x = create...` (→ `this.x`), `x = create...` (→ `outer:x`). */
function boundVariable(call: Node): string | null {
  const parent = call.parent;
  if (!parent) return null;
  if (parent.type === 'variable_declarator') {
    const name = parent.childForFieldName('name');
    return name?.type === 'identifier' ? name.text : null;
  }
  if (parent.type === 'assignment_expression') {
    const left = parent.childForFieldName('left')?.text.replace(/\s+/g, '') ?? '';
    return left.startsWith('this.') ? left : `outer:${left}`;
  }
  if (parent.type === 'public_field_definition' || parent.type === 'field_definition') {
    const name = parent.childForFieldName('name') ?? parent.childForFieldName('property');
    return name ? `this.${name.text}` : null;
  }
  if (parent.type === 'pair') return parent.childForFieldName('key')?.text ?? null;
  return null;
}

/** `histogram.record(ms, { ... })`, `counter.add(1, attrs)` on a known instrument (or one named like it). */
export function metricRecording(
  call: CallSite,
  instruments: Set<string>,
  scope: AttributeScope,
): { instrument: string; line: number; attributes: AttributeWrite[] } | null {
  const segments = call.callee?.segments;
  if (!segments || segments.length < 2) return null;
  const method = segments[segments.length - 1];
  if (method !== 'record' && method !== 'add') return null;
  const receiver = segments.slice(0, -1).join('.');
  const last = segments[segments.length - 2] as string;
  const known = instruments.has(receiver) || instruments.has(last) || INSTRUMENT_NAME.test(last);
  const elsewhere =
    (scope.module.imports.has(segments[0] as string) || segments[0] === 'this') &&
    (method === 'record' ? RECORDED_NAME : ADDED_NAME).test(last);
  if (!known && !elsewhere) return null;
  const args = argumentsOf(call.node);
  return {
    instrument: receiver,
    line: call.row + 1,
    attributes: attributesFromObject(args[1] ?? null, 'metric', scope),
  };
}

/** Every instrument created in the file, each with the function (if any) it is created in. */
export function instrumentsIn(
  calls: CallSite[],
  decls: FunctionDecl[],
  ownerOf: Int32Array,
): MetricInstrument[] {
  const out: MetricInstrument[] = [];
  for (const call of calls) {
    const kind = instrumentKind(call);
    if (!kind) continue;
    const decl = call.scope >= 0 ? (decls[ownerOf[call.scope] as number] ?? null) : null;
    out.push(instrumentOf(call, kind, decl));
  }
  return out;
}
