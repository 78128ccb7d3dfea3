// Which def/class encloses each block, so calls, raises and statements can be given to their function.
import type { Block } from './scan.js';

export interface Scopes {
  /** Nearest def or class block enclosing each block (the block itself when it is one), or -1. */
  scopeOf: Int32Array;
  /** Nearest def block enclosing each block (the block itself when it is a def), or -1. */
  defOf: Int32Array;
}

export function computeScopes(blocks: readonly Block[]): Scopes {
  const scopeOf = new Int32Array(blocks.length);
  const defOf = new Int32Array(blocks.length);
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    const parentScope = b.parent >= 0 ? scopeOf[b.parent]! : -1;
    const parentDef = b.parent >= 0 ? defOf[b.parent]! : -1;
    scopeOf[i] = b.keyword === 'def' || b.keyword === 'class' ? i : parentScope;
    defOf[i] = b.keyword === 'def' ? i : parentDef;
  }
  return { scopeOf, defOf };
}

/** Nearest def/class enclosing a position given its innermost block (-1: module level). */
export function scopeAt(scopes: Scopes, block: number): number {
  return block < 0 ? -1 : scopes.scopeOf[block]!;
}

/** Nearest def enclosing a position given its innermost block (-1: not in a function). */
export function defAt(scopes: Scopes, block: number): number {
  return block < 0 ? -1 : scopes.defOf[block]!;
}
