// The handler half of the metrics plan: the body (after its docstring) moves into
// `try: ... except BaseException: ... raise ... finally: <record>` so the duration covers every path,
// failures included, and each `return X` becomes `return (result := X)` so the finally block sees what
// the client is sent. Signature and decorators are untouched (FastAPI's dependency injection reads them).
// The body is re-indented one level; a line that starts inside a string literal (the inside of a
// multi-line string) is left as it is, so string contents never change.
import type { TextEdit } from '../../../edit/model.js';
import { SkipFunction } from '../instrument/function-plan.js';
import type { Layout } from '../instrument/layout.js';
import { docstringOf, type Node, ownByKeyword, pyString, type Quote } from '../instrument/syntax.js';

const STRINGS = new Set(['string', 'concatenated_string']);

export interface Recording {
  time: string;
  histogram: string;
  counter: string;
  helper: string;
  /** Python expressions for the helper's first three arguments. */
  method: string;
  route: string;
  defaultStatus: string;
  quote: Quote;
}

/** Local names the generated code binds inside the handler. */
const LOCALS = {
  started: 'otel_started',
  result: 'otel_result',
  error: 'otel_error',
  attributes: 'otel_attributes',
  exception: 'otel_exception',
} as const;

function stringRanges(body: Node): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const visit = (n: Node) => {
    for (const child of n.namedChildren) {
      if (STRINGS.has(child.type)) out.push({ start: child.startIndex, end: child.endIndex });
      else visit(child);
    }
  };
  visit(body);
  return out;
}

/** Insertions of one indentation unit at each line start of [from, to) that is code, not string content. */
function reindent(layout: Layout, body: Node, from: number, to: number): TextEdit[] {
  const strings = stringRanges(body);
  const edits: TextEdit[] = [];
  for (let at = from; at < to; at = layout.lineEnd(at) + layout.eol.length) {
    const end = layout.lineEnd(at);
    if (/^[ \t]*$/.test(layout.text.slice(at, end))) {
      if (end >= layout.text.length) break;
      continue;
    }
    if (!strings.some((s) => s.start < at && at < s.end))
      edits.push({ start: at, end: at, text: layout.unit });
    if (end >= layout.text.length) break;
  }
  return edits;
}

/** `return X` → `return (otel_result := X)`; a tuple `return a, b` keeps its meaning with inner parentheses. */
function captureReturns(fn: Node): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const statement of ownByKeyword(fn, 'return', 'return_statement')) {
    const value = statement.firstNamedChild;
    if (!value) continue;
    const tuple = value.type === 'expression_list';
    edits.push(
      { start: value.startIndex, end: value.startIndex, text: `(${LOCALS.result} := ${tuple ? '(' : ''}` },
      { start: value.endIndex, end: value.endIndex, text: tuple ? '))' : ')' },
    );
  }
  return edits;
}

export function planHandlerBody(fn: Node, layout: Layout, recording: Recording): TextEdit[] {
  const body = fn.childForFieldName('body');
  if (!body) throw new SkipFunction('the function has no body');
  if (ownByKeyword(fn, 'yield', 'yield').length > 0)
    throw new SkipFunction('a generator (streaming) handler: its duration ends when the stream does');
  const docstring = docstringOf(body);
  const first = docstring ? docstring.nextNamedSibling : body.firstNamedChild;
  if (!first) throw new SkipFunction('the body holds nothing but a docstring');
  if (
    !layout.startsLine(first.startIndex) ||
    layout.lineOf(first.startIndex) === layout.lineOf(fn.startIndex)
  )
    throw new SkipFunction('the body shares a line with the `def` or a docstring');
  if (Object.values(LOCALS).some((name) => new RegExp(`\\b${name}\\b`).test(body.text)))
    throw new SkipFunction('the body already uses the names the recording code needs');

  const indent = layout.indentOf(first.startIndex);
  const inner = indent + layout.unit;
  const { eol } = layout;
  const lines = (prefix: string, ls: string[]) => ls.map((l) => `${prefix}${l}${eol}`).join('');
  const start = layout.lineStart(first.startIndex);
  const head = lines(indent, [
    `${LOCALS.started} = ${recording.time}.perf_counter()`,
    `${LOCALS.result}: object = None`,
    `${LOCALS.error}: ${pyString('BaseException | None', recording.quote)} = None`,
    'try:',
  ]);
  const end = layout.lineEnd(body.endIndex);
  const tail = lines(indent, [
    `except BaseException as ${LOCALS.exception}:`,
    `${layout.unit}${LOCALS.error} = ${LOCALS.exception}`,
    `${layout.unit}raise`,
    'finally:',
  ]);
  const args = [recording.method, recording.route, recording.defaultStatus, LOCALS.result, LOCALS.error];
  const recordingLines = [
    `${LOCALS.attributes} = ${recording.helper}(`,
    `${layout.unit}${args.join(', ')}`,
    ')',
    `${recording.histogram}.record(${recording.time}.perf_counter() - ${LOCALS.started}, ${LOCALS.attributes})`,
    `${recording.counter}.add(1, ${LOCALS.attributes})`,
  ];
  const finallyBody = lines(inner, recordingLines);
  return [
    { start, end: start, text: head },
    ...reindent(layout, body, start, end),
    ...captureReturns(fn),
    { start: end, end, text: `${eol}${tail}${finallyBody}`.replace(new RegExp(`${eol}$`), '') },
  ];
}
