// Completes an existing span for a `missing_error_recording` gap, and ends it on every path while at it
// (span-not-ended): a catch that records the error, sets status Error and rethrows the same error, and a
// `finally { span.end() }` in place of scattered `span.end()` calls. Done where the span's extent is
// plain to see: the body of a startActiveSpan callback whose parameter is the span, or the statements
// after `const span = tracer.startSpan(...)` in the same block. A span already ended in
// `try { ... } finally { span.end() }` gets its error recorded in that try's catch (added, or the one
// there), which runs before the finally: a catch around it would record on an ended span, which the SDK
// drops.
import type Parser from 'tree-sitter';
import type { TextEdit } from '../../../edit/model.js';
import type { SpanFacts } from '../../facts.js';
import { expressNextParam } from '../express-next.js';
import { type ErrorPolicy, failureStatements } from './failure.js';
import { isFunctionNode } from './locate.js';
import type { OtelRefs } from './module-setup.js';
import { freshName, NameUse } from './names.js';
import { emptyPlan, type FunctionContext, type FunctionPlan, skips } from './planner.js';
import { indentAt, startsLine } from './reindent.js';
import { type ReturnStyle, unmovableHandoff } from './returns.js';
import { spanCallAt } from './span-call.js';
import { semi } from './style.js';
import { awaitReturns, type TryBlock, wrapExpression, wrapStatements } from './try-block.js';

type Node = Parser.SyntaxNode;

/** Where the span is open and what is known about it. */
interface SpanExtent {
  span: string;
  /** The function whose returns leave the span (the callback, or the traced function). */
  owner: Node;
  async: boolean;
  /** The callback's body (block or expression), or the block holding `const span = startSpan(...)`. */
  body: Node;
  /** For startSpan: the declaration; statements after it are the extent. */
  declaration: Node | null;
}

export function completeSpan(ctx: FunctionContext): FunctionPlan {
  const { target } = ctx;
  const policy = ctx.request.standards.tracing.error_policy;
  const open = target.fn.spans.filter((s) => needsRecording(s, policy) || needsEnd(s));
  const skip = (reason: string) => emptyPlan(ctx, skips(target, reason, ['missing_error_recording']));
  if (open.length === 0) return skip('no span of this function misses error recording any more');
  if (open.length > 1) return skip('more than one span needs completing; complete them by hand');
  const facts = open[0] as SpanFacts;
  const extent = extentOf(ctx.node, facts);
  if (typeof extent === 'string') return skip(extent);
  const plan = (refs: OtelRefs) => completeExtent(ctx, extent, facts, policy, refs);
  const first = plan(ctx.refNames);
  if (typeof first === 'string') return skip(first);
  const summary = [
    needsRecording(facts, policy) ? `errors recorded on span ${facts.nameText}` : '',
    first.ended ? `span ${facts.nameText} ended in finally` : '',
    first.awaited > 0
      ? `${first.awaited} returned promise${first.awaited > 1 ? 's' : ''} awaited inside the span`
      : '',
  ].filter((s) => s.length > 0);
  return {
    edits: (refs) => {
      const edits = refs.statusCode === ctx.refNames.statusCode ? first : plan(refs);
      return typeof edits === 'string' ? [] : edits.edits;
    },
    planned: {
      function: target.fn.qualifiedName,
      line: target.fn.line,
      gapTypes: ['missing_error_recording'],
      summary: summary.join('; '),
    },
    skipped: [],
    needs: { statusCode: needsRecording(facts, policy) && policy.set_status, tracer: false },
  };
}

/** Whether the span variable is used other than as `span.method(...)`. */
function handedOn(span: string, nodes: Node[]): boolean {
  const stack = [...nodes];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    if ((node.type === 'identifier' || node.type === 'shorthand_property_identifier') && node.text === span) {
      const parent = node.parent;
      const isReceiver =
        parent?.type === 'member_expression' &&
        parent.childForFieldName('object')?.startIndex === node.startIndex;
      // `trace.setSpan(ctx, span)` makes it active for a callback; this function still owns its end.
      const madeActive =
        parent?.type === 'arguments' &&
        /(^|\.)setSpan$/.test(parent.parent?.childForFieldName('function')?.text ?? '');
      if (!isReceiver && !madeActive) return true;
    }
    for (const child of node.namedChildren) stack.push(child);
  }
  return false;
}

