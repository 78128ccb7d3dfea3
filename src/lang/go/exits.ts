import type { Block, LexResult, LexScope } from './lexer.js';
import { splitTopLevel, trimSpan } from './scan.js';
import { returnsError } from './signature.js';

export interface Exit {
  /** Index of the `return`, the `panic` call, or the body's closing brace for falling off the end. */
  at: number;
  /** Index where the exit statement ends (a call inside `return f(span, err)` runs before it returns). */
  end: number;
  block: Block | null;
  kind: 'return' | 'panic' | 'end';
  /** There is an error value to record: every failing return; a panic only when it panics with an error. */
  recordable: boolean;
}

/** The expressions a `return` statement returns, as text. */
export function returnedValues(text: string, ret: { start: number; end: number }): string[] {
  const body = trimSpan(text, ret.start + 'return'.length, ret.end);
  return splitTopLevel(text, body.start, body.end, ',').map((s) => text.slice(s.start, s.end));
}

/** The text after `return`, without comments around it. */
function returnText(text: string, ret: { start: number; end: number }): string {
  const body = trimSpan(text, ret.start + 'return'.length, ret.end);
  return text.slice(body.start, body.end);
}

/** True when the last returned value is the literal `nil` (`return nil`, `return x, nil`). */
function returnsNilLast(values: string): boolean {
  return /(^|,)\s*nil$/.test(values);
}

/**
 * Failure exits of `owner`: returns whose error result is not the literal `nil` (in a function whose last
 * result is `error`), and `panic(...)` calls. A bare `return` with named results is not counted: we cannot
 * see what the named error holds.
 */
export function failureExits(text: string, lex: LexResult, owner: LexScope): Exit[] {
  const exits: Exit[] = [];
  if (owner.signature && returnsError(owner.signature)) {
    for (const ret of lex.returns) {
      if (ret.owner !== owner) continue;
      const values = returnText(text, ret);
      if (values !== '' && !returnsNilLast(values)) {
        exits.push({ at: ret.start, end: ret.end, block: ret.block, kind: 'return', recordable: true });
      }
    }
  }
  for (const call of lex.calls) {
    if (call.owner === owner && call.callee === 'panic') {
      exits.push({
        at: call.start,
        end: call.close + 1,
        block: call.block,
        kind: 'panic',
        // The SDK's span.End(), deferred, records a panic as an exception event itself: recording it
        // here too would record it twice. Status Error is still ours to set.
        recordable: false,
      });
    }
  }
  return exits.sort((a, b) => a.at - b.at);
}

/** Whether control can fall off the end of `owner`'s body (its last statement is not a return or panic). */
function fallsOffEnd(text: string, lex: LexResult, owner: LexScope): boolean {
  const body = owner.body;
  if (!body) return false;
  const close = body.end;
  for (const ret of lex.returns) {
    if (ret.owner === owner && ret.block === body && trimSpan(text, ret.end, close).start >= close)
      return false;
  }
  for (const call of lex.calls) {
    if (
      call.owner === owner &&
      call.block === body &&
      call.callee === 'panic' &&
      call.close >= 0 &&
      trimSpan(text, call.close + 1, close).start >= close
    ) {
      return false;
    }
  }
  return true;
}

/** Every way out of `owner` at or after `from`: its returns, and the end of the body when reachable. */
export function exitsAfter(text: string, lex: LexResult, owner: LexScope, from: number): Exit[] {
  const exits: Exit[] = lex.returns
    .filter((r) => r.owner === owner && r.start > from)
    .map((r) => ({ at: r.start, end: r.end, block: r.block, kind: 'return' as const, recordable: false }));
  if (owner.body && fallsOffEnd(text, lex, owner)) {
    exits.push({
      at: owner.body.end,
      end: owner.body.end,
      block: owner.body,
      kind: 'end',
      recordable: false,
    });
  }
  return exits;
}

/**
 * True when a statement at `at` in `block` runs before `exit` on every path reaching it: it comes first
 * and its block encloses the exit (so it is not in a sibling branch).
 */
export function precedes(at: number, block: Block | null, exit: Exit): boolean {
  if (block === null || at >= exit.end) return false;
  if (exit.kind === 'end') return block === exit.block;
  return block.start <= exit.at && exit.at < block.end;
}

/**
 * `if err != nil { span.RecordError(err) }` followed by `return err`: a block that does not return itself
 * falls through to the statement after it, so what it did happened before that exit. Only used for error
 * recording, whose condition goes with the failure (an End in such a block may not have run).
 */
export function fallsThroughTo(
  block: Block | null,
  exit: Exit,
  returnsIn: (block: Block) => boolean,
): boolean {
  return (
    block !== null &&
    block.parent !== null &&
    block.parent === exit.block &&
    block.end < exit.at &&
    !returnsIn(block)
  );
}
