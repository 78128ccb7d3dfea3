// Control-flow approximations over one function's blocks: which try statements catch a position, which
// clauses belong to which try, and whether one statement runs before another on every path to it
// ("dominates": it sits directly in a block that contains the other, earlier in the text).
import type { Block, CallSite, Skeleton } from './scan.js';
import { firstStatementFrom, StatementKind } from './scan.js';
import type { Unit } from './units.js';

export interface TryStatement {
  body: Block;
  excepts: Block[];
  finally: Block | null;
}

export class UnitFlow {
  readonly tries: TryStatement[] = [];
  private readonly blocks: readonly Block[];

  constructor(
    private readonly skeleton: Skeleton,
    readonly unit: Unit,
  ) {
    this.blocks = skeleton.blocks;
    const own = unit.blocks;
    for (let p = 0; p < own.length; p++) {
      const body = this.blocks[own[p]!]!;
      if (body.keyword !== 'try') continue;
      const entry: TryStatement = { body, excepts: [], finally: null };
      for (let q = p + 1; q < own.length; q++) {
        const clause = this.blocks[own[q]!]!;
        if (clause.parent !== body.parent) continue;
        if (clause.keyword === 'except') entry.excepts.push(clause);
        else if (clause.keyword === 'finally') entry.finally = clause;
        else if (clause.keyword !== 'else') break;
        if (clause.keyword === 'finally') break;
      }
      this.tries.push(entry);
    }
  }

  /** The body of a block (or of the function, for the function's own block index). */
  private within(block: number, at: number): boolean {
    if (block < 0) return true;
    const b = this.blocks[block]!;
    return b.bodyStart >= 0 && at >= b.bodyStart && at < b.end;
  }

  /** `call` runs before `at` on every path that reaches `at` (same block or an enclosing one, earlier). */
  dominates(call: CallSite, at: number): boolean {
    return call.start < at && (call.block === this.unit.block || this.within(call.block, at));
  }

  /** A try statement (starting at or after `from`) with an except clause around `at`. */
  caught(at: number, from: number): boolean {
    return this.tries.some((t) => t.excepts.length > 0 && t.body.start >= from && inBody(t.body, at));
  }

  /** The try statement an except clause belongs to. */
  tryOf(clause: Block): TryStatement | undefined {
    return this.tries.find((t) => t.excepts.includes(clause) || t.finally === clause);
  }

  /** True when the function can run off the end of its body (its last statement is not a return/raise). */
  fallsOff(): boolean {
    const { statements } = this.skeleton;
    const def = this.unit.def;
    let last = -1;
    for (
      let k = firstStatementFrom(statements, Math.max(def.bodyStart, 0));
      k < statements.start.length;
      k++
    ) {
      if (statements.start[k]! >= def.end) break;
      if (statements.block[k] === this.unit.block) last = k;
    }
    if (last < 0) return true;
    const kind = statements.kind[last];
    return kind !== StatementKind.Return && kind !== StatementKind.Raise;
  }
}

export function inBody(block: Block, at: number): boolean {
  return block.bodyStart >= 0 && at >= block.bodyStart && at < block.end;
}

/** The names an except clause catches (`except (KeyError, ValueError) as e:` → KeyError, ValueError). */
export function caughtNames(text: string, clause: Block): string[] {
  const header = text
    .slice(clause.start, clause.colon)
    .replace(/^except\*?/, '')
    .replace(/\bas\s+\w+\s*$/, '');
  return header
    .replace(/[()]/g, ' ')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
