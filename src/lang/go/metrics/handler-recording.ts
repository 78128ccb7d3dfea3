// The per-handler part: a deferred closure, started at entry, that records the duration and counts the
// request with the status the client received; a defer also covers early returns and panics.
import type { GoFunction } from '../instrument/function-model.js';
import { goString } from '../instrument/go-literal.js';
import { freshName } from '../instrument/names.js';

export interface Instruments {
  histogram: string;
  counter: string;
}

export type HandlerShape =
  | { kind: 'net/http'; writer: string; request: string }
  | { kind: 'gin'; context: string };

const NAME = /^[\p{L}_][\p{L}\p{Nd}_]*$/u;
const usable = (name: string | null): name is string => name !== null && name !== '_' && NAME.test(name);

/** How the handler receives the request, or why it cannot be instrumented as written. */
export function handlerShape(fn: GoFunction, http: string | null, gin: string | null): HandlerShape | string {
  const typeOf = (t: string) => t.replace(/\s+/g, '');
  const writer = fn.params.find((p) => http !== null && typeOf(p.type) === `${http}.ResponseWriter`);
  const request = fn.params.find((p) => http !== null && typeOf(p.type) === `*${http}.Request`);
  if (writer && request) {
    if (!usable(writer.name) || !usable(request.name))
      return 'the http.ResponseWriter or *http.Request parameter is unnamed';
    return { kind: 'net/http', writer: writer.name, request: request.name };
  }
  const context = fn.params.find((p) => gin !== null && typeOf(p.type) === `*${gin}.Context`);
  if (context) {
    if (!usable(context.name)) return 'the *gin.Context parameter is unnamed';
    return { kind: 'gin', context: context.name };
  }
  return 'not a net/http or gin handler signature';
}

export interface Recording {
  text: string;
  /** What the route attribute holds, for the summary. */
  route: string;
}

export function handlerRecording(
  fn: GoFunction,
  route: string | null,
  shape: HandlerShape,
  instruments: Instruments,
  time: string,
): Recording {
  const i = fn.indent;
  const start = freshName(['start', 'metricsStart'], fn.identifiers);
  const attrs = freshName(['attrs', 'metricAttrs'], fn.identifiers);
  const lines: string[] = [];
  let method: string;
  let status: string;
  let ctx: string;
  let routeExpr: string;
  let routeNote: string;
  if (shape.kind === 'net/http') {
    const rec = freshName(['rec', 'statusRec'], fn.identifiers);
    lines.push(`${rec} := &statusRecorder{ResponseWriter: ${shape.writer}}`, `${shape.writer} = ${rec}`);
    method = `${shape.request}.Method`;
    status = `${rec}.statusCode()`;
    ctx = `${shape.request}.Context()`;
    routeExpr = goString(route ?? fn.name);
    routeNote = route ? `route ${route}` : `route unresolved: http.route is the function name ${fn.name}`;
  } else {
    method = `${shape.context}.Request.Method`;
    status = `${shape.context}.Writer.Status()`;
    ctx = `${shape.context}.Request.Context()`;
    routeExpr = route ? goString(route) : `${shape.context}.FullPath()`;
    routeNote = route
      ? `route ${route}`
      : 'route unresolved: http.route is gin’s matched template c.FullPath()';
  }
  lines.push(
    `defer func(${start} ${time}.Time) {`,
    `\t${attrs} := requestMetricAttributes(${method}, ${routeExpr}, ${status})`,
    `\t${instruments.histogram}.Record(${ctx}, ${time}.Since(${start}).Seconds(), ${attrs})`,
    `\t${instruments.counter}.Add(${ctx}, 1, ${attrs})`,
    `}(${time}.Now())`,
  );
  return { text: `\n${lines.map((l) => i + l).join('\n')}`, route: routeNote };
}
