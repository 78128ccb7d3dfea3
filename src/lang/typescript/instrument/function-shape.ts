// What the syntax says about a function that decides how (and whether) it can be wrapped: the `async`
// keyword, a generator star, getter/setter/constructor, and its declared return type.
import type Parser from 'tree-sitter';

type Node = Parser.SyntaxNode;

export interface FunctionShape {
  async: boolean;
  generator: boolean;
  /** `constructor`, `get x()`, `set x(v)`: wrapping would change what they return or cannot return a value. */
  special: 'constructor' | 'getter' | 'setter' | null;
  /** Declared return type text (`Promise<Payment>`), or null. */
  returnType: string | null;
  /** `x is Foo` / `asserts x`: the declared type cannot be repeated on a callback. */
  returnTypeKind: 'type' | 'predicate' | 'asserts' | null;
}

export function shapeOf(fn: Node): FunctionShape {
  const tokens = fn.children.filter((c) => !c.isNamed || c.type === 'property_identifier');
  const async = fn.children.some((c) => c.type === 'async');
  const generator = fn.type.startsWith('generator') || fn.children.some((c) => c.type === '*');
  const name = fn.childForFieldName('name')?.text;
  const special =
    fn.type === 'method_definition'
      ? name === 'constructor'
        ? 'constructor'
        : tokens.some((t) => t.type === 'get')
          ? 'getter'
          : tokens.some((t) => t.type === 'set')
            ? 'setter'
            : null
      : null;
  const annotation = fn.childForFieldName('return_type');
  const typeNode = annotation?.namedChildren[0] ?? null;
  const returnTypeKind = !typeNode
    ? null
    : typeNode.type === 'type_predicate' || annotation?.type === 'type_predicate_annotation'
      ? 'predicate'
      : typeNode.type === 'asserts' || annotation?.type === 'asserts_annotation'
        ? 'asserts'
        : 'type';
  return { async, generator, special, returnType: typeNode?.text ?? null, returnTypeKind };
}

/** `Promise<T>` → `T`; anything else → null. */
export function promisedType(type: string | null): string | null {
  const m = type ? /^Promise\s*<([\s\S]*)>$/.exec(type.trim()) : null;
  return m ? (m[1] as string).trim() : null;
}
