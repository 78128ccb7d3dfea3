import type Parser from 'tree-sitter';
import type { SpanEnd } from '../facts.js';
import { type FunctionSites, within } from './body.js';
import { type CallSite, callTaking, type FileIndex, type Site } from './collect.js';
import { forwardedError } from './express-next.js';

type Node = Parser.SyntaxNode;

/** Where a span is open: from its start to the end of the callback (startActiveSpan) or function (startSpan). */
export interface SpanRegion {
  variable: string | null;
  /** Exits before this index do not leave the span open. */
  from: number;
  to: number;
  /** The function scope whose `return`s leave the region. */
  scope: number;
  /** That scope's body: a statement block, or the expression of a concise arrow. */
  body: Node | null;
}

export interface SpanFlow {
  end: SpanEnd;
  unendedExitLines: number[];
  failureExitLines: number[];
  failureExitsWithoutRecord: number[];
  failureExitsWithoutStatus: number[];
}

interface TryShape {
  body: Range;
  handler: Range | null;
}
interface Range {
  start: number;
  end: number;
}

const EXIT_STATEMENTS = new Set(['return_statement', 'throw_statement']);

export function analyseSpanFlow(
  region: SpanRegion,
  fn: FunctionSites,
  index: FileIndex,
  next: string | null = null,
): SpanFlow {
  const calls = within(fn.calls, region.from, region.to);
  const v = region.variable;
  const word = v === null ? null : new RegExp(`(^|[^\\w$.])${escapeRegExp(v)}(?![\\w$])`);
  const isCall = (call: CallSite, method: string) => v !== null && call.callee?.text === `${v}.${method}`;
  const last = (call: CallSite) => call.callee?.segments[call.callee.segments.length - 1] ?? '';
  // A helper the span is handed to (`endSpan(span)`, `recordError(span, err)`), not a method of the span.
  const handedTo = (c: CallSite, name: RegExp) =>
    word !== null &&
    name.test(last(c)) &&
    !c.callee?.text.startsWith(`${v}.`) &&
    word.test(argumentText(c, index.text));
  const ends = calls.filter((c) => isCall(c, 'end') || handedTo(c, /^(end|finish|close)(\w*Span)?$/i));
  // Helpers such as `recordError(span, err)` / `markFailed(span, e)` stand for record + status.
  const helper = (c: CallSite) => handedTo(c, /(error|exception|fail)/i);
  const records = calls.filter((c) => isCall(c, 'recordException') || helper(c));
  const statuses = calls.filter(
    (c) =>
      (isCall(c, 'setStatus') && /\bERROR\b|\bcode\s*:\s*2\b/.test(argumentText(c, index.text))) || helper(c),
  );
  const tries = within(fn.tries, region.from, region.to).map(tryShape);
  const caught = (pos: number) => tries.some((t) => t.handler && pos >= t.body.start && pos < t.body.end);
  const blocks = new Map<CallSite, Range>();
  const blockOf = (call: CallSite) => {
    let range = blocks.get(call);
    if (!range) {
      range = enclosingBlock(call.node);
      blocks.set(call, range);
    }
    return range;
  };
  const precededBy = (sites: CallSite[], pos: number) =>
    sites.some((s) => s.start < pos && pos >= blockOf(s).start && pos < blockOf(s).end);

  const throwing = [
    ...within(fn.throws, region.from, region.to),
    ...within(fn.returns(), region.from, region.to).filter(
      (r) =>
        r.scope === region.scope &&
        /^return\s+Promise\s*\.\s*reject\b/.test(index.text.slice(r.start, r.start + 40)),
    ),
  ].filter((t) => !caught(t.start));
  const failures: { line: number; recorded: boolean; status: boolean }[] = throwing.map((t) => ({
    line: t.row + 1,
    recorded: precededBy(records, t.start),
    status: precededBy(statuses, t.start),
  }));
  // `next(err)` hands the error to Express and returns normally: a failure exit whether caught or not
  // (in the span's own function: a callback's `next(err)` runs when it runs, maybe after the span).
  for (const c of calls) {
    if (next === null || c.scope !== region.scope || c.callee?.text !== next || !forwardedError(c.node, next))
      continue;
    failures.push({
      line: c.row + 1,
      recorded: precededBy(records, c.start),
      status: precededBy(statuses, c.start),
    });
  }
  const rejected = calls.find((c) => c.awaited && !caught(c.start) && last(c) !== 'catch');
  if (rejected) failures.push({ line: rejected.row + 1, recorded: false, status: false });

  const flow = {
    failureExitLines: unique(failures.map((f) => f.line)),
    failureExitsWithoutRecord: unique(failures.filter((f) => !f.recorded).map((f) => f.line)),
    failureExitsWithoutStatus: unique(failures.filter((f) => !f.status).map((f) => f.line)),
  };
  if (v === null) return { end: 'never', unendedExitLines: [], ...flow };
  if (ends.some((e) => inFinally(e, fn, index, region)))
    return { end: 'finally', unendedExitLines: [], ...flow };
  if (escapes(v, region, fn, index)) return { end: 'explicit-all-paths', unendedExitLines: [], ...flow };

  const exits: Site[] = [
    ...within(fn.returns(), region.from, region.to).filter((r) => r.scope === region.scope),
    ...within(fn.throws, region.from, region.to).filter((t) => !caught(t.start)),
  ];
  const natural = naturalEnd(region.body);
  const exitPoints = exits.map((e) => ({ pos: e.start, line: e.row + 1 }));
  if (natural) exitPoints.push(natural);
  const unended = exitPoints.filter((p) => !precededBy(ends, p.pos)).map((p) => p.line);
  const end: SpanEnd =
    ends.length === 0 ? 'never' : unended.length === 0 ? 'explicit-all-paths' : 'explicit-some-paths';
  return { end, unendedExitLines: unique(unended), ...flow };
}