function needsRecording(span: SpanFacts, policy: ErrorPolicy): boolean {
  return (
    (policy.record_exception && span.failureExitsWithoutRecord.length > 0) ||
    (policy.set_status && span.failureExitsWithoutStatus.length > 0)
  );
}

function needsEnd(span: SpanFacts): boolean {
  return span.end === 'never' || span.end === 'explicit-some-paths';
}

function extentOf(fn: Node, span: SpanFacts): SpanExtent | string {
  const call = spanCallAt(fn, span.line, span.column);
  if (!call) return 'the span start was not found in the parsed file';
  if (span.api === 'ts:startActiveSpan') {
    const args = call.childForFieldName('arguments')?.namedChildren.filter((c) => c.type !== 'comment') ?? [];
    const callback = args[args.length - 1];
    if (!callback || (callback.type !== 'arrow_function' && callback.type !== 'function_expression'))
      return 'the span callback is defined elsewhere; complete it there';
    const param =
      callback.childForFieldName('parameters')?.namedChildren[0] ?? callback.childForFieldName('parameter');
    const name = param?.type === 'identifier' ? param : param?.childForFieldName('pattern');
    const body = callback.childForFieldName('body');
    if (name?.type !== 'identifier' || !body)
      return 'the span callback does not name the span as its parameter';
    return {
      span: name.text,
      owner: callback,
      async: callback.children.some((c) => c.type === 'async'),
      body,
      declaration: null,
    };
  }
  let declarator = call.parent;
  while (declarator && (declarator.type === 'as_expression' || declarator.type === 'non_null_expression'))
    declarator = declarator.parent;
  const declaration = declarator?.parent;
  const block = declaration?.parent;
  const name = declarator?.childForFieldName('name');
  if (declarator?.type !== 'variable_declarator' || name?.type !== 'identifier' || !declaration || !block)
    return 'the span is not held in a local constant; complete it by hand';
  if (block.type !== 'statement_block') return 'the span is not started in a block; complete it by hand';
  return {
    span: name.text,
    owner: fn,
    async: fn.children.some((c) => c.type === 'async'),
    body: block,
    declaration,
  };
}

