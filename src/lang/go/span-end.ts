// How a Go span is ended and whether its failure paths record the error and set status Error.
import type { SpanEnd } from '../facts.js';
import { escapeRegExp } from './assignments.js';
import { argsOf, methodOf, receiverOf } from './calls.js';
import { type Exit, exitsAfter, failureExits, fallsThroughTo, precedes, returnedValues } from './exits.js';
import { isErrorValue } from './expressions.js';
import type { Block, LexCall, LexResult, LexScope, LexStatement } from './lexer.js';
import type { GoFile } from './model.js';

export interface SpanOutcome {
  end: SpanEnd;
  unendedExitLines: number[];
  failureExitLines: number[];
  failureExitsWithoutRecord: number[];
  failureExitsWithoutStatus: number[];
}

function isInside(scope: LexScope | null, ancestor: LexScope): boolean {
  for (let s = scope; s; s = s.parent) if (s === ancestor) return true;
  return false;
}

interface Recorders {
  /** Calls or deferred statements that record the error / set status, with where they apply. */
  record: { at: number; block: LexStatement['block']; always: boolean }[];
  status: { at: number; block: LexStatement['block']; always: boolean }[];
}

/** `SetStatus(codes.Error, ...)` with the OpenTelemetry codes package under any local name. */
function setsErrorStatus(file: GoFile, text: string): boolean {
  return file.imports
    .namesOf('codes')
    .some((codes) =>
      new RegExp(`\\.\\s*SetStatus\\s*\\(\\s*${escapeRegExp(codes)}\\s*\\.\\s*Error\\b`).test(text),
    );
}

