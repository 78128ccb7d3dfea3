// The attributes the standards require on a function's span, with the expressions that give their values:
// `service.operation` from the function name, id attributes from an id-like parameter (never one whose
// name is on the PII deny-list).

import type { Standards } from '../../../standards/types.js';
import type { FunctionFacts, ParamFacts } from '../../facts.js';
import { containsTerm, isIdLike, snakeCase } from '../../naming.js';
import { type CodeStyle, quoted } from './style.js';

export interface AttributeValue {
  key: string;
  value: string;
}

export interface RequiredAttributes {
  values: AttributeValue[];
  /** Required keys no value can be given for, with why. */
  unfilled: { key: string; reason: string }[];
}

const OPERATION_KEY = 'service.operation';

export function requiredAttributes(
  fn: FunctionFacts,
  standards: Standards,
  style: CodeStyle,
): RequiredAttributes {
  const values: AttributeValue[] = [];
  const unfilled: { key: string; reason: string }[] = [];
  const id = entityId(fn, standards, style);
  for (const required of standards.tracing.required_attributes) {
    if (required.when === 'id_parameter') {
      if (id.value !== null) values.push({ key: required.name, value: id.value });
      else if (id.reason !== null) unfilled.push({ key: required.name, reason: id.reason });
    } else if (required.name === OPERATION_KEY) {
      values.push({ key: required.name, value: quoted(snakeCase(fn.name), style) });
    } else {
      unfilled.push({
        key: required.name,
        reason: `no value is known for the required attribute ${required.name}`,
      });
    }
  }
  return { values, unfilled };
}

/** The id-like parameter's value as an attribute value; `reason` says why there is none when one was expected. */
function entityId(
  fn: FunctionFacts,
  standards: Standards,
  style: CodeStyle,
): { value: string | null; reason: string | null } {
  const candidates = fn.params
    .filter((p) => p.role === 'id')
    .flatMap((p) => bindings(p).map((name) => ({ name, param: p })));
  if (candidates.length === 0) return { value: null, reason: null };
  const denied = (name: string) => deniedBy(standards.pii.deny, name);
  const chosen = candidates.find((c) => !denied(c.name));
  if (!chosen) {
    const names = candidates.map((c) => c.name).join(', ');
    return {
      value: null,
      reason: `the id parameter ${names} is on the PII deny-list, so it is not recorded`,
    };
  }
  return { value: attributeValue(chosen.name, chosen.param, style), reason: null };
}

// Parameter names repeat across a code base (`orderId`, `id`): remember the verdict per deny-list.
const verdicts = new WeakMap<readonly string[], Map<string, boolean>>();

function deniedBy(deny: readonly string[], name: string): boolean {
  let known = verdicts.get(deny);
  if (!known) {
    known = new Map();
    verdicts.set(deny, known);
  }
  let verdict = known.get(name);
  if (verdict === undefined) {
    verdict = deny.some((term) => containsTerm(name, term));
    known.set(name, verdict);
  }
  return verdict;
}

/** `orderId`, or the id-like names a destructuring parameter binds (`{ orderId }` → `orderId`). */
function bindings(param: ParamFacts): string[] {
  if (!/^[{[]/.test(param.name)) return [param.name];
  const names = param.name
    .replace(/[\p{ID_Start}$_][\p{ID_Continue}$]*\s*:(?!:)/gu, '')
    .split(/[^\p{ID_Continue}$]+/u)
    .filter((w) => w.length > 0 && !/^\d/.test(w));
  return names.filter(isIdLike);
}

const PRIMITIVE =
  /^(string|number|boolean|'[^']*'|"[^"]*"|`[^`]*`|-?\d[\d_.]*|(?:string|number|boolean)\[\]|(?:Readonly)?Array<(?:string|number|boolean)>)$/;

/**
 * Attribute values must be strings, numbers, booleans or arrays of them: a parameter typed so is used as
 * is (`?? undefined` drops a null), anything else (a branded id, an ObjectId, a bigint) as `String(id)`.
 */
function attributeValue(name: string, param: ParamFacts, style: CodeStyle): string {
  if (!style.typescript) return name;
  const type = param.name === name ? param.type : propertyType(param.type, name);
  if (type === null) return name;
  const parts = splitUnion(type);
  const nullable = parts.includes('null');
  const rest = parts.filter((p) => p !== 'null' && p !== 'undefined');
  if (rest.length > 0 && rest.every((p) => PRIMITIVE.test(p)))
    return nullable ? `${name} ?? undefined` : name;
  return `String(${name})`;
}

/** The type of `name` in a destructured parameter's object type (`{ orderId: string }`), when written. */
function propertyType(type: string | null, name: string): string | null {
  if (type === null) return null;
  const m = new RegExp(`(?:^|[{;,\\s])${name}\\??\\s*:\\s*([^;,}]+)`).exec(type);
  return m ? (m[1] as string).trim() : '';
}

function splitUnion(type: string): string[] {
  return type
    .replace(/^\(|\)$/g, '')
    .split('|')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}
