// The per-request half of handler metrics for handlers whose status is known once they settle (Koa,
// NestJS, Next.js route handlers): the body moves into `try { ... } catch { status of the error; rethrow }
// finally { record }`, with the span instrumenter's own wrapping (try-block.ts), so returns are handled
// the same way: in an async handler a returned promise is awaited inside the try (the duration covers it
// and its rejection is seen), and a sync handler stays sync.
import type Parser from 'tree-sitter';
import type { TextEdit } from '../../../edit/model.js';
import { shapeOf } from '../instrument/function-shape.js';
import { freshName, NameUse } from '../instrument/names.js';
import { indentAt, startsLine } from '../instrument/reindent.js';
import { ownStatements, type ReturnStyle, returnExpression, returnParts } from '../instrument/returns.js';
import { type CodeStyle, semi } from '../instrument/style.js';
import { type TryBlock, type WrapLayout, wrapExpression, wrapStatements } from '../instrument/try-block.js';
import type { ModuleRefs } from './module-instruments.js';
import { type RecordingNames, recordingLines } from './recording-lines.js';

type Node = Parser.SyntaxNode;

export interface BodyWrap {
  /** What the summary calls the handler. */
  subject: 'handler' | 'method';
  refs: ModuleRefs;
  labels: { method: string; route: string };
  names: BodyNames;
  /** Statements after the start time, before `try {`. */
  prologue: string[];
  /** The catch block (its parameter is `names.err`) without its rethrow, which is added: it sets the status for the error. */
  catchBody: string[];
  /** Statements before the recording (Koa: the status sent); the recording itself is added. */
  beforeRecord?: string[];
  /** A statement run on each successful return (see ReturnStyle.outcome); not with `settles`. */
  outcome?: string;
  /** The name a return's value is bound to when `outcome` needs it. */
  result?: string;
  /** Receivers whose method calls return no promise (`Response.json(...)`). */
  syncReceivers?: ReadonlySet<string>;
}

export type Namer = (preferred: string, fallback: string) => string;

/** The names every wrapped body uses, and `name` for more. */
export interface BodyNames extends RecordingNames {
  name: Namer;
  /** The catch parameter. */
  err: string;
}

export function bodyNames(node: Node, refs: ModuleRefs): BodyNames {
  const name = namer(node, refs);
  return {
    name,
    start: name('requestStart', 'otelRequestStart'),
    status: name('status', 'responseStatus'),
    err: name('err', 'otelError'),
    attributes: name('attributes', 'requestAttributes'),
  };
}

export interface BodyRun {
  first: Node;
  last: Node;
  tailTo: number;
  indent: string;
}

export type WrappedBody =
  | {
      ok: true;
      edits: TextEdit[];
      /** The statements wrapped and their new indentation, or null for a concise arrow body. */
      run: BodyRun | null;
      /** When the recording happens, for the summary. */
      when: string;
    }
  | { ok: false; reason: string };

/** Names for the generated code that neither capture nor shadow the handler's or the module's names. */
export function namer(node: Node, refs: ModuleRefs): Namer {
  const uses = new NameUse(node);
  const chosen = new Set(refs.names);
  return (preferred, fallback) => {
    const name = freshName((n) => uses.has(n) || chosen.has(n), preferred, [fallback]);
    chosen.add(name);
    return name;
  };
}

/**
 * Why the handler's shape cannot be wrapped, or null: generators (Koa 1 middleware) yield rather than
 * return, and an empty body has nothing to time.
 */
export function unwrappable(node: Node): string | null {
  const shape = shapeOf(node);
  if (shape.generator)
    return 'generator functions are not planned (Koa 1 middleware yields, it does not return)';
  const body = node.childForFieldName('body');
  if (!body) return 'the handler has no body';
  if (body.type === 'statement_block' && !body.namedChildren.some((c) => c.type !== 'comment'))
    return 'the handler body is empty';
  return null;
}

/**
 * A value a sync handler may return that may be a promise (a call, not a literal or a plain read), or
 * null: an async handler's promise is awaited inside the try, and a declared type that is no promise says
 * there is none.
 */
export function promiseReturnedSync(node: Node, syncReceivers: ReadonlySet<string>): Node | null {
  const shape = shapeOf(node);
  if (shape.async || (shape.returnType !== null && !MAY_BE_PROMISE_TYPE.test(shape.returnType))) return null;
  return returnedValues(node).find((value) => mayBePromise(value, syncReceivers)) ?? null;
}

/** The reason for skipping a sync handler that may return a promise, where settling is not followed. */
export function notAwaitedReason(promised: Node): string {
  const shown = promised.text.length > 40 ? `${promised.text.slice(0, 37)}...` : promised.text;
  return `it is not async and may return a promise (\`${shown.replace(/\s+/g, ' ')}\`) that the recording would not wait for; make the handler async, then run again`;
}

