import type Parser from 'tree-sitter';
import type { SpanNameKind } from '../facts.js';
import type { ModuleInfo } from './module.js';
import { shorten, stringValue, unwrapExpression } from './syntax.js';

type Node = Parser.SyntaxNode;

/**
 * How a span name is written: a literal, a module constant (or a local const holding a literal), or
 * something built at run time (concatenation, template, format call) whose value is not one name.
 */
export function spanName(
  arg: Node | null,
  module: ModuleInfo,
  localValue: (name: string) => Node | null,
  depth = 0,
): { kind: SpanNameKind; text: string } {
  const node = unwrapExpression(arg);
  if (!node) return { kind: 'expression', text: '' };
  const literal = stringValue(node);
  if (literal !== null) return { kind: 'literal', text: literal };
  switch (node.type) {
    case 'template_string':
      return { kind: 'template', text: shorten(node.text) };
    case 'binary_expression':
      return {
        kind: node.childForFieldName('operator')?.text === '+' ? 'concatenation' : 'expression',
        text: shorten(node.text),
      };
    case 'identifier': {
      const constant = module.constStrings.get(node.text);
      if (constant !== undefined) return { kind: 'constant', text: constant };
      const local = depth === 0 ? localValue(node.text) : null;
      if (local) {
        const resolved = spanName(local, module, localValue, depth + 1);
        return resolved.kind === 'literal' ? { kind: 'constant', text: resolved.text } : resolved;
      }
      return { kind: 'expression', text: node.text };
    }
    case 'member_expression': {
      const m = /^([\w$]+)\.([\w$]+)$/.exec(node.text);
      const entry = m ? module.constStringTable(m[1] as string)?.get(m[2] as string) : undefined;
      return entry !== undefined
        ? { kind: 'constant', text: entry }
        : { kind: 'expression', text: shorten(node.text) };
    }
    case 'call_expression': {
      const callee = node.childForFieldName('function')?.text ?? '';
      const formatting = /(^|\.)(format|concat|sprintf|vsprintf)$/.test(callee.replace(/\s+/g, ''));
      return { kind: formatting ? 'format-call' : 'expression', text: shorten(node.text) };
    }
    default:
      return { kind: 'expression', text: shorten(node.text) };
  }
}
