// A span's name (literal, constant, or built at run time) and where its parent context comes from.
import type { SpanFacts, SpanNameKind } from '../facts.js';
import type { FileContext } from './context.js';
import { type Arguments, argument, isInterpolated, type Node, stringValue } from './syntax.js';
import { shorten } from './text.js';
import type { Unit } from './units.js';

export function spanName(
  ctx: FileContext,
  unit: Unit,
  node: Node | null,
): { kind: SpanNameKind; text: string } {
  if (!node) return { kind: 'expression', text: '' };
  const literal = stringValue(node);
  if (literal !== null) return { kind: 'literal', text: literal };
  if (isInterpolated(node)) return { kind: 'template', text: shorten(node.text) };
  const text = shorten(node.text);
  if (node.type === 'binary_operator') {
    const op = node.childForFieldName('operator')?.text;
    if (op === '+') return { kind: 'concatenation', text };
    if (op === '%') return { kind: 'format-call', text };
  }
  if (node.type === 'call' && /\.format$/.test(node.childForFieldName('function')?.text ?? ''))
    return { kind: 'format-call', text };
  if (node.type === 'identifier') {
    const value = ctx.module.constants.get(node.text);
    if (value !== undefined) return { kind: 'constant', text: value };
    if (/^[A-Z][A-Z0-9_]*$/.test(node.text)) return { kind: 'constant', text };
  }
  if (node.type === 'attribute') {
    const m = /^(self|cls|[\w.]+)\.([A-Z][A-Z0-9_]*)$/.exec(node.text);
    if (m) {
      const owner = m[1] === 'self' || m[1] === 'cls' ? (unit.classes[unit.classes.length - 1] ?? '') : m[1]!;
      return { kind: 'constant', text: ctx.module.constants.get(`${owner}.${m[2]}`) ?? text };
    }
  }
  return { kind: 'expression', text };
}

export function parentContext(
  ctx: FileContext,
  args: Arguments | null,
  params: readonly string[],
): { parent: SpanFacts['parentContext']; backgroundLine: number | null } {
  const value = args ? argument(args, 1, 'context') : null;
  if (!value || value.type === 'none') return { parent: 'implicit', backgroundLine: null };
  if (value.type === 'call' && /(^|\.)Context$/.test(value.childForFieldName('function')?.text ?? '')) {
    // `context=Context()`: an empty context, so the span starts a new trace.
    return { parent: 'background', backgroundLine: ctx.lines.line(value.startIndex) };
  }
  if (value.type === 'identifier' && params.includes(value.text))
    return { parent: 'parameter', backgroundLine: null };
  return { parent: 'derived', backgroundLine: null };
}
