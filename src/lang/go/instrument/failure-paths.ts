// Records the error on each failure path in place, without evaluating anything twice or changing what is
// returned. Paths that cannot be recorded in place (tail calls without --unsafe, bare returns, an error
// built after operands with side effects) are handed back: the caller then records in a deferred closure.
import type { TextEdit } from '../../../edit/model.js';
import type { Node } from '../parser.js';
import { exitMessage } from './exit-messages.js';
import { type Exit, sideEffectFree } from './exit-shapes.js';
import type { GoFunction } from './function-model.js';
import {
  guarded,
  insertBefore,
  type Need,
  outcomeStatement,
  recordStatements,
  type SpanWriter,
} from './recording.js';
import { hoist, splitErrorOnly, splitSpread } from './rewrites.js';

export interface PathsInput {
  text: string;
  fn: GoFunction;
  writer: SpanWriter;
  unsafe: boolean;
  /** The exits to complete, with what each lacks. */
  exits: { exit: Exit; need: Need }[];
  /** Set this attribute to "success" before each `return ..., nil` (new spans, when the standards ask). */
  outcomeKey: string | null;
  /** A deferred recorder covers every return: only panics and the success outcome are written in place. */
  deferredRecorder: boolean;
  /** Messages of the file's sentinel errors, by variable name. */
  sentinelMessages: ReadonlyMap<string, string>;
}

export interface PathsResult {
  edits: TextEdit[];
  /** Failure paths recorded in place. */
  recorded: number;
  /** Exits only a deferred recorder can see. */
  deferred: Exit[];
}

/** `if err != nil { span.RecordError(err) ... }` right before the return: our own guarded form, already there. */
function recordedJustBefore(exit: Node, error: string, span: string): boolean {
  let previous = exit.previousNamedSibling;
  while (previous?.type === 'comment') previous = previous.previousNamedSibling;
  if (previous?.type !== 'if_statement') return false;
  const condition = previous.childForFieldName('condition')?.text.replace(/\s+/g, ' ').trim();
  const body = previous.childForFieldName('consequence')?.text.replace(/\s+/g, '') ?? '';
  return (
    condition === `${error} != nil` &&
    (body.includes(`${span}.RecordError(${error})`) || body.includes(`${span}.SetStatus(`))
  );
}

/** True when the exit's error can be recorded right where it is returned. */
export function recordableInPlace(exit: Exit, unsafe: boolean): boolean {
  const othersPure = exit.operands.slice(0, -1).every(sideEffectFree);
  switch (exit.shape.kind) {
    case 'bare':
      return false;
    case 'construct':
      return othersPure;
    case 'call':
      return unsafe && othersPure;
    case 'spread':
      return unsafe;
    default:
      return true;
  }
}

export function recordPaths(input: PathsInput): PathsResult {
  const { text, writer, unsafe, fn } = input;
  const rewrite = { text, fn, writer, outcomeKey: input.outcomeKey };
  const result: PathsResult = { edits: [], recorded: 0, deferred: [] };
  for (const { exit, need } of input.exits) {
    const shape = exit.shape;
    const message = exitMessage(exit, fn, input.sentinelMessages);
    const before = (lines: string[]) => result.edits.push(insertBefore(text, exit.node.startIndex, lines));
    if (shape.kind === 'success') {
      if (input.outcomeKey) before([outcomeStatement(writer, input.outcomeKey)]);
      continue;
    }
    if (shape.kind !== 'panic' && (input.deferredRecorder || !recordableInPlace(exit, unsafe))) {
      result.deferred.push(exit);
      continue;
    }
    switch (shape.kind) {
      case 'panic': {
        const record = recordStatements(writer, null, message, need);
        if (record.length === 0) continue;
        before(record);
        break;
      }
      case 'value': {
        const error = text.slice(shape.error.startIndex, shape.error.endIndex);
        const record = recordStatements(writer, error, message, need);
        if (record.length === 0 || (!shape.nonNil && recordedJustBefore(exit.node, error, writer.span)))
          continue;
        before(shape.nonNil ? record : guarded(error, record));
        break;
      }
      case 'cause': {
        const record = recordStatements(writer, shape.cause, message, need);
        if (record.length === 0) continue;
        before(record);
        break;
      }
      case 'construct':
        result.edits.push(...hoist(rewrite, exit, shape.error, shape.nonNil, need, message));
        break;
      case 'call':
        if (fn.results.length === 1)
          result.edits.push(splitErrorOnly(rewrite, exit, shape.error, need, message));
        else result.edits.push(...hoist(rewrite, exit, shape.error, false, need, message));
        break;
      case 'spread':
        result.edits.push(splitSpread(rewrite, exit, shape.call, need, message));
        break;
    }
    result.recorded++;
  }
  return result;
}
