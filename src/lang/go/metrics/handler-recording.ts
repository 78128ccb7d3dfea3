// The per-handler part: a deferred closure, started at entry, that records the duration and counts the
// request with the status the client received; a defer also covers early returns, and a panic is
// recorded as a server error, then re-raised unchanged.
import type { TextEdit } from '../../../edit/model.js';
import { nameErrorResult } from '../instrument/deferred-recorder.js';
import type { GoFunction, GoParam } from '../instrument/function-model.js';
import { goString } from '../instrument/go-literal.js';
import { freshName } from '../instrument/names.js';

export interface Instruments {
  histogram: string;
  counter: string;
}

/** Which of the two the handler still lacks (the audit's gap details); one already recorded is not doubled. */
export interface Needs {
  histogram: boolean;
  counter: boolean;
}

export type HandlerShape = (
  | { kind: 'net/http'; writer: string; request: string }
  | { kind: 'gin'; context: string }
  /** echo: the status is decided after the handler returns, from its error: the result is named. */
  | { kind: 'echo'; context: string; error: string }
) & {
  /**
   * `_` parameters the recording needs, given a name, and an echo handler's `error` result named (a
   * parameter's or result's name is not part of the function's type).
   */
  renames: TextEdit[];
};

const NAME = /^[\p{L}_][\p{L}\p{Nd}_]*$/u;

/** The parameter's name, naming a blank `_` one; null when the signature leaves it unnamed. */
function nameOf(param: GoParam, fn: GoFunction, preferred: string, renames: TextEdit[]): string | null {
  if (param.name === '_' && param.nameNode) {
    const name = freshName([preferred, `${preferred}2`], fn.identifiers);
    fn.identifiers.add(name);
    renames.push({ start: param.nameNode.startIndex, end: param.nameNode.endIndex, text: name });
    return name;
  }
  return param.name !== null && NAME.test(param.name) ? param.name : null;
}

/** Local names of the frameworks' imports in the file (null when not imported). */
export interface FrameworkNames {
  http: string | null;
  gin: string | null;
  echo: string | null;
}

/** How the handler receives the request, or why it cannot be instrumented as written. */
export function handlerShape(fn: GoFunction, frameworks: FrameworkNames): HandlerShape | string {
  const { http, gin, echo } = frameworks;
  const typeOf = (t: string) => t.replace(/\s+/g, '');
  const renames: TextEdit[] = [];
  const writer = fn.params.find((p) => http !== null && typeOf(p.type) === `${http}.ResponseWriter`);
  const request = fn.params.find((p) => http !== null && typeOf(p.type) === `*${http}.Request`);
  if (writer && request) {
    const w = nameOf(writer, fn, 'w', renames);
    const r = nameOf(request, fn, 'r', renames);
    if (w === null || r === null) return 'the handler’s parameters are unnamed';
    return { kind: 'net/http', writer: w, request: r, renames };
  }
  const context = fn.params.find((p) => gin !== null && typeOf(p.type) === `*${gin}.Context`);
  if (context) {
    const c = nameOf(context, fn, 'c', renames);
    if (c === null) return 'the handler’s parameters are unnamed';
    return { kind: 'gin', context: c, renames };
  }
  const echoContext = fn.params.find((p) => echo !== null && typeOf(p.type) === `${echo}.Context`);
  if (echoContext) {
    if (fn.results.length !== 1 || fn.results[0]?.type !== 'error')
      return 'an echo handler returns exactly an error: this signature is not one';
    const c = nameOf(echoContext, fn, 'c', renames);
    if (c === null) return 'the handler’s parameters are unnamed';
    // Named so the deferred recording sees what the handler returns; `return x` still returns x.
    const result = nameErrorResult(fn);
    if (result === null) return 'the handler’s error result cannot be named';
    fn.identifiers.add(result.name);
    renames.push(...result.edits);
    return { kind: 'echo', context: c, error: result.name, renames };
  }
  return 'not a net/http, gin or echo handler signature';
}

export interface Recording {
  text: string;
  /** What the route attribute holds, for the summary. */
  route: string;
}

/** The route as the recording reads it: the static template, else the handler's name. */
export interface RouteSource {
  /** The route template resolved from the registrations, or null when unresolved. */
  template: string | null;
  /** The standards' fallback when unresolved: the handler's name. */
  fallback: string;
  /** For a net/http handler: the router whose matched template is read at run time, if any. */
  runtime: 'chi' | 'gorilla/mux' | null;
}

