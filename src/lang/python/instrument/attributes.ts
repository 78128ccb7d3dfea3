// The values of the attributes the standards require, as Python expressions: `service.operation` from
// the function's name, `business.entity_id` from its id-like parameter (never one the PII deny-list
// names). Keys with no value we can know are returned as unknown so the plan reports them.

import type { Standards } from '../../../standards/types.js';
import type { FunctionFacts, ParamFacts } from '../../facts.js';
import { containsTerm, snakeCase } from '../../naming.js';
import { pyString, type Quote } from './syntax.js';

export interface AttributeValue {
  key: string;
  /** A Python expression. */
  value: string;
}

/** Types `span.set_attribute` takes as they are; anything else goes through `str()`. */
const PRIMITIVES = new Set(['str', 'int', 'float', 'bool']);
/** Sequences of those, which it also takes (`order_ids: list[str]`). */
const SEQUENCES =
  /^(?:list|List|Sequence|typing\.Sequence|collections\.abc\.Sequence|tuple|Tuple)\[(?:str|int)(?:,\s*\.\.\.)?\]$/;

function attributeValue(param: ParamFacts): string {
  const type = param.type ?? '';
  return PRIMITIVES.has(type) || SEQUENCES.test(type) ? param.name : `str(${param.name})`;
}

export function isPii(name: string, standards: Standards): boolean {
  return standards.pii.deny.some((term) => containsTerm(name, term));
}

/** The parameter to use as the business entity id: the first id-like one that is not PII. */
export function entityParameter(fn: FunctionFacts, standards: Standards): ParamFacts | null {
  return fn.params.find((p) => p.role === 'id' && !isPii(p.name, standards)) ?? null;
}

/** The required keys for this function (those that apply), in the standards' order. */
export function requiredKeys(fn: FunctionFacts, standards: Standards): string[] {
  const hasId = fn.params.some((p) => p.role === 'id');
  return standards.tracing.required_attributes
    .filter((a) => a.when === 'always' || (a.when === 'id_parameter' && hasId))
    .map((a) => a.name);
}

export function attributeValues(
  fn: FunctionFacts,
  keys: readonly string[],
  standards: Standards,
  quote: Quote,
): { values: AttributeValue[]; unknown: { key: string; why: string }[] } {
  const values: AttributeValue[] = [];
  const unknown: { key: string; why: string }[] = [];
  for (const key of keys) {
    if (key === 'service.operation') {
      values.push({ key, value: pyString(snakeCase(fn.name), quote) });
    } else if (key === 'business.entity_id') {
      const param = entityParameter(fn, standards);
      if (param) values.push({ key, value: attributeValue(param) });
      else unknown.push({ key, why: 'its only id-like parameters are on the PII deny-list' });
    } else {
      unknown.push({ key, why: 'otelwright cannot know its value; set it by hand' });
    }
  }
  return { values, unknown };
}

export function setAttributeLine(span: string, attribute: AttributeValue, quote: Quote): string {
  return `${span}.set_attribute(${pyString(attribute.key, quote)}, ${attribute.value})`;
}