const MAY_BE_PROMISE_TYPE = /\b(Promise|PromiseLike|Observable|any|unknown)\b/;

/** The callback of `<tracer>.startActiveSpan(...)`, or null. */
function spanCallback(value: Node): Node | null {
  if (value.type !== 'call_expression') return null;
  const callee = value.childForFieldName('function');
  if (
    callee?.type !== 'member_expression' ||
    callee.childForFieldName('property')?.text !== 'startActiveSpan'
  )
    return null;
  const args = value.childForFieldName('arguments')?.namedChildren.filter((c) => c.type !== 'comment') ?? [];
  const last = args[args.length - 1];
  return last && (last.type === 'arrow_function' || last.type === 'function_expression') ? last : null;
}

/** What the function itself returns: its `return` values, or its concise arrow body. */
function returnedValues(node: Node): Node[] {
  const body = node.childForFieldName('body');
  if (!body) return [];
  if (body.type !== 'statement_block') return [body];
  return ownStatements(node, ['return_statement'], () => true).flatMap((ret) => {
    const value = returnExpression(ret);
    return value ? [value] : [];
  });
}

/**
 * A value the span instrumenter would await in an async function: a call, not a literal or a plain read,
 * nor a `new` of one of the sync receivers (`new Response(...)`). A span the instrument pass wrapped the
 * body in (`return tracer.startActiveSpan(name, (span) => {...})`) returns what its sync callback returns.
 */
function mayBePromise(value: Node, syncReceivers: ReadonlySet<string>, depth = 0): boolean {
  if (value.type === 'new_expression')
    return !syncReceivers.has(value.childForFieldName('constructor')?.text ?? '');
  const callback = spanCallback(value);
  if (callback && depth < 4)
    return (
      shapeOf(callback).async ||
      returnedValues(callback).some((v) => mayBePromise(v, syncReceivers, depth + 1))
    );
  const probe: ReturnStyle = {
    async: true,
    syncReceivers,
    handoff: null,
    outcome: null,
    result: 'result',
    resultType: null,
    semicolon: ';',
  };
  return returnParts(value, probe).prefix.includes('await');
}

// Values that are never a promise, whatever they contain: nothing to follow until it settles.
const NEVER_PROMISES = new Set([
  'object',
  'array',
  'template_string',
  'string',
  'number',
  'true',
  'false',
  'null',
  'undefined',
  'arrow_function',
  'function_expression',
  'class',
  'regex',
  'unary_expression',
]);

function neverAPromise(value: Node): boolean {
  let inner = value;
  while (inner.type === 'parenthesized_expression' && inner.namedChildren.length === 1)
    inner = inner.namedChildren[0] as Node;
  if (NEVER_PROMISES.has(inner.type)) return true;
  if (inner.type !== 'binary_expression') return false;
  return !['||', '&&', '??'].includes(inner.childForFieldName('operator')?.type ?? '');
}

/**
 * Wraps the handler's body: the start time declared first, the body in `try { ... } catch { status of the
 * error; rethrow } finally { record }`. A sync handler that may return a promise stays sync: each value it
 * returns goes through the module's `settled` helper, which hands a promise back as one settling the same
 * way and records when it settles (so `finally` leaves the recording to it); anything else is recorded at
 * once.
 */
