// The per-request half of handler metrics for Koa handlers (`async (ctx, next) => {...}`, koa-router
// routes): the body runs in a try whose `finally` records once the handler has settled. On success the
// status is `ctx.status` (Koa's 404 when nothing set a body); on a throw it is the one Koa's default error
// handler (context.onerror) sends: an Error's `status || statusCode` when it is an HTTP status, 404 for
// ENOENT, else 500; and once headers are sent Koa cannot change the status any more.
import { semi } from '../instrument/style.js';
import { bodyNames, unwrappable, wrapHandlerBody } from './handler-body.js';
import { type HandlerRecorder, matchedRouteLine, NO_METHOD, requestLabels } from './recording-lines.js';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export const koaRecording: HandlerRecorder = (fn, node, text, style, refs) => {
  const ctx = (fn.params.find((p) => p.role === 'framework-context') ?? fn.params[0])?.name;
  if (!ctx || !IDENTIFIER.test(ctx))
    return { ok: false, reason: 'the handler has no named context parameter to read the status from' };
  const reason = unwrappable(node);
  if (reason) return { ok: false, reason };
  const labels = requestLabels(fn, style, ctx);
  if (!labels) return { ok: false, reason: NO_METHOD };

  const names = bodyNames(node, refs);
  const { status, err } = names;
  const thrownStatus = names.name('thrownStatus', 'otelThrownStatus');
  const matchedRoute = names.name('matchedRoute', 'otelMatchedRoute');
  names.matchedRoute = matchedRoute;
  const s = semi(style);
  const wrapped = wrapHandlerBody(text, node, style, {
    subject: 'handler',
    refs,
    labels,
    names,
    // Read on entry: a later layer of the same router may set another template before the handler ends.
    prologue: [...matchedRouteLine('koa', ctx, matchedRoute, style), `let ${thrownStatus} = 0${s}`],
    catchBody: [`${thrownStatus} = ${refs.helper('koaStatus')}(${err})${s}`],
    beforeRecord: [
      '// Once the headers are sent, the status cannot change any more.',
      `const ${status} = ${thrownStatus} && !${ctx}.headerSent ? ${thrownStatus} : ${ctx}.status${s}`,
    ],
  });
  if (!wrapped.ok) return wrapped;
  return {
    ok: true,
    edits: wrapped.edits,
    summary: `duration and request count recorded ${wrapped.when}, ${labels.summary}, http.route koa-router's matched template when it has one`,
  };
};
