// A new span around a whole function body (DESIGN § 4):
//   return tracer.startActiveSpan(name, { attributes }, async (span) => {
//     try { ...body... } catch (err) { record; setStatus(ERROR); throw err; } finally { span.end(); }
//   });
// The arrow callback keeps `this`, `arguments`, `super` and `new.target` of the function, and a sync
// function keeps a sync callback, so callers see the same values, errors and timing.
import type Parser from 'tree-sitter';
import { type ErrorPolicy, failureStatements, recordsFailures } from './failure.js';
import type { OtelRefs } from './module-setup.js';
import { freshName, NameUse } from './names.js';
import { indentAt, startsLine } from './reindent.js';
import { afterHandoff, type ReturnStyle, unmovableHandoff } from './returns.js';
import { type CodeStyle, quoted, semi } from './style.js';
import {
  type TryBlock,
  type WrapLayout,
  type WrapResult,
  wrapExpression,
  wrapStatements,
} from './try-block.js';

type Node = Parser.SyntaxNode;

export interface NewSpan {
  text: string;
  fn: Node;
  style: CodeStyle;
  refs: OtelRefs;
  name: string;
  attributes: { key: string; value: string }[];
  /** An OpenTelemetry Context parameter to parent the span on, else the active context is used. */
  parentContext: string | null;
  asyncCallback: boolean;
  /** The callback's return annotation (`Promise<Payment>`) and the bound value's (`Payment`). */
  types: { callback: string | null; value: string | null };
  policy: ErrorPolicy;
  /** Attribute set on success (`business.outcome`), or null. */
  outcome: string | null;
  /** Parameters whose method calls return no promise (`res`), so their results are not awaited. */
  syncReceivers: ReadonlySet<string>;
  /** Express's `next`, when errors are handed to it rather than thrown. */
  handoff: string | null;
}

export function wrapInNewSpan(input: NewSpan): WrapResult | { skip: string } {
  const { text, fn, style } = input;
  const body = fn.childForFieldName('body');
  if (!body) return { skip: 'the function has no body' };
  const used = new NameUse(fn);
  const taken = (name: string) =>
    used.has(name) || name === input.refs.tracer || name === input.refs.statusCode;
  const span = freshName(taken, 'span', ['otelSpan']);
  const err = freshName(taken, 'err', ['error', 'caught']);
  const result = freshName(taken, 'result', ['returnValue']);
  const errorType = freshName(taken, 'errorType', ['otelErrorType']);
  const s = semi(style);
  const block: TryBlock = {
    catchBody: recordsFailures(input.policy)
      ? failureStatements(span, err, input.policy, input.refs, style, errorType)
      : null,
    catchParam: err,
    finallyBody: [`${span}.end()${s}`],
  };
  const bound = new Set<string>();
  const returns: ReturnStyle = {
    async: input.asyncCallback,
    outcome: input.outcome
      ? `${span}.setAttribute(${quoted(input.outcome, style)}, ${quoted('success', style)})${s}`
      : null,
    // After `next(err)` a handler may go on: no path from there is a success.
    afterHandoff: input.handoff ? afterHandoff(fn, input.handoff) : null,
    result,
    resultType: input.types.value,
    semicolon: s,
    syncReceivers: input.syncReceivers,
    handoff: input.handoff
      ? {
          callee: input.handoff,
          statements: (error) => failureStatements(span, error, input.policy, input.refs, style, null),
          bind: () => {
            const name = freshName((n) => taken(n) || bound.has(n) || n === span || n === err, 'forwarded', [
              'forwardedError',
            ]);
            bound.add(name);
            return name;
          },
        }
      : null,
  };
  const unmovable = input.handoff ? unmovableHandoff(fn, input.handoff) : null;
  if (unmovable)
    return {
      skip: `next(${unmovable}) spans lines: bind the error to a constant first so it can be recorded`,
    };
  if (body.type !== 'statement_block') {
    const base = indentAt(text, fn.startIndex);
    return wrapExpression(text, fn, body, layoutFor(input, span, base, `\n${base}`), block, returns, style);
  }
  const statements = body.namedChildren;
  const directives = leadingDirectives(statements);
  const first = statements[directives.length];
  const last = statements[statements.length - 1];
  if (!first || !last) return { skip: 'the function body is empty' };
  const close = body.endIndex - 1;
  const base = startsLine(text, close) ? indentAt(text, close) : indentAt(text, fn.startIndex);
  const headFrom =
    directives.length > 0 ? (directives[directives.length - 1] as Node).endIndex : body.startIndex + 1;
  return wrapStatements(
    text,
    { fn, first, last, headFrom, tailTo: close },
    layoutFor(input, span, base, `\n${base}`),
    block,
    returns,
    style,
  );
}