export function wrapHandlerBody(text: string, node: Node, style: CodeStyle, wrap: BodyWrap): WrappedBody {
  const body = node.childForFieldName('body');
  if (!body) return { ok: false, reason: 'the handler has no body' };
  const syncReceivers = wrap.syncReceivers ?? new Set<string>();
  const promised = promiseReturnedSync(node, syncReceivers);
  if (promised && wrap.outcome) return { ok: false, reason: notAwaitedReason(promised) };
  const s = semi(style);
  const record = [
    ...(wrap.beforeRecord ?? []),
    ...recordingLines(wrap.refs, style, wrap.names, wrap.labels.method, wrap.labels.route, null),
  ];
  const settle = promised ? settling(style, wrap, record) : null;
  const returns: ReturnStyle = {
    async: shapeOf(node).async,
    syncReceivers,
    handoff: null,
    outcome: wrap.outcome ?? null,
    result: wrap.result ?? wrap.names.name('result', 'returnValue'),
    resultType: null,
    semicolon: s,
  };
  const block = settle?.block ?? {
    catchBody: wrap.catchBody,
    catchParam: wrap.names.err,
    finallyBody: record,
  };
  const prologue = [
    `const ${wrap.names.start} = performance.now()${s}`,
    ...wrap.prologue,
    ...(settle?.prologue ?? []),
  ];
  const opening = (indent: string) => prologue.map((l) => (l ? `\n${indent}${l}` : '\n')).join('');
  const when = settle
    ? `when the promise the ${wrap.subject} may return settles, else when it returns or throws`
    : `when the ${wrap.subject} settles (finally)`;
  if (body.type !== 'statement_block') {
    // `async (ctx) => service.list(ctx)` becomes a block whose try returns the same value.
    const base = indentAt(text, node.startIndex);
    const i1 = base + style.indent;
    const layout: WrapLayout = { opening: opening(i1), closing: `\n${base}`, tryIndent: i1 };
    const edits = wrapExpression(text, node, body, layout, block, returns, style).edits;
    if (settle && !neverAPromise(body)) {
      // The opening edit ends with `return ` and the closing one starts right after the value.
      const first = edits[0] as TextEdit;
      const last = edits[edits.length - 1] as TextEdit;
      const sequence = body.type === 'sequence_expression';
      edits[0] = { ...first, text: `${first.text}${settle.call}(${sequence ? '(' : ''}` };
      edits[edits.length - 1] = { ...last, text: `${sequence ? ')' : ''}${settle.args})${last.text}` };
    }
    return { ok: true, edits, run: null, when };
  }
  const statements = body.namedChildren;
  const directives = leadingDirectives(statements);
  const first = statements[directives.length];
  const last = statements[statements.length - 1];
  if (!first || !last) return { ok: false, reason: 'the handler body is empty' };
  const close = body.endIndex - 1;
  const base = startsLine(text, close) ? indentAt(text, close) : indentAt(text, node.startIndex);
  const tryIndent = startsLine(text, first.startIndex)
    ? indentAt(text, first.startIndex)
    : base + style.indent;
  const headFrom =
    directives.length > 0 ? (directives[directives.length - 1] as Node).endIndex : body.startIndex + 1;
  const layout: WrapLayout = { opening: opening(tryIndent), closing: `\n${base}`, tryIndent };
  const run = { fn: node, first, last, headFrom, tailTo: close };
  const edits = wrapStatements(text, run, layout, block, returns, style).edits;
  if (settle) edits.push(...settledReturns(node, settle));
  return { ok: true, edits, run: { first, last, tailTo: close, indent: tryIndent + style.indent }, when };
}

interface Settling {
  /** What each returned value goes through: `settled(value, onPending, recordRequest)`. */
  call: string;
  /** The arguments after the value, with their leading comma. */
  args: string;
  /** The flag and the recording closure it shares with the try statement, after the prologue. */
  prologue: string[];
  block: TryBlock;
}

/**
 * The recording moves into a closure that also takes the status of a rejection, so that a returned
 * promise's settling runs the very statements the catch and finally blocks would; the module's `settled`
 * helper hands the promise back and calls it.
 */
function settling(style: CodeStyle, wrap: BodyWrap, record: string[]): Settling {
  const s = semi(style);
  const u = style.indent;
  const ts = style.typescript;
  const err = wrap.names.err;
  const rejected = wrap.names.name('rejected', 'otelRejected');
  const recordRequest = wrap.names.name('recordRequest', 'otelRecordRequest');
  const pending = wrap.names.name('settling', 'otelSettling');
  const onRejected =
    wrap.catchBody.length === 1
      ? [`${u}if (${rejected}) ${wrap.catchBody[0]}`]
      : [`${u}if (${rejected}) {`, ...wrap.catchBody.map((l) => u + u + l), `${u}}`];
  return {
    call: wrap.refs.helper('settled'),
    args: `, () => (${pending} = true), ${recordRequest}`,
    prologue: [
      '// A returned promise is recorded when it settles, anything else when the handler returns or throws.',
      `let ${pending} = false${s}`,
      `const ${recordRequest} = (${rejected} = false, ${err}${ts ? '?: unknown' : ''}) => {`,
      ...onRejected,
      ...record.map((l) => u + l),
      `}${s}`,
    ],
    block: {
      catchBody: wrap.catchBody,
      catchParam: err,
      finallyBody: [`if (!${pending}) ${recordRequest}()${s}`],
    },
  };
}

/** `return x` becomes `return settled(x, ...)`, for the function's own returns of values that may be promises. */
function settledReturns(fn: Node, { call, args }: Settling): TextEdit[] {
  return ownStatements(fn, ['return_statement'], () => true).flatMap((ret) => {
    const value = returnExpression(ret);
    if (!value || neverAPromise(value)) return [];
    const sequence = value.type === 'sequence_expression';
    return [
      { start: value.startIndex, end: value.startIndex, text: `${call}(${sequence ? '(' : ''}` },
      { start: value.endIndex, end: value.endIndex, text: `${sequence ? ')' : ''}${args})` },
    ];
  });
}

/** `'use strict'` and friends stay the first statements of the function. */
function leadingDirectives(statements: Node[]): Node[] {
  const out: Node[] = [];
  for (const s of statements) {
    if (
      s.type !== 'expression_statement' ||
      s.namedChildren.length !== 1 ||
      s.firstNamedChild?.type !== 'string'
    )
      break;
    out.push(s);
  }
  return out;
}
