// Finds the syntax node of the function a FunctionFacts describes, in the planner's own parse of the file.
// Matched by lines and name rather than by range, so the match does not depend on how ranges are counted.
import type Parser from 'tree-sitter';
import type { FunctionFacts } from '../../facts.js';
import { FUNCTION_TYPES as ADAPTER_FUNCTION_TYPES } from '../collect.js';
import { propertyKey } from '../syntax.js';

type Node = Parser.SyntaxNode;

/** The adapter's function node types, as the list `descendantsOfType` takes. */
export const FUNCTION_TYPES = [...ADAPTER_FUNCTION_TYPES];
export function isFunctionNode(node: Node): boolean {
  return ADAPTER_FUNCTION_TYPES.has(node.type);
}

/** Function nodes of the file, indexed by their last line (what FunctionFacts.endLine gives). */
export class FunctionIndex {
  private readonly byEndRow = new Map<number, Node[]>();

  constructor(root: Node) {
    for (const node of root.descendantsOfType(FUNCTION_TYPES)) {
      const row = node.endPosition.row;
      const list = this.byEndRow.get(row);
      if (list) list.push(node);
      else this.byEndRow.set(row, [node]);
    }
  }

  find(fn: FunctionFacts): Node | null {
    const candidates = (this.byEndRow.get(fn.endLine - 1) ?? []).filter(
      (n) => n.startPosition.row <= fn.line - 1,
    );
    if (candidates.length <= 1) return candidates[0] ?? null;
    const named = candidates.filter((n) => bindingName(n) === fn.name);
    const pool = named.length > 0 ? named : candidates;
    return (
      pool.find((n) => n.startPosition.row === fn.line - 1 && n.startPosition.column === fn.column - 1) ??
      pool[0] ??
      null
    );
  }
}

/** The name a function is known by: its own, or what it is bound or assigned to. */
function bindingName(node: Node): string | null {
  const own = node.childForFieldName('name');
  if (own) return own.type === 'computed_property_name' ? own.text : propertyKey(own).text;
  const parent = node.parent;
  if (!parent) return null;
  switch (parent.type) {
    case 'variable_declarator':
      return parent.childForFieldName('name')?.text ?? null;
    case 'assignment_expression': {
      const left = parent.childForFieldName('left');
      return left ? (left.text.split('.').pop() ?? null) : null;
    }
    case 'pair': {
      const key = parent.childForFieldName('key');
      return key ? propertyKey(key).text : null;
    }
    case 'public_field_definition':
    case 'field_definition':
      return (parent.childForFieldName('name') ?? parent.childForFieldName('property'))?.text ?? null;
    default:
      return null;
  }
}
