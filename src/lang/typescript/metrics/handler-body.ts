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
import { type WrapLayout, wrapExpression, wrapStatements } from '../instrument/try-block.js';
import type { ModuleRefs } from './module-instruments.js';

type Node = Parser.SyntaxNode;

export interface BodyWrap {
  /** Statements after the start time, before `try {`. */
  prologue: string[];
  /** The catch block without its rethrow (which is added), or null for no catch clause. */
  catchBody: string[] | null;
  catchParam: string;
  finallyBody: string[];
  /** A statement run on each successful return (see ReturnStyle.outcome), or null. */
  outcome: string | null;
  result: string;
  /** Receivers whose method calls return no promise (`Response.json(...)`). */
  syncReceivers: ReadonlySet<string>;
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
    }
  | { ok: false; reason: string };

/** Names for the generated code that neither capture nor shadow the handler's or the module's names. */
export function namer(node: Node, refs: ModuleRefs): (preferred: string, fallback: string) => string {
  const uses = new NameUse(node);
  const chosen = new Set([refs.histogram, refs.counter, refs.attributes ?? '']);
  return (preferred, fallback) => {
    const name = freshName((n) => uses.has(n) || chosen.has(n), preferred, [fallback]);
    chosen.add(name);
    return name;
  };
}

/**
 * Why the handler's shape cannot be wrapped, or null: generators (Koa 1 middleware) yield rather than
 * return, and a sync handler that may return a promise would be recorded before the promise settles.
 */
export function unwrappable(node: Node, syncReceivers: ReadonlySet<string>): string | null {
  const shape = shapeOf(node);
  if (shape.generator)
    return 'generator functions are not planned (Koa 1 middleware yields, it does not return)';
  const body = node.childForFieldName('body');
  if (!body) return 'the handler has no body';
  if (body.type === 'statement_block' && !body.namedChildren.some((c) => c.type !== 'comment'))
    return 'the handler body is empty';
  if (shape.async || (shape.returnType !== null && !MAY_BE_PROMISE_TYPE.test(shape.returnType))) return null;
  const promised = returnedValues(node).find((value) => mayBePromise(value, syncReceivers));
  if (!promised) return null;
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

/** Wraps the handler's body; `start` is the name of the start time declared first. */
export function wrapHandlerBody(
  text: string,
  node: Node,
  style: CodeStyle,
  start: string,
  wrap: BodyWrap,
): WrappedBody {
  const body = node.childForFieldName('body');
  if (!body) return { ok: false, reason: 'the handler has no body' };
  const s = semi(style);
  const returns: ReturnStyle = {
    async: shapeOf(node).async,
    syncReceivers: wrap.syncReceivers,
    handoff: null,
    outcome: wrap.outcome,
    result: wrap.result,
    resultType: null,
    semicolon: s,
  };
  const block = { catchBody: wrap.catchBody, catchParam: wrap.catchParam, finallyBody: wrap.finallyBody };
  const prologue = [`const ${start} = performance.now()${s}`, ...wrap.prologue];
  const opening = (indent: string) => prologue.map((l) => (l ? `\n${indent}${l}` : '\n')).join('');
  if (body.type !== 'statement_block') {
    // `async (ctx) => service.list(ctx)` becomes a block whose try returns the same value.
    const base = indentAt(text, node.startIndex);
    const i1 = base + style.indent;
    const layout: WrapLayout = { opening: opening(i1), closing: `\n${base}`, tryIndent: i1 };
    return {
      ok: true,
      edits: wrapExpression(text, node, body, layout, block, returns, style).edits,
      run: null,
    };
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
  return {
    ok: true,
    edits: wrapStatements(text, run, layout, block, returns, style).edits,
    run: { first, last, tailTo: close, indent: tryIndent + style.indent },
  };
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