function completeExtent(
  ctx: FunctionContext,
  extent: SpanExtent,
  facts: SpanFacts,
  policy: ErrorPolicy,
  refs: OtelRefs,
): { edits: TextEdit[]; awaited: number; ended: boolean } | string {
  const { style } = ctx;
  const text = ctx.request.text;
  const s = semi(style);
  const used = new NameUse(extent.owner);
  const err = freshName((n) => used.has(n), 'err', ['error', 'caught']);
  const errorType = freshName((n) => used.has(n), 'errorType', ['otelErrorType']);
  const record = needsRecording(facts, policy);
  const statementsFor = extent.declaration
    ? extent.body.namedChildren.filter((c) => c.startIndex >= (extent.declaration as Node).endIndex)
    : [extent.body];
  // A span handed on (returned, stored, passed) is ended by whoever receives it: no finally for it.
  const escapes = handedOn(extent.span, statementsFor);
  if (escapes && needsEnd(facts))
    return 'the span is handed to other code that must end it; complete it by hand';
  // Once failures are caught here, a span ended only by explicit calls would stay open on them.
  const end = !escapes && (needsEnd(facts) || (record && facts.end !== 'finally'));
  const statements = extent.declaration
    ? extent.body.namedChildren.filter((c) => c.startIndex >= (extent.declaration as Node).endIndex)
    : extent.body.type === 'statement_block'
      ? extent.body.namedChildren
      : [];
  const spanCalls = (method: string) =>
    callsOn(extent.span, method, statements.length > 0 ? statements : [extent.body]);
  if (record && spanCalls('recordException').length + spanCalls('setStatus').length > 0)
    return 'the span records errors on some paths already; complete the others by hand so no error is recorded twice';
  const ends = end ? standaloneEnds(extent.span, statements, text) : [];
  if (end && spanCalls('end').length > ends.length)
    return 'the span is ended inside nested code; end it in a finally by hand';
  const block: TryBlock = {
    catchBody: record ? failureStatements(extent.span, err, policy, refs, style, errorType) : null,
    catchParam: err,
    finallyBody: end ? [`${extent.span}.end()${s}`] : null,
  };
  const nextParam = expressNextParam(ctx.target.fn.params, ctx.target.fn.handler);
  const returns: ReturnStyle = {
    async: extent.async,
    outcome: null,
    result: 'result',
    resultType: null,
    semicolon: s,
    syncReceivers: new Set([
      ...ctx.target.fn.params.filter((p) => p.role === 'response' || p.role === 'request').map((p) => p.name),
      ...(nextParam !== null ? [nextParam] : []),
    ]),
    handoff: null,
  };
  // Express's `next(err)` inside the span: marked failed right before the error is handed on.
  const next = record ? nextParam : null;
  if (next !== null) {
    const unmovable = unmovableHandoff(extent.owner, next);
    if (unmovable)
      return `next(${unmovable}) spans lines: bind the error to a constant first so it can be recorded`;
    const bound = new Set<string>();
    returns.handoff = {
      callee: next,
      statements: (error) => failureStatements(extent.span, error, policy, refs, style, null),
      bind: () => {
        const name = freshName(
          (n) => used.has(n) || bound.has(n) || n === err || n === extent.span,
          'forwarded',
          ['forwardedError'],
        );
        bound.add(name);
        return name;
      },
    };
  }
  // Ended in an existing finally: a catch around it would record after the end, on a span that drops it.
  const guarded = endingTries(extent.span, statements.length > 0 ? statements : [extent.body]);
  if (guarded.length > 0 || facts.end === 'finally') {
    const code = statements.filter((c) => c.type !== 'comment');
    const only = guarded.length === 1 && code.length === 1 && code[0] === guarded[0] ? guarded[0] : null;
    if (guarded.length === 0)
      return 'the span is ended in a finally this planner cannot reach (a promise’s, or through a helper); record the error before it by hand';
    if (!only || !record || needsEnd(facts))
      return 'the span is ended in a finally that does not hold all of its code; record errors inside that try by hand';
    const inTry = recordInTry(ctx, extent, only, { policy, refs, err, errorType, returns });
    return typeof inTry === 'string' ? inTry : { ...inTry, ended: false };
  }
  if (extent.body.type !== 'statement_block') {
    const base = indentAt(text, extent.owner.startIndex);
    const wrapped = wrapExpression(
      text,
      extent.owner,
      extent.body,
      { opening: '', closing: `\n${base}`, tryIndent: base + style.indent },
      block,
      returns,
      style,
    );
    return { edits: wrapped.edits, awaited: wrapped.awaited, ended: end };
  }
  // Trailing `span.end()` calls fold into the tail the try block replaces.
  let code = statements;
  while (code.length > 0 && ends.includes(code[code.length - 1] as Node)) code = code.slice(0, -1);
  const first = code[0];
  const last = code[code.length - 1];
  if (!first || !last) return 'the span has no statements to wrap';
  const removals = ends.filter((e) => e.endIndex <= last.endIndex);
  const tailEnd = extent.declaration
    ? Math.max(last.endIndex, ...ends.map((e) => e.endIndex))
    : extent.body.endIndex - 1;
  const closeIndent = extent.declaration
    ? ''
    : startsLine(text, tailEnd)
      ? indentAt(text, tailEnd)
      : indentAt(text, extent.owner.startIndex);
  const tryIndent = startsLine(text, first.startIndex)
    ? indentAt(text, first.startIndex)
    : closeIndent + style.indent;
  const wrapped = wrapStatements(
    text,
    {
      fn: extent.owner,
      first,
      last,
      headFrom: extent.declaration ? extent.declaration.endIndex : extent.body.startIndex + 1,
      tailTo: tailEnd,
    },
    { opening: '', closing: extent.declaration ? '' : `\n${closeIndent}`, tryIndent },
    block,
    returns,
    style,
    removals,
  );
  return { edits: wrapped.edits, awaited: wrapped.awaited, ended: end };
}

/** `try` statements among `nodes` (not in nested functions) whose finally calls `span.end()`. */
function endingTries(span: string, nodes: Node[]): Node[] {
  const out: Node[] = [];
  const stack = [...nodes];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    const finalizer = node.type === 'try_statement' ? node.childForFieldName('finalizer') : null;
    if (finalizer && callsOn(span, 'end', [finalizer]).length > 0) out.push(node);
    for (const child of node.namedChildren) if (!isFunctionNode(child)) stack.push(child);
  }
  return out.sort((a, b) => a.startIndex - b.startIndex);
}

interface Recording {
  policy: ErrorPolicy;
  refs: OtelRefs;
  /** A fresh name for the error when the catch clause is new or binds none. */
  err: string;
  errorType: string;
  returns: ReturnStyle;
}

