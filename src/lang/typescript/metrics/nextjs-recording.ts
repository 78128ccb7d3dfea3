// The per-request half of handler metrics for Next.js. Pages Router API routes (`export default function
// handler(req, res)` in pages/api) get a Node response: recorded at its `finish` like Express. App Router
// route handlers (`export async function GET(request)` in app/**/route.ts) return a Response: the body runs
// in a try, each return binds the Response and takes its status, and `finally` records. What Next sends
// for the rest: a handler that returns no Response gets a 500; a thrown redirect()/notFound() its own
// status (read from the error's digest, `NEXT_REDIRECT;replace;/login;307;`, `NEXT_HTTP_ERROR_FALLBACK;404`);
// any other error a 500.
import type Parser from 'tree-sitter';
import type { TextEdit } from '../../../edit/model.js';
import { startsLine } from '../instrument/reindent.js';
import {
  alwaysExits,
  ownStatements,
  type ReturnStyle,
  returnExpression,
  returnParts,
} from '../instrument/returns.js';
import { semi } from '../instrument/style.js';
import { expressRecording } from './express-recording.js';
import {
  type BodyRun,
  bodyNames,
  notAwaitedReason,
  promiseReturnedSync,
  unwrappable,
  wrapHandlerBody,
} from './handler-body.js';
import { type HandlerRecorder, NO_METHOD, requestLabels } from './recording-lines.js';

type Node = Parser.SyntaxNode;

// Constructors and static factories of responses: nothing to await.
const RESPONSES = new Set(['Response', 'NextResponse']);
// Stands for the returned value in the outcome statement until each return's own value is known.
const RETURNED = '\u0000returned\u0000';

export const nextjsRecording: HandlerRecorder = (fn, node, text, style, refs) => {
  // Pages Router API routes have no method of their own and get Node's (req, res).
  if (fn.handler?.method === null) return expressRecording(fn, node, text, style, refs);
  return appRouteRecording(fn, node, text, style, refs);
};

const appRouteRecording: HandlerRecorder = (fn, node, text, style, refs) => {
  const reason = unwrappable(node);
  if (reason) return { ok: false, reason };
  // What a promise returned by a sync handler resolves to is not followed: its status is unknown here.
  const promised = promiseReturnedSync(node, RESPONSES);
  if (promised) return { ok: false, reason: notAwaitedReason(promised) };
  const literal = returnedValues(node).find((v) => v.type === 'object' || v.type === 'array');
  if (literal) return { ok: false, reason: 'it returns a value that is not a Response' };
  const labels = requestLabels(fn, style, null);
  if (!labels) return { ok: false, reason: NO_METHOD };

  const names = bodyNames(node, refs);
  const { status, err } = names;
  const response = names.name('response', 'returnedResponse');
  const s = semi(style);
  const outcome = `${status} = ${RETURNED}.status${s}`;
  const wrapped = wrapHandlerBody(text, node, style, {
    subject: 'handler',
    refs,
    labels,
    names,
    prologue: [
      '// Until a Response is returned: Next answers anything else with a 500.',
      `let ${status} = 500${s}`,
    ],
    catchBody: [`${status} = ${refs.helper('nextStatus')}(${err})${s}`],
    outcome,
    result: response,
    syncReceivers: RESPONSES,
  });
  if (!wrapped.ok) return wrapped;
  return {
    ok: true,
    edits: resolveReturned(text, wrapped.edits, node, wrapped.run, response, outcome),
    summary: `duration and request count recorded when the handler settles (finally), status from the returned Response, ${labels.summary}`,
  };
};

/**
 * The outcome statement names the returned value by a placeholder: a return bound to `response` reads
 * its status; a plain `return res` reads `res.status` before returning it; a bare `return` or the end of
 * the body returns no Response, so the status stays Next's 500. A `new Response(...)` is not awaited.
 */
function resolveReturned(
  source: string,
  edits: TextEdit[],
  fn: Node,
  run: BodyRun | null,
  response: string,
  outcome: string,
): TextEdit[] {
  const body = fn.childForFieldName('body');
  const returns = new Map<number, Node | null>();
  if (run) {
    for (const ret of ownStatements(fn, ['return_statement'], () => true))
      returns.set(ret.startIndex, returnExpression(ret));
  } else if (body) {
    // The concise body's edit starts at the arrow.
    const arrow = fn.children.find((c) => c.type === '=>');
    returns.set(arrow ? arrow.endIndex : body.startIndex, unparenthesized(body));
  }
  const naturalEnd = run !== null && !alwaysExits(lastCode(run.last));
  const style = {
    async: false,
    syncReceivers: RESPONSES,
    handoff: null,
    outcome,
    result: response,
    resultType: null,
    semicolon: '',
  } satisfies ReturnStyle;
  const removed = new RegExp(`${escaped(outcome)}\\s*`);
  // The first statement of a body written on one line keeps its line: its return's statements go on lines
  // of their own.
  const oneLine = run && run.first.type === 'return_statement' && !startsLine(source, run.first.startIndex);
  return edits.map((edit) => {
    let text = edit.text;
    if (oneLine && (edit.start === run.first.startIndex || edit.start === run.first.endIndex))
      text = text
        .replace(` ${outcome}`, `\n${run.indent}${outcome}`)
        .replace(`${outcome} `, `${outcome}\n${run.indent}`);
    if (run && naturalEnd && edit.start === run.last.endIndex && edit.end === run.tailTo)
      text = text.replace(new RegExp(`\\n[ \\t]*${escaped(outcome)}`), '');
    const value = returns.get(edit.start);
    if (value === null && text.includes(RETURNED)) text = text.replace(removed, '');
    else if (value) {
      if (!returnParts(value, style).bound) text = text.replaceAll(RETURNED, readable(value));
      else if (isResponseConstruction(value)) text = text.replace(/= await $/, '= ');
    }
    return text === edit.text && !text.includes(RETURNED)
      ? edit
      : { ...edit, text: text.replaceAll(RETURNED, response) };
  });
}

function returnedValues(node: Node): Node[] {
  const body = node.childForFieldName('body');
  if (!body) return [];
  if (body.type !== 'statement_block') return [unparenthesized(body)];
  return ownStatements(node, ['return_statement'], () => true).flatMap((ret) => {
    const value = returnExpression(ret);
    return value ? [unparenthesized(value)] : [];
  });
}

function unparenthesized(node: Node): Node {
  let current = node;
  while (current.type === 'parenthesized_expression') {
    const inner = current.namedChildren.filter((c) => c.type !== 'comment');
    if (inner.length !== 1 || !inner[0]) break;
    current = inner[0];
  }
  return current;
}

/** `res` and `this.res` read as they are; anything else plain (`a ?? b`) in parentheses. */
function readable(value: Node): string {
  return /^(identifier|member_expression|this)$/.test(value.type) ? value.text : `(${value.text})`;
}

function isResponseConstruction(value: Node): boolean {
  return value.type === 'new_expression' && RESPONSES.has(value.childForFieldName('constructor')?.text ?? '');
}

function lastCode(last: Node): Node | null {
  for (let n: Node | null = last; n; n = n.previousNamedSibling) if (n.type !== 'comment') return n;
  return null;
}

function escaped(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
