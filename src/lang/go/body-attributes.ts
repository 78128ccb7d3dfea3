// Attributes a function writes outside span start options: `span.SetAttributes(...)`, options built
// apart from the Start call, event and error options, and metric attributes.
import type { AttributeWrite } from '../facts.js';
import { readAttribute } from './attributes.js';
import { argsOf, methodOf } from './calls.js';
import type { LexCall } from './lexer.js';
import type { FunctionModel, GoFile } from './model.js';

const ATTRIBUTE_CALLS = new Set(['SetAttributes', 'WithAttributes', 'NewSet']);

function targetOf(
  file: GoFile,
  call: LexCall,
  spanStarts: readonly LexCall[],
): AttributeWrite['target'] | null {
  const method = methodOf(call);
  if (!ATTRIBUTE_CALLS.has(method)) return null;
  if (method === 'SetAttributes' && call.callee.includes('.')) return 'span';
  const parts = call.callee.split('.');
  if (parts.length !== 2) return null;
  const [pkg, fn] = parts as [string, string];
  if (fn === 'WithAttributes' && file.imports.is(pkg, 'metric')) return 'metric';
  if (fn === 'NewSet' && file.imports.is(pkg, 'attribute')) return 'metric';
  if (fn === 'WithAttributes' && file.imports.is(pkg, 'trace')) {
    // Options of a Start call are that span's start attributes, read with the span.
    const inStart = spanStarts.some((s) => s.open < call.start && call.start < s.close);
    return inStart ? null : 'span';
  }
  return null;
}

export function bodyAttributes(
  file: GoFile,
  fn: FunctionModel,
  spanStarts: readonly LexCall[],
): AttributeWrite[] {
  const { text } = file;
  const out: AttributeWrite[] = [];
  for (const call of fn.lex.calls) {
    const target = targetOf(file, call, spanStarts);
    if (!target) continue;
    for (const arg of argsOf(text, call)) {
      const attr = readAttribute(text.slice(arg.start, arg.end), arg.start, file, target);
      if (attr) out.push(attr);
    }
  }
  return out;
}