/**
 * `try { ... } finally { span.end() }` holding all of the span's code: the error is recorded in that
 * try's catch, which runs before its finally. A new catch records and rethrows; an existing one, whether
 * it rethrows or swallows, records first thing. Returned promises in the try body are awaited there, so
 * their rejections reach the catch before the finally ends the span.
 */
function recordInTry(
  ctx: FunctionContext,
  extent: SpanExtent,
  statement: Node,
  { policy, refs, err, errorType, returns }: Recording,
): { edits: TextEdit[]; awaited: number } | string {
  const { style } = ctx;
  const text = ctx.request.text;
  const s = semi(style);
  const body = statement.childForFieldName('body');
  const handler = statement.childForFieldName('handler');
  if (!body) return 'the try statement has no body';
  const tryIndent = indentAt(text, statement.startIndex);
  const awaited = awaitReturns(text, extent.owner, returns, style, body.startIndex, body.endIndex);
  const edits = [...awaited.edits];
  if (!handler) {
    const lines = [
      ...failureStatements(extent.span, err, policy, refs, style, errorType),
      `throw ${err}${s}`,
    ];
    const inner = tryIndent + style.indent;
    edits.push({
      start: body.endIndex,
      end: body.endIndex,
      text: ` catch (${err}) {${lines.map((l) => `\n${inner}${l}`).join('')}\n${tryIndent}}`,
    });
    return { edits, awaited: awaited.awaited };
  }
  const param = handler.childForFieldName('parameter');
  const block = handler.childForFieldName('body');
  if (!block) return 'the catch clause has no body';
  if (param && param.type !== 'identifier')
    return 'the catch clause destructures the error; record it on the span by hand';
  const name = param ? param.text : err;
  if (!param) {
    const keyword = handler.children.find((c) => c.type === 'catch') as Node;
    edits.push({ start: keyword.endIndex, end: keyword.endIndex, text: ` (${err})` });
  }
  const lines = failureStatements(extent.span, name, policy, refs, style, errorType);
  const open = block.startIndex + 1;
  const close = block.endIndex - 1;
  const first = block.namedChildren[0];
  if (block.startPosition.row === block.endPosition.row) {
    // `catch (e) {}` or `catch (e) { log(e); }`: the block opens onto lines of its own.
    const inner = indentAt(text, close) + style.indent;
    const kept = text.slice(open, close).trim();
    const all = kept.length > 0 ? [...lines, kept] : lines;
    edits.push({
      start: open,
      end: close,
      text: `${all.map((l) => `\n${inner}${l}`).join('')}\n${indentAt(text, close)}`,
    });
  } else {
    const inner =
      first && startsLine(text, first.startIndex)
        ? indentAt(text, first.startIndex)
        : indentAt(text, close) + style.indent;
    edits.push({ start: open, end: open, text: lines.map((l) => `\n${inner}${l}`).join('') });
  }
  return { edits, awaited: awaited.awaited };
}

/** `span.method(...)` calls among `nodes`, not counting nested functions (they may run later, or never). */
function callsOn(span: string, method: string, nodes: Node[]): Node[] {
  const out: Node[] = [];
  const stack = [...nodes];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    if (node.type === 'call_expression') {
      const callee = node.childForFieldName('function');
      if (
        callee?.type === 'member_expression' &&
        callee.childForFieldName('object')?.text === span &&
        callee.childForFieldName('property')?.text === method
      )
        out.push(node);
    }
    for (const child of node.namedChildren) if (!isFunctionNode(child)) stack.push(child);
  }
  return out;
}

/** `span.end();` statements alone on their line, directly in a block of the extent. */
function standaloneEnds(span: string, statements: Node[], text: string): Node[] {
  const out: Node[] = [];
  const stack = [...statements];
  const pattern = new RegExp(`^${span.replace(/\$/g, '\\$')}\\s*\\.\\s*end\\s*\\(\\s*\\)\\s*;?$`);
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    if (
      node.type === 'expression_statement' &&
      pattern.test(node.text) &&
      node.parent?.type === 'statement_block' &&
      aloneOnLine(text, node)
    ) {
      out.push(node);
      continue;
    }
    for (const child of node.namedChildren) if (!isFunctionNode(child)) stack.push(child);
  }
  return out.sort((a, b) => a.startIndex - b.startIndex);
}

function aloneOnLine(text: string, node: Node): boolean {
  const lineEnd = text.indexOf('\n', node.endIndex);
  return (
    startsLine(text, node.startIndex) &&
    /^[ \t]*$/.test(text.slice(node.endIndex, lineEnd < 0 ? text.length : lineEnd))
  );
}
