// The per-request half of handler metrics for NestJS controller methods (`@Get(':id') async find(...)` in
// a `@Controller('orders')` class): the body runs in a try whose `finally` records once the method has
// settled. On success the status is the one Nest sends for the route: `@HttpCode(n)`, `@Redirect(url, n)`
// (302 by default), else 201 for POST and 200 for the rest; on a throw it is the one Nest's default
// exception filter sends: an HttpException's `getStatus()` (read structurally: no @nestjs import), an
// http-errors error's `statusCode`, else 500.
import type Parser from 'tree-sitter';
import { methodDecorators } from '../classes.js';
import { quoted, semi } from '../instrument/style.js';
import { bodyNames, unwrappable, wrapHandlerBody } from './handler-body.js';
import { type HandlerRecorder, NO_METHOD, requestLabels } from './recording-lines.js';

type Node = Parser.SyntaxNode;

// Parameters that hand the response to the method: the method sends it, and its status, itself.
const OWN_RESPONSE = /^@(Res|Response|Next)\s*\(/;
// A status a decorator names: a number, or a constant such as `HttpStatus.ACCEPTED` (in scope, since the
// decorator reads it too).
const STATUS_ARGUMENT = /^(\d{3}|[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)?)$/;

export const nestRecording: HandlerRecorder = (fn, node, text, style, refs) => {
  if (fn.handler?.method === null)
    return { ok: false, reason: 'it handles messages or GraphQL operations, not HTTP requests' };
  if (ownResponse(node))
    return {
      ok: false,
      reason:
        "it takes the response object (@Res()/@Next()), so the status sent is the method's, not Nest's; record in an interceptor instead",
    };
  const reason = unwrappable(node);
  if (reason) return { ok: false, reason };
  const labels = requestLabels(fn, style, null);
  if (!labels) return { ok: false, reason: NO_METHOD };
  const success = successStatus(node, text, labels.method === quoted('POST', style));
  if (!success)
    return { ok: false, reason: 'its @HttpCode()/@Redirect() status is not a number or a constant' };

  const names = bodyNames(node, refs);
  const { status, err } = names;
  const s = semi(style);
  // `let status = 201` is a number; `HttpStatus.ACCEPTED` would be the enum type without the annotation.
  const annotation = style.typescript && !/^\d+$/.test(success.status) ? ': number' : '';
  const wrapped = wrapHandlerBody(text, node, style, {
    subject: 'method',
    refs,
    labels,
    names,
    prologue: [`let ${status}${annotation} = ${success.status}${s}`],
    catchBody: [`${status} = ${refs.helper('nestStatus')}(${err})${s}`],
  });
  if (!wrapped.ok) return wrapped;
  return {
    ok: true,
    edits: wrapped.edits,
    summary: `duration and request count recorded ${wrapped.when}, ${labels.summary}${success.note}`,
  };
};

function ownResponse(node: Node): boolean {
  const params = node.childForFieldName('parameters')?.namedChildren ?? [];
  return params.some((p) => p.namedChildren.some((c) => c.type === 'decorator' && OWN_RESPONSE.test(c.text)));
}

/** The status Nest sends when the method returns: the decorators' or the method's default. */
function successStatus(node: Node, text: string, post: boolean): { status: string; note: string } | null {
  for (const decorator of methodDecorators(node, text)) {
    const m = /^@(HttpCode|Redirect)\s*\(([\s\S]*)\)$/.exec(decorator.text);
    if (!m) continue;
    const args = decorator.firstNamedChild?.childForFieldName('arguments')?.namedChildren ?? [];
    const argument = m[1] === 'HttpCode' ? args[0] : args[1];
    if (!argument) return m[1] === 'Redirect' ? { status: '302', note: ' (@Redirect: 302)' } : null;
    if (!STATUS_ARGUMENT.test(argument.text)) return null;
    return { status: argument.text, note: ` (@${m[1]}: ${argument.text})` };
  }
  return { status: post ? '201' : '200', note: '' };
}
