// The standards' required span attributes, as Go expressions: `service.operation` from the function name,
// the entity id from an id-like parameter of a basic type (never one whose name is on the PII deny-list).

import type { Standards } from '../../../standards/types.js';
import type { FunctionFacts } from '../../facts.js';
import { containsTerm, snakeCase } from '../../naming.js';
import type { Node } from '../parser.js';
import type { GoFunction } from './function-model.js';
import { goString } from './go-literal.js';

export interface PlannedAttribute {
  key: string;
  /** `attribute.String("k", v)`, given the attribute package's local name. */
  render(attribute: string): string;
  /** For summaries: `orderID`, `"process_payment"`. */
  source: string;
}

export interface AttributeChoice {
  attributes: PlannedAttribute[];
  skipped: { key: string; reason: string }[];
}

const OPERATION_KEY = 'service.operation';

/** Named types of this file whose underlying type is basic (`type OrderID string`): name → underlying. */
export function basicNamedTypes(root: Node): Map<string, string> {
  const out = new Map<string, string>();
  for (const spec of root.namedChildren
    .filter((d) => d.type === 'type_declaration')
    .flatMap((d) => d.namedChildren)) {
    const name = spec.childForFieldName('name')?.text;
    const type = spec.childForFieldName('type');
    if (name && type?.type === 'type_identifier' && BASIC.has(type.text)) out.set(name, type.text);
  }
  return out;
}

const INTS = [
  'int8',
  'int16',
  'int32',
  'uint',
  'uint8',
  'uint16',
  'uint32',
  'uint64',
  'uintptr',
  'byte',
  'rune',
];
const BASIC = new Set(['string', 'int', 'int64', ...INTS]);

function attributeValue(
  name: string,
  type: string,
  named: ReadonlyMap<string, string>,
): ((key: string, attribute: string) => string) | null {
  const underlying = named.get(type);
  if (type === 'string') return (k, a) => `${a}.String(${goString(k)}, ${name})`;
  if (type === 'int') return (k, a) => `${a}.Int(${goString(k)}, ${name})`;
  if (type === 'int64') return (k, a) => `${a}.Int64(${goString(k)}, ${name})`;
  if (INTS.includes(type)) return (k, a) => `${a}.Int64(${goString(k)}, int64(${name}))`;
  if (underlying === 'string') return (k, a) => `${a}.String(${goString(k)}, string(${name}))`;
  if (underlying !== undefined) return (k, a) => `${a}.Int64(${goString(k)}, int64(${name}))`;
  return null;
}

function isPii(name: string, standards: Standards): boolean {
  return standards.pii.deny.some((term) => containsTerm(name, term));
}

/** The attributes among `keys` (default: every required one that applies) this function can be given. */
export function chooseAttributes(
  facts: FunctionFacts,
  fn: GoFunction,
  standards: Standards,
  named: ReadonlyMap<string, string>,
  keys: readonly string[] | null,
): AttributeChoice {
  const choice: AttributeChoice = { attributes: [], skipped: [] };
  const idParams = facts.params.filter((p) => p.role === 'id');
  for (const required of standards.tracing.required_attributes) {
    if (keys !== null && !keys.includes(required.name)) continue;
    if (required.when === 'id_parameter') {
      if (idParams.length === 0) continue;
      const usable = idParams.filter((p) => !isPii(p.name, standards));
      const typed = usable
        .map((p) => ({
          p,
          value: attributeValue(p.name, fn.params.find((m) => m.name === p.name)?.type ?? '', named),
        }))
        .find((c) => c.value !== null);
      if (typed?.value) {
        const value = typed.value;
        choice.attributes.push({
          key: required.name,
          render: (a) => value(required.name, a),
          source: typed.p.name,
        });
      } else {
        const reason =
          usable.length === 0
            ? `the id parameter ${idParams.map((p) => p.name).join(', ')} is on the PII deny-list`
            : `the id parameter ${usable.map((p) => `${p.name} (${p.type ?? 'untyped'})`).join(', ')} is not a string or integer; add ${required.name} by hand (its String method, say)`;
        choice.skipped.push({ key: required.name, reason });
      }
      continue;
    }
    if (required.name === OPERATION_KEY) {
      const value = snakeCase(facts.name);
      choice.attributes.push({
        key: OPERATION_KEY,
        render: (a) => `${a}.String(${goString(OPERATION_KEY)}, ${goString(value)})`,
        source: goString(value),
      });
    } else {
      choice.skipped.push({
        key: required.name,
        reason: `otelwright has no value for the required attribute ${required.name}; set it where the value is known`,
      });
    }
  }
  return choice;
}
