// What a failure path does to the span, as the standards' error policy says: record the exception, set
// `error.type`, set status Error with a low-cardinality message (the error's type name, never its text).
import type { Standards } from '../../../standards/types.js';
import type { OtelRefs } from './module-setup.js';
import { type CodeStyle, quoted, semi } from './style.js';

export type ErrorPolicy = Standards['tracing']['error_policy'];

/** Whether a catch clause has anything to do under this policy. */
export function recordsFailures(policy: ErrorPolicy): boolean {
  return policy.record_exception || policy.set_status || policy.error_type_attribute;
}

/**
 * Statements that mark `span` failed with the error held in `error` (each one line, no indentation).
 * `errorType` is a fresh name for the type-name constant used when the name is needed twice, or null to
 * repeat the expression instead (where the statements may appear twice in one block).
 */
export function failureStatements(
  span: string,
  error: string,
  policy: ErrorPolicy,
  refs: OtelRefs,
  style: CodeStyle,
  errorType: string | null,
): string[] {
  const s = semi(style);
  const typeName = `${error} instanceof Error ? ${error}.name : ${quoted('Error', style)}`;
  const out: string[] = [];
  const typeUses = Number(policy.set_status) + Number(policy.error_type_attribute);
  const typeRef = typeUses > 1 && errorType ? errorType : typeName;
  if (typeRef === errorType) out.push(`const ${errorType} = ${typeName}${s}`);
  if (policy.record_exception)
    out.push(`${span}.recordException(${style.typescript ? `${error} as Error` : error})${s}`);
  if (policy.error_type_attribute)
    out.push(`${span}.setAttribute(${quoted('error.type', style)}, ${typeRef})${s}`);
  if (policy.set_status)
    out.push(`${span}.setStatus({ code: ${refs.statusCode}.ERROR, message: ${typeRef} })${s}`);
  return out;
}
