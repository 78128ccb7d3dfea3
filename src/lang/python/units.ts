// The functions that get facts of their own, and what belongs to each. Module- and class-level defs
// get facts; a def inside another function is part of its parent (its calls count as the parent's
// work) except that its raises, returns, yields and spans are its own, not the parent's. A nested def
// registered as a route (`@app.get` inside `create_app()`) is a request handler and gets facts too.
import type { Block, CallSite, Keyword, Skeleton } from './scan.js';
import { defAt, type Scopes } from './scopes.js';

export interface Unit {
  block: number;
  def: Block;
  /** Enclosing classes, outermost first. */
  classes: string[];
  /** Innermost enclosing class block, or -1. */
  classBlock: number;
  /** Defined inside another function. */
  nested: boolean;
  /** Calls in the body, not in nested functions or decorators. */
  calls: CallSite[];
  /** Calls in nested functions that have no facts of their own. */
  closureCalls: CallSite[];
  raises: Keyword[];
  returns: Keyword[];
  yields: Keyword[];
  /** Blocks of the body (if/for/with/try...), not those of nested functions. */
  blocks: number[];
  /** Nested defs without facts, whose ranges are not this function's own code. */
  closures: number[];
}

export function collectUnits(
  skeleton: Skeleton,
  scopes: Scopes,
  isRouteHandler: (def: Block) => boolean,
): Unit[] {
  const { blocks } = skeleton;
  const units: Unit[] = [];
  // For each def block: the unit its calls count toward (itself, or the nearest ancestor with facts).
  const unitOf = new Int32Array(blocks.length).fill(-1);
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.keyword !== 'def') continue;
    const classes: string[] = [];
    let classBlock = -1;
    let nested = false;
    for (let p = b.parent; p >= 0; p = blocks[p]!.parent) {
      const pb = blocks[p]!;
      if (pb.keyword === 'def') {
        nested = true;
        break;
      }
      if (pb.keyword === 'class') {
        classes.unshift(pb.name);
        if (classBlock < 0) classBlock = p;
      }
    }
    const parentDef = b.parent >= 0 ? scopes.defOf[b.parent]! : -1;
    if (!nested || isRouteHandler(b)) {
      unitOf[i] = units.length;
      units.push({
        block: i,
        def: b,
        classes: nested ? [] : classes,
        classBlock: nested ? -1 : classBlock,
        nested,
        calls: [],
        closureCalls: [],
        raises: [],
        returns: [],
        yields: [],
        blocks: [],
        closures: [],
      });
    } else {
      unitOf[i] = parentDef >= 0 ? unitOf[parentDef]! : -1;
      if (unitOf[i]! >= 0) units[unitOf[i]!]!.closures.push(i);
    }
  }

  for (let i = 0; i < blocks.length; i++) {
    if (blocks[i]!.keyword === 'def' || blocks[i]!.parent < 0) continue;
    const d = scopes.defOf[blocks[i]!.parent]!;
    if (d >= 0 && unitOf[d]! >= 0 && units[unitOf[d]!]!.block === d) units[unitOf[d]!]!.blocks.push(i);
  }
  for (const call of skeleton.calls) {
    if (call.inDecorator) continue;
    const d = defAt(scopes, call.block);
    if (d < 0 || unitOf[d]! < 0) continue;
    const unit = units[unitOf[d]!]!;
    (unit.block === d ? unit.calls : unit.closureCalls).push(call);
  }
  const own = (keywords: readonly Keyword[], pick: (u: Unit) => Keyword[]) => {
    for (const k of keywords) {
      const d = defAt(scopes, k.block);
      if (d >= 0 && unitOf[d]! >= 0 && units[unitOf[d]!]!.block === d) pick(units[unitOf[d]!]!).push(k);
    }
  };
  own(skeleton.raises, (u) => u.raises);
  own(skeleton.returns, (u) => u.returns);
  own(skeleton.yields, (u) => u.yields);
  return units;
}