/** The pieces of `owner` after the span start that record errors or set status on it. */
function recorders(
  file: GoFile,
  lex: LexResult,
  owner: LexScope,
  variable: string | null,
  from: number,
): Recorders {
  const { text } = file;
  const found: Recorders = { record: [], status: [] };
  const onSpan = (receiver: string) =>
    (variable !== null && receiver === variable) || /(^|\.)SpanFromContext\(…\)$/.test(receiver);
  for (const call of lex.calls) {
    if (call.owner !== owner || call.start <= from) continue;
    const method = methodOf(call);
    const receiver = receiverOf(call);
    if (onSpan(receiver)) {
      if (method === 'RecordError') found.record.push({ at: call.start, block: call.block, always: false });
      if (method === 'SetStatus' && setsErrorStatus(file, text.slice(call.start, call.close + 1))) {
        found.status.push({ at: call.start, block: call.block, always: false });
      }
      continue;
    }
    // A helper handed the span and the error (`recordErr(span, err)`, `telemetry.Fail(span, err)`) does both.
    if (variable !== null && call.close > call.open) {
      const args = argsOf(text, call).map((a) => text.slice(a.start, a.end));
      if (
        args.includes(variable) &&
        args.some((a) => a !== variable && isErrorValue(a.replace(/^&\s*/, '')))
      ) {
        found.record.push({ at: call.start, block: call.block, always: false });
        found.status.push({ at: call.start, block: call.block, always: false });
      }
    }
  }
  // A deferred closure (or helper) that records covers every exit after it is registered.
  for (const d of lex.defers) {
    if (d.owner !== owner || d.start <= from) continue;
    const body = text.slice(d.start, d.end);
    const mentionsSpan =
      variable === null || new RegExp(`(^|[^\\w.])${escapeRegExp(variable)}\\b`).test(body);
    if (!mentionsSpan && !/SpanFromContext/.test(body)) continue;
    const helper =
      variable !== null && new RegExp(`\\(\\s*&?${escapeRegExp(variable)}\\s*,[^)]*\\b[eE]rr`).test(body);
    if (/\.\s*RecordError\s*\(/.test(body) || helper)
      found.record.push({ at: d.start, block: d.block, always: true });
    if (setsErrorStatus(file, body) || helper)
      found.status.push({ at: d.start, block: d.block, always: true });
  }
  return found;
}

/** Whether `exit` lies inside `block` (the function end counts as inside the body only). */
function within(exit: Exit, block: LexCall['block']): boolean {
  if (block === null) return true;
  if (exit.kind === 'end') return exit.block === block;
  return block.start <= exit.at && exit.at < block.end;
}

function covered(list: Recorders['record'], exit: Exit, returnsIn: (block: Block) => boolean): boolean {
  return list.some((r) =>
    r.always ? r.at < exit.at : precedes(r.at, r.block, exit) || fallsThroughTo(r.block, exit, returnsIn),
  );
}

/** The call's result is assigned or returned (`x = wrap(span)`, `return wrap(span)`), so what it is given lives on. */
function storedResult(text: string, call: LexCall): boolean {
  const lineStart = text.lastIndexOf('\n', call.start - 1) + 1;
  return /(?:[^=!<>:]=|:=|\breturn)\s*&?$/.test(text.slice(lineStart, call.start));
}

/** The call is given the span but no error: not a recording helper (`return fail(span, err)`) but a new owner. */
function handsOver(text: string, call: LexCall, variable: string): boolean {
  const args = argsOf(text, call).map((a) => text.slice(a.start, a.end));
  return args.includes(variable) && !args.some((a) => isErrorValue(a.replace(/^&\s*/, '')));
}

/** Explicit `span.End()` calls on this span in its own function or literal, after the start. */
function ownEnds(lex: LexResult, owner: LexScope, start: LexCall, variable: string | null): LexCall[] {
  if (variable === null) return [];
  return lex.calls.filter(
    (c) => c.owner === owner && c.start > start.start && c.callee === `${variable}.End`,
  );
}

function endOf(
  file: GoFile,
  lex: LexResult,
  owner: LexScope,
  start: LexCall,
  variable: string | null,
  inReturn: boolean,
): { end: SpanEnd; unended: Exit[] } {
  const { text } = file;
  // `return tracer.Start(ctx, name)` hands the span to the caller, who ends it.
  if (inReturn) return { end: 'explicit-all-paths', unended: [] };
  if (variable === null) return { end: 'never', unended: [] };
  const v = escapeRegExp(variable);
  const endCall = new RegExp(`^defer\\s+${v}\\s*\\.\\s*End\\s*\\(`);
  const mentions = new RegExp(`(^|[^\\w.])${v}\\s*\\.\\s*End\\s*\\(|\\(\\s*${v}\\s*[,)]`);
  for (const d of lex.defers) {
    if (!isInside(d.owner, owner) || d.start <= start.start) continue;
    const body = text.slice(d.start, d.end);
    // `defer span.End()`, `defer func() { ...; span.End() }()`, `defer telemetry.End(span, &err)`.
    if (endCall.test(body) || mentions.test(body)) return { end: 'defer', unended: [] };
  }
  const ends = lex.calls.filter(
    (c) => c.callee === `${variable}.End` && c.start > start.start && isInside(c.owner, owner),
  );
  const own = ownEnds(lex, owner, start, variable);
  // Ended inside a goroutine or callback, returned, stored, or handed to something that is stored
  // (`res.Body = newWrappedBody(span, res.Body)`): its end is somebody else's job.
  const escapes =
    ends.length > own.length ||
    lex.returns.some(
      (r) => r.owner === owner && r.start > start.start && returnedValues(text, r).includes(variable),
    ) ||
    new RegExp(`[=:]\\s*${v}\\s*(,|\\}|$)`, 'm').test(text.slice(start.close + 1, owner.end)) ||
    lex.calls.some(
      (c) =>
        c.owner === owner && c.start > start.start && storedResult(text, c) && handsOver(text, c, variable),
    );
  if (escapes) return { end: 'explicit-all-paths', unended: [] };
  if (own.length === 0) return { end: 'never', unended: [] };
  // Leaving the block the span was started in (a loop body, an if branch) passes any End at that block's level.
  const endsWithItsBlock = own.some((c) => c.block === start.block);
  const unended = exitsAfter(text, lex, owner, start.start).filter(
    (exit) =>
      !own.some((c) => precedes(c.start, c.block, exit)) && !(endsWithItsBlock && !within(exit, start.block)),
  );
  return unended.length === 0
    ? { end: 'explicit-all-paths', unended }
    : { end: 'explicit-some-paths', unended };
}

/** Everything about a span's ending and error handling, for the span started by `start` in `owner`. */
export function spanOutcome(
  file: GoFile,
  lex: LexResult,
  owner: LexScope,
  start: LexCall,
  variable: string | null,
  inReturn: boolean,
): SpanOutcome {
  const { end, unended } = endOf(file, lex, owner, start, variable, inReturn);
  // Failures after the span's block has closed are outside the span (its variable is scoped to that block).
  const failures = failureExits(file.text, lex, owner).filter(
    (e) => e.at > start.start && within(e, start.block),
  );
  const rec = recorders(file, lex, owner, variable, start.start);
  const returnsIn = (block: Block) => lex.returns.some((r) => r.block === block);
  const line = (e: Exit) => file.pos.line(e.at);
  return {
    end,
    unendedExitLines: [...new Set(unended.map(line))],
    failureExitLines: failures.map(line),
    failureExitsWithoutRecord: failures
      .filter((e) => e.recordable && !covered(rec.record, e, returnsIn))
      .map(line),
    failureExitsWithoutStatus: failures.filter((e) => !covered(rec.status, e, returnsIn)).map(line),
  };
}
