// The per-request half of handler metrics for Express-style handlers (`(req, res)`, `(req, res, next)`):
// at handler entry, a start time and one recording when the response finishes (the status the client
// received, whatever path sent it: a return, a thrown error handled by Express, next(err)) or when the
// connection closes first (aborted: no status). The handler's own statements are left as they are.
import { freshName, NameUse } from '../instrument/names.js';
import { indentAt, startsLine } from '../instrument/reindent.js';
import { quoted, semi } from '../instrument/style.js';
import { type HandlerRecorder, NO_METHOD, recordingLines, requestLabels } from './recording-lines.js';

export const expressRecording: HandlerRecorder = (fn, node, text, style, refs) => {
  const body = node.childForFieldName('body');
  if (!body) return { ok: false, reason: 'the handler has no body' };
  const response = fn.params.find((p) => p.role === 'response')?.name;
  const request = fn.params.find((p) => p.role === 'request')?.name;
  if (!response || !/^[A-Za-z_$][\w$]*$/.test(response))
    return { ok: false, reason: 'the handler has no named response parameter to observe' };

  const uses = new NameUse(node);
  const moduleNames = refs.names;
  const taken = (name: string) => uses.has(name) || moduleNames.includes(name);
  const start = freshName(taken, 'requestStart', ['otelRequestStart']);
  const recorded = freshName(taken, 'requestRecorded', ['otelRequestRecorded']);
  const record = freshName(taken, 'recordRequest', ['otelRecordRequest']);
  // Local to the recording callback, but still distinct from the handler's names so none is shadowed.
  const outer = new Set([response, start, recorded, record, ...moduleNames]);
  const inner = (name: string, fallback: string) =>
    freshName((n) => outer.has(n) || uses.has(n), name, [fallback]);
  const completed = inner('completed', 'responseCompleted');
  const attributes = inner('attributes', 'requestAttributes');

  const labels = requestLabels(fn, style, request ?? null);
  if (!labels) return { ok: false, reason: NO_METHOD };
  const { method, route } = labels;
  const summary = `duration and request count recorded when the response finishes, ${labels.summary}`;
  const s = semi(style);
  const q = (v: string) => quoted(v, style);
  const i1 = style.indent;
  const lines = [
    `const ${start} = performance.now()${s}`,
    `let ${recorded} = false${s}`,
    '// Once: at `finish` the status is the one the client received; `close` first means it was aborted.',
    `const ${record} = (${completed}${style.typescript ? ': boolean' : ''}) => {`,
    `${i1}if (${recorded}) return${s}`,
    `${i1}${recorded} = true${s}`,
    ...recordingLines(
      refs,
      style,
      { start, status: `${response}.statusCode`, attributes },
      method,
      route,
      completed,
    ).map((l) => i1 + l),
    `}${s}`,
    `${response}.once(${q('finish')}, () => ${record}(true))${s}`,
    `${response}.once(${q('close')}, () => ${record}(false))${s}`,
  ];
  if (body.type !== 'statement_block') {
    // `(req, res) => res.send(x)` becomes a block returning the same value.
    const indent = indentAt(text, node.startIndex);
    const block = lines.map((l) => (l ? indent + style.indent + l : l)).join('\n');
    const returned = `${indent}${style.indent}return ${body.text}${s}`;
    return {
      ok: true,
      edits: [{ start: body.startIndex, end: body.endIndex, text: `{\n${block}\n${returned}\n${indent}}` }],
      summary,
    };
  }
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
  return { ok: true, edits: [{ start: open, end: open, text: `\n${block}${closing}` }], summary };
};
