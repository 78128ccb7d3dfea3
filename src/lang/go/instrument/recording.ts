// The statements that record a failure on a span, as the standards' error policy asks, and where they go.
import type { TextEdit } from '../../../edit/model.js';
import type { Standards } from '../../../standards/types.js';
import { goString } from './go-literal.js';
import type { ImportPlan } from './imports.js';
import { indentAt, lineStart, startsLine } from './syntax.js';

export type ErrorPolicy = Standards['tracing']['error_policy'];

export interface Need {
  record: boolean;
  status: boolean;
}

export interface SpanWriter {
  span: string;
  policy: ErrorPolicy;
  imports: ImportPlan;
}

/**
 * `span.RecordError(err)`, `span.SetStatus(codes.Error, "msg")` and, when asked, the `error.type`
 * attribute (the error's dynamic type: low-cardinality, unlike its text). `error` null means a panic,
 * whose value the SDK's deferred `End` already records as an exception event.
 */
export function recordStatements(w: SpanWriter, error: string | null, message: string, need: Need): string[] {
  const out: string[] = [];
  if (need.record && error !== null && w.policy.record_exception) out.push(`${w.span}.RecordError(${error})`);
  if (need.status && w.policy.set_status)
    out.push(`${w.span}.SetStatus(${w.imports.use('codes')}.Error, ${goString(message)})`);
  if (need.status && error !== null && w.policy.error_type_attribute) {
    out.push(
      `${w.span}.SetAttributes(${w.imports.use('attribute')}.String("error.type", ${w.imports.use('fmt')}.Sprintf("%T", ${error})))`,
    );
  }
  return out;
}

export function outcomeStatement(w: SpanWriter, key: string): string {
  return `${w.span}.SetAttributes(${w.imports.use('attribute')}.String(${goString(key)}, "success"))`;
}

/** `if <error> != nil { ... }` around statements, for errors that may be nil on this path. */
export function guarded(error: string, statements: string[]): string[] {
  return [`if ${error} != nil {`, ...statements.map((s) => `\t${s}`), '}'];
}

/**
 * Inserts statements (lines with relative tab indentation) before the statement starting at `at`, at that
 * statement's indentation. A statement sharing its line (`{ return err }`) gets them right before it;
 * gofmt then puts each on its own line.
 */
export function insertBefore(text: string, at: number, lines: string[]): TextEdit {
  if (startsLine(text, at)) {
    const indent = indentAt(text, at);
    const start = lineStart(text, at);
    return { start, end: start, text: lines.map((l) => `${indent}${l}\n`).join('') };
  }
  const indent = `${indentAt(text, at)}\t`;
  return { start: at, end: at, text: lines.map((l) => `${l}\n${indent}`).join('') };
}

/** Replaces `text[start, end)` (one statement) by statements, keeping the statement's indentation. */
export function replaceStatement(text: string, start: number, end: number, lines: string[]): TextEdit {
  const indent = startsLine(text, start) ? indentAt(text, start) : `${indentAt(text, start)}\t`;
  return { start, end, text: lines.map((l, i) => (i === 0 ? l : `${indent}${l}`)).join('\n') };
}
