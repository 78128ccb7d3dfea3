// Attribute writes: keys and values from `attributes={...}`, `span.set_attribute(k, v)`,
// `span.set_attributes({...})` and metric recordings, with semantic-convention constants resolved to
// the names they stand for so deprecated keys are caught however they are written.
import type { AttributeWrite } from '../facts.js';
import { semconvConstantKey } from '../semconv-constants.js';
import { type FileContext, receiverOf } from './context.js';
import { type CallSite, firstStatementFrom } from './scan.js';
import { argument, callArguments, callAt, dictPairs, type Node, stringValue } from './syntax.js';
import { shorten } from './text.js';
import type { Unit } from './units.js';

/** A key expression's attribute name, when it is a literal or a constant we can see through. */
function keyOf(ctx: FileContext, node: Node): { key: string; dynamic: boolean } {
  const literal = stringValue(node);
  if (literal !== null) return { key: literal, dynamic: false };
  const text = node.text;
  if (node.type === 'identifier') {
    const constant = ctx.module.constants.get(text);
    if (constant !== undefined) return { key: constant, dynamic: false };
    const imported = ctx.module.imports.get(text);
    const key = imported?.includes('semconv') ? semconvConstantKey(text) : null;
    if (key) return { key, dynamic: false };
  } else if (node.type === 'attribute') {
    const m = /^([\w.]+)\.([A-Z][A-Z0-9_]*)$/.exec(text);
    if (m) {
      const [, owner, name] = m as unknown as [string, string, string];
      const root = owner.split('.')[0]!;
      const semconv =
        /Attributes$|_attributes$|semconv/.test(owner) ||
        (ctx.module.imports.get(root) ?? '').includes('semconv');
      const key = semconv ? semconvConstantKey(name) : null;
      if (key) return { key, dynamic: false };
    }
  }
  return { key: shorten(text), dynamic: true };
}

function attributeWrite(
  ctx: FileContext,
  key: Node,
  value: Node,
  at: number,
  target: AttributeWrite['target'],
): AttributeWrite {
  const { key: name, dynamic } = keyOf(ctx, key);
  const { line, column } = ctx.lines.position(at);
  return { key: name, dynamicKey: dynamic, line, column, valueText: shorten(value.text), target };
}

/** A dict literal bound to a local name before `before` (`attrs = {...}` then `counter.add(1, attrs)`). */
function localDict(ctx: FileContext, unit: Unit, name: string, before: number): Node | null {
  const { statements } = ctx.skeleton;
  const pattern = new RegExp(`^${name}\\s*(?::[^=]*)?=\\s*\\{`);
  let found: Node | null = null;
  for (let k = firstStatementFrom(statements, unit.def.colon); k < statements.start.length; k++) {
    const start = statements.start[k]!;
    if (start >= before) break;
    const end = statements.end[k]!;
    const text = ctx.text.slice(start, end);
    const m = pattern.exec(text);
    if (!m) continue;
    const brace = start + m[0].length - 1;
    let node: Node | null = ctx.tree.rootNode.descendantForIndex(brace, brace + 1);
    while (node && node.type !== 'dictionary' && node.startIndex === brace) node = node.parent;
    if (node?.type === 'dictionary') found = node;
  }
  return found;
}

/** Writes from a dictionary argument: a literal, or a local name bound to one. */
export function dictWrites(
  ctx: FileContext,
  unit: Unit | null,
  node: Node | null,
  before: number,
  target: AttributeWrite['target'],
): AttributeWrite[] {
  if (!node) return [];
  const dict =
    node.type === 'dictionary'
      ? node
      : node.type === 'identifier' && unit
        ? localDict(ctx, unit, node.text, before)
        : null;
  if (!dict) return [];
  return dictPairs(dict).map((p) => attributeWrite(ctx, p.key, p.value, p.key.startIndex, target));
}

const SPAN_WRITERS = new Set(['set_attribute', 'set_attributes', 'add_event', 'record_exception']);

/** `span.set_attribute("k", v)`, `span.set_attributes({...})`, `span.add_event("e", {...})` in a function. */
export function spanAttributeWrites(ctx: FileContext, unit: Unit): AttributeWrite[] {
  const out: AttributeWrite[] = [];
  for (const call of unit.calls) {
    const method = call.method;
    if (!SPAN_WRITERS.has(method) || receiverOf(call) === '') continue;
    const node = callAt(ctx.tree, call.start, call.end);
    if (!node) continue;
    const args = callArguments(node);
    if (method === 'set_attribute') {
      const key = argument(args, 0, 'key');
      const value = argument(args, 1, 'value');
      if (key && value) out.push(attributeWrite(ctx, key, value, call.start, 'span'));
    } else if (method === 'set_attributes') {
      out.push(...dictWrites(ctx, unit, argument(args, 0, 'attributes'), call.start, 'span'));
    } else {
      out.push(...dictWrites(ctx, unit, argument(args, 1, 'attributes'), call.start, 'span'));
    }
  }
  return out;
}

/** Attributes passed to a metric recording: `counter.add(1, {...})`, `hist.record(v, attributes=attrs)`. */
export function recordingWrites(ctx: FileContext, unit: Unit, call: CallSite): AttributeWrite[] {
  const node = callAt(ctx.tree, call.start, call.end);
  if (!node) return [];
  return dictWrites(ctx, unit, argument(callArguments(node), 1, 'attributes'), call.start, 'metric');
}
