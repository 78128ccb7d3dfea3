// The per-request half of handler metrics for Express-style handlers (`(req, res)`, `(req, res, next)`):
// at handler entry, a start time and one recording when the response finishes (the status the client
// received, whatever path sent it: a return, a thrown error handled by Express, next(err)) or when the
// connection closes first (aborted: no status). The handler's own statements are left as they are.
import type Parser from 'tree-sitter';
import type { TextEdit } from '../../../edit/model.js';
import type { FunctionFacts } from '../../facts.js';
import { freshName, NameUse } from '../instrument/names.js';
import { indentAt, startsLine } from '../instrument/reindent.js';
import { type CodeStyle, quoted, semi } from '../instrument/style.js';
import type { ModuleRefs } from './module-instruments.js';

type Node = Parser.SyntaxNode;

// Node's HTTP parser rejects unknown methods before a handler runs, so `req.method` is bounded; a
// constant is still preferred when the registration says which method it is.
const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH']);

export type HandlerRecording =
  | { ok: true; edits: TextEdit[]; summary: string }
  | { ok: false; reason: string };

export function expressRecording(
  fn: FunctionFacts,
  node: Node,
  text: string,
  style: CodeStyle,
  refs: ModuleRefs,
): HandlerRecording {
  const body = node.childForFieldName('body');
  if (body?.type !== 'statement_block')
    return { ok: false, reason: 'the handler has an expression body; give it a block body first' };
  const response = fn.params.find((p) => p.role === 'response')?.name;
  const request = fn.params.find((p) => p.role === 'request')?.name;
  if (!response || !/^[A-Za-z_$][\w$]*$/.test(response))
    return { ok: false, reason: 'the handler has no named response parameter to observe' };

  const uses = new NameUse(node);
  const moduleNames = [refs.histogram, refs.counter, refs.attributes ?? ''];
  const taken = (name: string) => uses.has(name) || moduleNames.includes(name);
  const start = freshName(taken, 'requestStart', ['otelRequestStart']);
  const recorded = freshName(taken, 'requestRecorded', ['otelRequestRecorded']);
  const record = freshName(taken, 'recordRequest', ['otelRecordRequest']);
  // Inside the recording callback only: must not hide what the callback itself reads.
  const outer = new Set([response, start, recorded, ...moduleNames]);
  const inner = (name: string) => freshName((n) => outer.has(n), name, [`otel${name[0]?.toUpperCase()}${name.slice(1)}`]);
  const completed = inner('completed');
  const status = inner('status');
  const attributes = inner('attributes');

  const handler = fn.handler;
  const method =
    handler?.method && KNOWN_METHODS.has(handler.method.toUpperCase())
      ? quoted(handler.method.toUpperCase(), style)
      : request
        ? `${request}.method`
        : null;
  if (method === null)
    return { ok: false, reason: 'the HTTP method is neither registered nor readable from a request parameter' };
  const route = handler?.route ?? fn.name;

  const s = semi(style);
  const q = (v: string) => quoted(v, style);
  const comma = style.trailingCommas === 'none' ? '' : ',';
  const i1 = style.indent;
  const i2 = i1 + i1;
  const lines = [
    `const ${start} = performance.now()${s}`,
    `let ${recorded} = false${s}`,
    '// Once: at `finish` the status is the one the client received; `close` first means it was aborted.',
    `const ${record} = (${completed}${style.typescript ? ': boolean' : ''}) => {`,
    `${i1}if (${recorded}) return${s}`,
    `${i1}${recorded} = true${s}`,
    `${i1}const ${status} = ${response}.statusCode${s}`,
    `${i1}const ${attributes} = {`,
    ...(refs.attributes ? [`${i2}...${refs.attributes},`] : []),
    `${i2}${q('http.request.method')}: ${method},`,
    `${i2}${q('http.route')}: ${q(route)},`,
    `${i2}...(${completed} ? { ${q('http.response.status_code')}: ${status} } : { ${q('error.type')}: ${q('aborted')} }),`,
    `${i2}...(${completed} && ${status} >= 500 ? { ${q('error.type')}: String(${status}) } : {})${comma}`,
    `${i1}}${s}`,
    `${i1}${refs.histogram}.record((performance.now() - ${start}) / 1000, ${attributes})${s}`,
    `${i1}${refs.counter}.add(1, ${attributes})${s}`,
    `}${s}`,
    `${response}.once(${q('finish')}, () => ${record}(true))${s}`,
    `${response}.once(${q('close')}, () => ${record}(false))${s}`,
  ];
  const first = body.namedChildren[0];
  const indent =
    first && startsLine(text, first.startIndex)
      ? indentAt(text, first.startIndex)
      : indentAt(text, node.startIndex) + style.indent;
  const open = body.startIndex + 1;
  const block = lines.map((l) => (l ? indent + l : l)).join('\n');
  // What follows the new lines: the first statement on its own line, or the closing brace of an empty body.
  const closing = !first
    ? `\n${indentAt(text, body.endIndex - 1)}`
    : startsLine(text, first.startIndex)
      ? ''
      : `\n${indent}`;
  const fallback = handler?.route ? '' : ` (route not resolved from a registration: http.route is the function name ${route})`;
  return {
    ok: true,
    edits: [{ start: open, end: open, text: `\n${block}${closing}` }],
    summary: `duration and request count recorded when the response finishes, ${method} ${route}${fallback}`,
  };
}