/** What the summary says of the route: the run-time reading first, then what it falls back to. */
function routeNote(route: RouteSource, reader: string | null): string {
  if (reader)
    return `http.route is ${reader} at run time, else ${route.template ?? `the handler's name ${route.fallback}`}`;
  return route.template
    ? `route ${route.template}`
    : `route unresolved: http.route is the handler's name ${route.fallback}`;
}

/** The helper reading the matched route of a net/http handler's router (null: the static route only). */
export function matchedRouteHelper(
  shape: HandlerShape,
  runtime: RouteSource['runtime'],
): 'ginMatchedRoute' | 'echoMatchedRoute' | 'chiMatchedRoute' | 'gorillaMatchedRoute' | null {
  if (shape.kind === 'gin') return 'ginMatchedRoute';
  if (shape.kind === 'echo') return 'echoMatchedRoute';
  if (runtime === 'chi') return 'chiMatchedRoute';
  return runtime === 'gorilla/mux' ? 'gorillaMatchedRoute' : null;
}

const READERS = {
  ginMatchedRoute: 'gin’s matched template (c.FullPath())',
  echoMatchedRoute: 'echo’s matched template (c.Path())',
  chiMatchedRoute: 'chi’s matched pattern (RoutePattern())',
  gorillaMatchedRoute: 'gorilla/mux’s matched path template',
} as const;

export function handlerRecording(
  fn: GoFunction,
  route: RouteSource,
  shape: HandlerShape,
  instruments: Instruments,
  needs: Needs,
  names: { time: string; serverError: string },
): Recording {
  const { time } = names;
  const i = fn.indent;
  const start = freshName(['start', 'metricsStart'], fn.identifiers);
  const attrs = freshName(['attrs', 'metricAttrs'], fn.identifiers);
  const status = freshName(['status', 'metricStatus'], fn.identifiers);
  const panicked = freshName(['panicked', 'metricPanic'], fn.identifiers);
  const lines: string[] = [];
  let method: string;
  let received: string;
  let ctx: string;
  let subject: string;
  if (shape.kind === 'net/http') {
    const rec = freshName(['rec', 'statusRec'], fn.identifiers);
    lines.push(`${rec} := &statusRecorder{ResponseWriter: ${shape.writer}}`, `${shape.writer} = ${rec}`);
    method = `${shape.request}.Method`;
    received = `${rec}.statusCode()`;
    ctx = `${shape.request}.Context()`;
    subject = shape.request;
  } else if (shape.kind === 'echo') {
    const request = `${shape.context}.Request()`;
    method = `${request}.Method`;
    received = `echoResponseStatus(${shape.context}, ${shape.error})`;
    ctx = `${request}.Context()`;
    subject = shape.context;
  } else {
    method = `${shape.context}.Request.Method`;
    received = `${shape.context}.Writer.Status()`;
    ctx = `${shape.context}.Request.Context()`;
    subject = shape.context;
  }
  const staticRoute = goString(route.template ?? route.fallback);
  const helper = matchedRouteHelper(shape, route.runtime);
  const routeExpr = helper ? `${helper}(${subject}, ${staticRoute})` : staticRoute;
  lines.push(
    `defer func(${start} ${time}.Time) {`,
    `\t${status} := ${received}`,
    `\t${panicked} := recover()`,
    `\tif ${panicked} != nil {`,
    '\t\t// A recovering middleware answers 500, or the connection drops: a server error either way.',
    `\t\t${status} = ${names.serverError}`,
    '\t}',
    `\t${attrs} := requestMetricAttributes(${method}, ${routeExpr}, ${status})`,
    ...(needs.histogram
      ? [`\t${instruments.histogram}.Record(${ctx}, ${time}.Since(${start}).Seconds(), ${attrs})`]
      : []),
    ...(needs.counter ? [`\t${instruments.counter}.Add(${ctx}, 1, ${attrs})`] : []),
    `\tif ${panicked} != nil {`,
    `\t\tpanic(${panicked}) // re-raised unchanged, for the server or the middleware above`,
    '\t}',
    `}(${time}.Now())`,
  );
  return {
    text: `\n${lines.map((l) => i + l).join('\n')}`,
    route: routeNote(route, helper ? READERS[helper] : null),
  };
}
