// What kind of expression names a span: a literal, a constant, or something built at run time.
import type { SpanNameKind } from '../facts.js';
import { lastAssignment } from './assignments.js';
import { constantString } from './declarations.js';
import { calleeOfExpression } from './expressions.js';
import type { GoFile } from './model.js';
import { shorten, splitTopLevel, stringValue } from './scan.js';

export interface SpanName {
  nameKind: SpanNameKind;
  nameText: string;
}

/** Classifies an expression's shape, without following local variables. */
function shapeOf(file: GoFile, t: string): SpanName {
  const literal = stringValue(t);
  if (literal !== null) return { nameKind: 'literal', nameText: literal };
  const constant = constantString(t, file.constants);
  if (constant !== null) return { nameKind: 'constant', nameText: constant };
  // `spans.ProcessPayment`: an exported name of another package is a constant we cannot see into.
  const qualified = /^([\p{L}_][\p{L}\p{Nd}_]*)\.(\p{Lu}[\p{L}\p{Nd}_]*)$/u.exec(t);
  if (qualified && file.imports.isPackage(qualified[1] as string))
    return { nameKind: 'constant', nameText: t };
  if (splitTopLevel(t, 0, t.length, '+').length > 1)
    return { nameKind: 'concatenation', nameText: shorten(t) };
  const callee = calleeOfExpression(t);
  const [pkg, fn] = callee?.split('.') ?? [];
  if (pkg && fn && file.imports.is(pkg, 'fmt') && /^Sprint/.test(fn))
    return { nameKind: 'format-call', nameText: shorten(t) };
  return { nameKind: 'expression', nameText: shorten(t) };
}

/**
 * The span name argument `expr`, found at index `at` in a function whose body starts at `from`. A local
 * variable is classified by what was last assigned to it (`name := "orders." + kind` is a concatenation).
 */
export function spanNameOf(file: GoFile, expr: string, from: number, at: number): SpanName {
  const t = expr.trim();
  const shape = shapeOf(file, t);
  if (shape.nameKind !== 'expression' || !/^[\p{L}_][\p{L}\p{Nd}_]*$/u.test(t)) return shape;
  const assigned = lastAssignment(file.text, t, from, at);
  if (!assigned) return shape;
  const value = shapeOf(file, assigned.value);
  return value.nameKind === 'literal'
    ? { nameKind: 'constant', nameText: value.nameText }
    : value.nameKind === 'expression'
      ? shape
      : value;
}
