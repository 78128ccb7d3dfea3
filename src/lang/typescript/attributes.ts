import type Parser from 'tree-sitter';
import type { AttributeWrite } from '../facts.js';
import type { ModuleInfo } from './module.js';
import { semconvKey } from './semconv.js';
import { shorten, stringValue, unwrapExpression } from './syntax.js';

type Node = Parser.SyntaxNode;
type Target = AttributeWrite['target'];

export interface AttributeScope {
  module: ModuleInfo;
  /** A `const name = { ... }` object literal visible from the function, or null. */
  objectNamed(name: string): Node | null;
}

/** Attribute keys written as an object literal (`{ 'order.id': id, ...base }`), spreads resolved when local. */
export function attributesFromObject(
  value: Node | null,
  target: Target,
  scope: AttributeScope,
  depth = 0,
): AttributeWrite[] {
  const object = resolveObject(unwrapExpression(value), scope);
  if (!object || depth > 3) return [];
  const out: AttributeWrite[] = [];
  for (const member of object.namedChildren) {
    if (member.type === 'pair') {
      const key = member.childForFieldName('key');
      const valueNode = member.childForFieldName('value');
      if (key) out.push(write(member, keyOf(key, scope.module), valueNode?.text ?? '', target));
    } else if (member.type === 'shorthand_property_identifier') {
      out.push(write(member, { key: member.text, dynamic: false }, member.text, target));
    } else if (member.type === 'spread_element') {
      out.push(...attributesFromObject(member.firstNamedChild, target, scope, depth + 1));
    }
  }
  return out;
}

/** `span.setAttribute(key, value)`. */
export function attributeFromArguments(
  args: Node[],
  target: Target,
  module: ModuleInfo,
): AttributeWrite | null {
  const [key, value] = args;
  if (!key) return null;
  return write(key, keyOf(key, module), value?.text ?? '', target);
}

function resolveObject(node: Node | null, scope: AttributeScope): Node | null {
  if (!node) return null;
  if (node.type === 'object') return node;
  if (node.type === 'identifier') return scope.objectNamed(node.text);
  return null;
}

function keyOf(node: Node, module: ModuleInfo): { key: string; dynamic: boolean } {
  const key = unwrapExpression(node.type === 'computed_property_name' ? node.firstNamedChild : node) ?? node;
  const literal = stringValue(key);
  if (literal !== null) return { key: literal, dynamic: false };
  if (node.type === 'property_identifier' || node.type === 'number')
    return { key: node.text, dynamic: false };
  const text = key.text;
  const constant = module.constStrings.get(text) ?? tableEntry(text, module) ?? semconvKey(text);
  return constant !== null ? { key: constant, dynamic: false } : { key: text, dynamic: true };
}

/** `ATTRS.ORDER_ID` where `const ATTRS = { ORDER_ID: 'order.id' }`. */
function tableEntry(text: string, module: ModuleInfo): string | null {
  const m = /^([\w$]+)\.([\w$]+)$/.exec(text);
  if (!m) return null;
  return module.constStringTable(m[1] as string)?.get(m[2] as string) ?? null;
}

function write(
  at: Node,
  key: { key: string; dynamic: boolean },
  value: string,
  target: Target,
): AttributeWrite {
  const position = at.startPosition;
  return {
    key: key.key,
    dynamicKey: key.dynamic,
    line: position.row + 1,
    column: position.column + 1,
    valueText: shorten(value),
    target,
  };
}

/** Attribute objects visible from one function: its own `const x = {...}` first, then the module's. */
export function attributeScopeOf(
  node: Node,
  module: ModuleInfo,
): AttributeScope & { localValue(name: string): Node | null } {
  let locals: Map<string, Node> | null = null;
  const localValue = (name: string): Node | null => {
    if (!locals) {
      locals = new Map();
      for (const declarator of node.descendantsOfType('variable_declarator')) {
        const id = declarator.childForFieldName('name');
        const value = declarator.childForFieldName('value');
        if (id?.type === 'identifier' && value && !locals.has(id.text)) locals.set(id.text, value);
      }
    }
    return locals.get(name) ?? null;
  };
  return {
    module,
    localValue,
    objectNamed: (name) => {
      const local = localValue(name);
      return local?.type === 'object' ? local : module.objectNamed(name);
    },
  };
}
