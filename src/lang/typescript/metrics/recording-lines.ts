// The lines shared by every handler shape: the request's metric attributes (from the module's helper:
// constant route template, method, the status sent, `error.type` only on failure) and one record on each
// instrument.
import type Parser from 'tree-sitter';
import type { TextEdit } from '../../../edit/model.js';
import type { FunctionFacts } from '../../facts.js';
import { type CodeStyle, quoted, semi } from '../instrument/style.js';
import type { ModuleRefs } from './module-instruments.js';

export type HandlerRecording =
  | { ok: true; edits: TextEdit[]; summary: string }
  | { ok: false; reason: string };

/** Plans one framework's per-request recording inside a handler (`node` is its function node). */
export type HandlerRecorder = (
  fn: FunctionFacts,
  node: Parser.SyntaxNode,
  text: string,
  style: CodeStyle,
  refs: ModuleRefs,
) => HandlerRecording;

export interface RecordingNames {
  /** The start time (`performance.now()` at entry). */
  start: string;
  /** The status expression (already evaluated into a local). */
  status: string;
  attributes: string;
  /**
   * A local holding the route template the framework matched at run time (see `matchedRouteLine`):
   * `http.route` is that when it is a string, else the registered route.
   */
  matchedRoute?: string;
}

/**
 * The recording: the attributes from the module's helper, one record on each instrument. `completed` is
 * the expression telling that a response was sent (Express: `finish` came before `close`; else the
 * attributes say it was aborted); null when a status is always known (the handler settled).
 */
export function recordingLines(
  refs: ModuleRefs,
  style: CodeStyle,
  names: RecordingNames,
  method: string,
  route: string,
  completed: string | null,
): string[] {
  const q = (v: string) => quoted(v, style);
  const s = semi(style);
  const { status, attributes } = names;
  const routeValue = names.matchedRoute
    ? `typeof ${names.matchedRoute} === ${q('string')} ? ${names.matchedRoute} : ${q(route)}`
    : q(route);
  const statusValue = completed === null ? status : `${completed} ? ${status} : null`;
  const helper = refs.helper('attributes');
  const comma = style.trailingCommas === 'all' ? ',' : '';
  // A matched-route read is long: one argument a line.
  const call = names.matchedRoute
    ? [
        `const ${attributes} = ${helper}(`,
        `${style.indent}${method},`,
        `${style.indent}${routeValue},`,
        `${style.indent}${statusValue}${comma}`,
        `)${s}`,
      ]
    : [`const ${attributes} = ${helper}(${method}, ${routeValue}, ${statusValue})${s}`];
  return [
    ...call,
    `${refs.histogram}.record((performance.now() - ${names.start}) / 1000, ${attributes})${s}`,
    `${refs.counter}.add(1, ${attributes})${s}`,
  ];
}

// Node's HTTP parser rejects unknown methods before a handler runs, so `req.method` is bounded; a
// constant is still preferred when the registration says which method it is.
const KNOWN_METHODS = new Set([
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'CONNECT',
  'OPTIONS',
  'TRACE',
  'PATCH',
]);

export const NO_METHOD = 'the HTTP method is neither registered nor readable from a request parameter';

/**
 * The method (a constant when registered, else read from the request) and the route template (from
 * the registration, else the standards' fallback: the function's name), with words for the summary.
 */
export function requestLabels(
  fn: FunctionFacts,
  style: CodeStyle,
  request: string | null,
): { method: string; route: string; summary: string } | null {
  const handler = fn.handler;
  const registered =
    handler?.method && KNOWN_METHODS.has(handler.method.toUpperCase()) ? handler.method.toUpperCase() : null;
  const method = registered ? quoted(registered, style) : request ? `${request}.method` : null;
  if (method === null) return null;
  const route = handler?.route ?? fn.name;
  const fallback = handler?.route
    ? ''
    : ` (route not resolved from a registration: http.route is the function name ${route})`;
  return { method, route, summary: `${registered ?? method} ${route}${fallback}` };
}

/**
 * The route template the framework matched, where it keeps one that is bounded (a registered template,
 * prefixes included, never the raw path), read structurally so the code type-checks whatever the
 * framework's typings say: Fastify's `request.routeOptions.url` (4.10+; `request.routerPath` before),
 * koa-router's `ctx._matchedRoute`. Express has none (`req.baseUrl` holds raw values).
 */
export function matchedRouteLine(
  framework: 'fastify' | 'koa',
  subject: string,
  local: string,
  style: CodeStyle,
): string[] {
  const s = semi(style);
  const ts = style.typescript;
  const read = (fields: string, chain: string) =>
    ts ? `(${subject} as unknown as { ${fields} })${chain}` : `${subject}${chain}`;
  if (framework === 'koa')
    return [
      "// koa-router's matched template (prefixes included), else the registered route.",
      `const ${local} = ${read('_matchedRoute?: unknown', '._matchedRoute')}${s}`,
    ];
  const current = read('routeOptions?: { url?: unknown }', '.routeOptions?.url');
  const older = read('routerPath?: unknown', '.routerPath');
  return [
    "// Fastify's matched template (prefixes included; routerPath before 4.10), else the registered route.",
    ...(ts
      ? [`const ${local} =`, `${style.indent}${current} ??`, `${style.indent}${older}${s}`]
      : [`const ${local} = ${current} ?? ${older}${s}`]),
  ];
}
