// A constant status message for each failure exit: the author's own words where the code has them, else
// the call that failed, else the function. For a wrapped cause the failing call says more than the
// wrapper's prefix.
import type { Node } from '../parser.js';
import type { Exit } from './exit-shapes.js';
import type { GoFunction } from './function-model.js';
import { stringLiteralValue } from './go-literal.js';
import {
  bestWords,
  calleeLabel,
  constructorWords,
  failedMessage,
  formatWords,
  lastAssigningCall,
} from './status-message.js';

/** `ctx.Err()` failing means the caller gave up: say so rather than "ctx.Err failed". */
function isContextErr(label: string, fn: GoFunction): boolean {
  return fn.params.some((p) => p.name !== null && label === `${p.name}.Err` && /(^|\.)Context$/.test(p.type));
}

function labelOfAssignment(fn: GoFunction, name: string, before: number): string | null {
  const call = lastAssigningCall(fn, name, before);
  const label = call ? calleeLabel(call, fn) : null;
  if (label && isContextErr(label, fn)) return 'context done';
  return label ? failedMessage(label) : null;
}

function labelOfCall(fn: GoFunction, call: Node): string | null {
  const label = call.type === 'call_expression' ? calleeLabel(call, fn) : null;
  return label ? failedMessage(label) : null;
}

/** `&ValidationError{...}` → "ValidationError". */
function compositeMessage(error: Node): string | null {
  const lit = error.type === 'unary_expression' ? error.namedChildren[0] : error;
  const type = lit?.type === 'composite_literal' ? lit.childForFieldName('type')?.text : undefined;
  return type ? type.replace(/^.*\./, '') : null;
}

export function exitMessage(
  exit: Exit,
  fn: GoFunction,
  sentinelMessages: ReadonlyMap<string, string>,
): string {
  const fallback = failedMessage(fn.name);
  const shape = exit.shape;
  const start = exit.node.startIndex;
  switch (shape.kind) {
    case 'cause': {
      const words = constructorWords(shape.error);
      return (
        words?.verbFree ??
        sentinelMessages.get(shape.cause) ??
        (/^(\w+\.)?Err/.test(shape.cause) ? shape.cause : null) ??
        labelOfAssignment(fn, shape.cause, start) ??
        words?.template ??
        fallback
      );
    }
    case 'construct': {
      const words = shape.error.type === 'call_expression' ? constructorWords(shape.error) : null;
      return (words ? bestWords(words) : null) ?? compositeMessage(shape.error) ?? fallback;
    }
    case 'value': {
      const sentinel = sentinelMessages.get(shape.error.text);
      if (sentinel !== undefined) return sentinel;
      if (shape.error.type !== 'identifier' || /^Err/.test(shape.error.text))
        return shape.error.text.replace(/\s+/g, '');
      return labelOfAssignment(fn, shape.error.text, start) ?? fallback;
    }
    case 'call':
      return labelOfCall(fn, shape.error) ?? fallback;
    case 'spread':
      return labelOfCall(fn, shape.call) ?? fallback;
    case 'panic': {
      const literal = shape.argument ? stringLiteralValue(shape.argument.text) : null;
      return literal !== null && literal.trim() !== '' ? bestWords(formatWords(literal)) : 'panic';
    }
    default:
      return fallback;
  }
}
