// The per-request half of handler metrics for Fastify handlers (`(request, reply)`): the body runs in a
// try whose `finally` records once the handler has settled. On success the status is `reply.statusCode`
// (set by `reply.code()` before the value is returned or sent); on a throw it is the one Fastify's
// default error handler sends: the error's `statusCode` when it is 4xx/5xx, else 500.
import type Parser from 'tree-sitter';
import type { TextEdit } from '../../../edit/model.js';
import { isFunctionNode } from '../instrument/locate.js';
import { freshName, NameUse } from '../instrument/names.js';
import { indentAt, literalRanges, reindentEdits, Shift, startsLine } from '../instrument/reindent.js';
import { semi } from '../instrument/style.js';
import { notAwaitedReason, promiseReturnedSync } from './handler-body.js';
import {
  type HandlerRecorder,
  matchedRouteLine,
  NO_METHOD,
  recordingLines,
  requestLabels,
} from './recording-lines.js';

type Node = Parser.SyntaxNode;

export const fastifyRecording: HandlerRecorder = (fn, node, text, style, refs) => {
  const body = node.childForFieldName('body');
  const reply = fn.params.find((p) => p.role === 'response')?.name;
  const request = fn.params.find((p) => p.role === 'request')?.name ?? null;
  if (!reply || !/^[A-Za-z_$][\w$]*$/.test(reply))
    return { ok: false, reason: 'the handler has no named reply parameter to read the status from' };
  if (!body) return { ok: false, reason: 'the handler has no body' };
  // `finally` would record before the promise settles; `reply.send(...)` returns the reply itself.
  const promised = promiseReturnedSync(node, new Set([reply]));
  if (promised) return { ok: false, reason: notAwaitedReason(promised) };
  const block = body.type === 'statement_block';
  const statements = block ? body.namedChildren : [];
  const first = statements[0];
  const last = statements[statements.length - 1];
  if (block && (!first || !last || !startsLine(text, first.startIndex)))
    return { ok: false, reason: 'the handler body is not a block of statements on their own lines' };
  const labels = requestLabels(fn, style, request);
  if (!labels) return { ok: false, reason: NO_METHOD };

  const uses = new NameUse(node);
  const moduleNames = refs.names;
  const taken = (name: string) => uses.has(name) || moduleNames.includes(name);
  const start = freshName(taken, 'requestStart', ['otelRequestStart']);
  const caught = freshName(taken, 'err', ['error', 'otelError']);
  const status = freshName(taken, 'status', ['responseStatus']);
  const thrownStatus = freshName(taken, 'thrownStatus', ['otelThrownStatus']);
  const attributes = freshName(taken, 'attributes', ['requestAttributes']);
  const matchedRoute = request ? freshName(taken, 'matchedRoute', ['otelMatchedRoute']) : undefined;

  const s = semi(style);
  const i1 = style.indent;
  const outerIndent = indentAt(text, node.startIndex);
  const indent = first ? indentAt(text, first.startIndex) : outerIndent + i1;
  const at = (lines: string[]) => lines.map((l) => indent + l).join('\n');
  const prologue = at([
    `const ${start} = performance.now()${s}`,
    ...(request && matchedRoute ? matchedRouteLine('fastify', request, matchedRoute, style) : []),
    `let ${thrownStatus} = 0${s}`,
    'try {',
  ]);
  const epilogue = at([
    `} catch (${caught}) {`,
    `${i1}${thrownStatus} = ${refs.helper('fastifyStatus')}(${caught})${s}`,
    `${i1}throw ${caught}${s}`,
    '} finally {',
    `${i1}// What the client receives: the one Fastify sends for the error (never 0), else the reply's status.`,
    `${i1}const ${status} = ${thrownStatus} || ${reply}.statusCode${s}`,
    ...recordingLines(
      refs,
      style,
      { start, status, attributes, ...(matchedRoute ? { matchedRoute } : {}) },
      labels.method,
      labels.route,
      null,
    ).map((l) => i1 + l),
    '}',
  ]);
  const summary = `duration and request count recorded when the handler settles (finally), ${labels.summary}${matchedRoute ? ", http.route Fastify's matched template when it has one" : ''}`;
  if (!first || !last) {
    // `async (request, reply) => service.get(id)` becomes a block returning the same value.
    const returned = `${indent}${i1}return ${awaits(node, body, reply) ? 'await ' : ''}${body.text}${s}`;
    const replaced = `{\n${prologue}\n${returned}\n${epilogue}\n${outerIndent}}`;
    return { ok: true, edits: [{ start: body.startIndex, end: body.endIndex, text: replaced }], summary };
  }
  const open = body.startIndex + 1;
  const edits: TextEdit[] = [
    { start: open, end: open, text: `\n${prologue}` },
    ...reindentEdits(text, open, last.endIndex, new Shift(indent, indent + i1), literalRanges(body)),
    ...awaitedReturns(node, body, reply),
    { start: last.endIndex, end: last.endIndex, text: `\n${epilogue}` },
  ];
  return { ok: true, edits, summary };
};

/**
 * In an async handler, `return promise` inside the try would run `finally` before the promise settles
 * (too short a duration, a rejection unseen): the handler's own `return call(...)` become `return await`.
 */
function awaitedReturns(fn: Node, body: Node, reply: string): TextEdit[] {
  return body.descendantsOfType('return_statement').flatMap((ret) => {
    const value = ret.namedChildren.find((c) => c.type !== 'comment');
    if (!value || ownerOf(ret) !== fn || !awaits(fn, value, reply)) return [];
    return [{ start: value.startIndex, end: value.startIndex, text: 'await ' }];
  });
}

/**
 * A returned value an async handler must await inside the try: a call (it may return a promise; values
 * do not), except `reply.code(..).send(..)`, which returns the thenable reply Fastify treats specially.
 */
function awaits(fn: Node, value: Node, reply: string): boolean {
  if (!fn.children.some((c) => c.type === 'async') || value.type !== 'call_expression') return false;
  return !new RegExp(`^${reply}\\b`).test(value.text);
}

function ownerOf(node: Node): Node | null {
  let current = node.parent;
  while (current && !isFunctionNode(current)) current = current.parent;
  return current;
}