/** `'use strict'` and friends must stay the first statements of the function to keep their meaning. */
function leadingDirectives(statements: Node[]): Node[] {
  const out: Node[] = [];
  for (const s of statements) {
    if (
      s.type === 'expression_statement' &&
      s.namedChildren.length === 1 &&
      s.firstNamedChild?.type === 'string'
    )
      out.push(s);
    else break;
  }
  return out;
}

/**
 * The call around the try block: on one line when it fits (`return tracer.startActiveSpan('a', {...},
 * async (span) => {`), else one argument per line, as Prettier lays out a call it must break.
 */
function layoutFor(input: NewSpan, span: string, base: string, end: string): WrapLayout {
  const { style, refs } = input;
  const u = style.indent;
  const s = semi(style);
  const i1 = base + u;
  const callback = `${input.asyncCallback ? 'async ' : ''}(${span})${input.types.callback ? `: ${input.types.callback}` : ''} => {`;
  const call = `return ${refs.tracer}.startActiveSpan(`;
  const options = optionsText(input);
  const contextArg = input.parentContext;
  const args = [
    quoted(input.name, style),
    ...(options !== null || contextArg ? [options ?? '{}'] : []),
    ...(contextArg ? [contextArg] : []),
  ];
  const oneLine = `${i1}${call}${args.join(', ')}, ${callback}`;
  if (oneLine.length <= style.lineWidth) {
    return { opening: `\n${oneLine}`, closing: `\n${i1}})${s}${end}`, tryIndent: i1 + u };
  }
  const argIndent = i1 + u;
  const argLines = args.flatMap((a, i) => {
    const isOptions = i === 1 && options !== null;
    if (!isOptions || `${argIndent}${a},`.length <= style.lineWidth) return [`${argIndent}${a},`];
    return brokenOptions(input, argIndent, u).map((l, j, all) => (j === all.length - 1 ? `${l},` : l));
  });
  const comma = style.trailingCommas === 'all' ? ',' : '';
  return {
    opening: `\n${i1}${call}\n${argLines.join('\n')}\n${argIndent}${callback}`,
    closing: `\n${argIndent}}${comma}\n${i1})${s}${end}`,
    tryIndent: argIndent + u,
  };
}

function optionsText(input: NewSpan): string | null {
  if (input.attributes.length === 0) return null;
  const pairs = input.attributes.map((a) => `${quoted(a.key, input.style)}: ${a.value}`).join(', ');
  return `{ attributes: { ${pairs} } }`;
}

function brokenOptions(input: NewSpan, indent: string, u: string): string[] {
  const comma = input.style.trailingCommas === 'none' ? '' : ',';
  const pairs = input.attributes.map((a, i, all) => {
    const sep = i === all.length - 1 ? comma : ',';
    return `${indent}${u}${u}${quoted(a.key, input.style)}: ${a.value}${sep}`;
  });
  return [`${indent}{`, `${indent}${u}attributes: {`, ...pairs, `${indent}${u}}${comma}`, `${indent}}`];
}