function argumentText(call: CallSite, text: string): string {
  const open = call.callee?.argsOpen ?? -1;
  return open >= 0 ? text.slice(open, call.end) : call.node.text;
}

function tryShape(site: Site): TryShape {
  const body = site.node.childForFieldName('body');
  const handler = site.node.childForFieldName('handler');
  return {
    body: body ? { start: body.startIndex, end: body.endIndex } : { start: site.start, end: site.start },
    handler: handler ? { start: handler.startIndex, end: handler.endIndex } : null,
  };
}

/** The statement block an `end()`/`recordException()` call sits in: what it covers. */
function enclosingBlock(node: Node): Range {
  let current: Node | null = node.parent;
  for (let depth = 0; current && depth < 64; depth++) {
    const type = current.type;
    if (
      type === 'statement_block' ||
      type === 'arrow_function' ||
      type === 'switch_case' ||
      type === 'program'
    )
      return { start: current.startIndex, end: current.endIndex };
    current = current.parent;
  }
  return { start: node.startIndex, end: node.endIndex };
}

/** `finally { span.end() }` in the region, or `.finally(() => span.end())`. */
function inFinally(end: CallSite, fn: FunctionSites, index: FileIndex, region: SpanRegion): boolean {
  if (within(fn.finallys, region.from, region.to).some((f) => end.start >= f.start && end.start < f.end))
    return true;
  if (end.scope < 0 || end.scope === region.scope) return false;
  const call = callTaking(index, end.scope);
  const segments = call?.callee?.segments;
  return segments !== undefined && segments[segments.length - 1] === 'finally';
}

/** A span returned, stored on an object or handed to another function is ended by whoever receives it. */
function escapes(v: string, region: SpanRegion, fn: FunctionSites, index: FileIndex): boolean {
  const returned = within(fn.returns(), region.from, region.to).some((r) =>
    new RegExp(`^return\\s+${escapeRegExp(v)}\\s*;?\\s*$`).test(r.node.text),
  );
  if (returned) return true;
  const stored = new RegExp(`[\\w$\\]]\\s*\\.\\s*[\\w$]+\\s*=\\s*${escapeRegExp(v)}\\s*[;\\n]`);
  return stored.test(index.text.slice(region.from, region.to));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The end of the body when control can fall off it, as an exit point. */
function naturalEnd(body: Node | null): { pos: number; line: number } | null {
  if (!body) return null;
  if (body.type !== 'statement_block') return { pos: body.startIndex, line: body.startPosition.row + 1 };
  const lastStatement = lastStatementOf(body);
  if (lastStatement && alwaysExits(lastStatement)) return null;
  return { pos: body.endIndex - 1, line: body.endPosition.row + 1 };
}

function lastStatementOf(block: Node): Node | null {
  for (let child = block.lastNamedChild; child; child = child.previousNamedSibling) {
    if (child.type !== 'comment') return child;
  }
  return null;
}

/** Whether control never falls through `statement` (every branch returns or throws). */
function alwaysExits(statement: Node, depth = 0): boolean {
  if (depth > 16) return false;
  if (EXIT_STATEMENTS.has(statement.type)) return true;
  if (statement.type === 'statement_block') {
    const last = lastStatementOf(statement);
    return last !== null && alwaysExits(last, depth + 1);
  }
  if (statement.type === 'if_statement') {
    const consequence = statement.childForFieldName('consequence');
    const alternative = statement.childForFieldName('alternative')?.firstNamedChild ?? null;
    return (
      !!consequence &&
      !!alternative &&
      alwaysExits(consequence, depth + 1) &&
      alwaysExits(alternative, depth + 1)
    );
  }
  if (statement.type === 'try_statement') {
    const body = statement.childForFieldName('body');
    const handler = statement.childForFieldName('handler')?.childForFieldName('body') ?? null;
    return !!body && alwaysExits(body, depth + 1) && (!handler || alwaysExits(handler, depth + 1));
  }
  return false;
}

function unique(lines: number[]): number[] {
  return [...new Set(lines)].sort((a, b) => a - b);
}
