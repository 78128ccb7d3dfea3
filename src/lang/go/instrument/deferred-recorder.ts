// The robust form for functions whose failures cannot all be recorded in place: name the error result
// (naming does not change the function's type) and record it in a deferred closure, registered after
// `defer span.End()` so it runs first. `defer span.End()` stays a direct defer: the SDK's End can then
// still see and record a panic.
import type { TextEdit } from '../../../edit/model.js';
import type { GoFunction } from './function-model.js';
import { freshName } from './names.js';
import { guarded, type Need, recordStatements, type SpanWriter } from './recording.js';

export interface ErrorResult {
  name: string;
  /** Signature edits naming the results; empty when the error result already has a usable name. */
  edits: TextEdit[];
}

/**
 * The error result's name. A new name must be one the body never mentions: reusing a local `err` would
 * make every `return` overwrite a variable that a deferred closure or goroutine may read.
 */
export function nameErrorResult(fn: GoFunction): ErrorResult | null {
  const last = fn.results[fn.results.length - 1];
  if (last?.type !== 'error' || !fn.resultNode) return null;
  if (last.name !== null && last.name !== '_') return { name: last.name, edits: [] };
  const name = freshName(['err', 'retErr'], fn.identifiers);
  if (last.nameNode)
    return { name, edits: [{ start: last.nameNode.startIndex, end: last.nameNode.endIndex, text: name }] };
  const named = fn.results
    .map((r, i) => (i === fn.results.length - 1 ? `${name} ${r.type}` : `_ ${r.type}`))
    .join(', ');
  return {
    name,
    edits: [{ start: fn.resultNode.startIndex, end: fn.resultNode.endIndex, text: `(${named})` }],
  };
}

/** `defer func() { if err != nil { record } }()` as lines with relative indentation. */
export function deferredRecorder(
  writer: SpanWriter,
  errorName: string,
  message: string,
  need: Need,
): string[] {
  return [
    'defer func() {',
    ...guarded(errorName, recordStatements(writer, errorName, message, need)).map((l) => `\t${l}`),
    '}()',
  ];
}
