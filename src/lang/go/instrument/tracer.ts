// Which tracer a new span starts from: the receiver's own `trace.Tracer` field when the file shows it is
// initialised (`s.tracer`), else the package-level tracer the pipeline chose for the package.
import type { TextEdit } from '../../../edit/model.js';
import type { PlanRequest } from '../../../instrument/types.js';
import type { Node } from '../parser.js';
import type { GoFunction } from './function-model.js';
import { goString } from './go-literal.js';

/** Struct type name → name of its initialised tracer field, for the structs declared in this file. */
export function tracerFields(root: Node, traceImport: string | null): Map<string, string> {
  const fields = new Map<string, string>();
  if (traceImport === null) return fields;
  const initialised = initialisedFields(root);
  for (const spec of root.namedChildren
    .filter((d) => d.type === 'type_declaration')
    .flatMap((d) => d.namedChildren)) {
    const typeName = spec.childForFieldName('name')?.text;
    const struct = spec.childForFieldName('type');
    if (!typeName || struct?.type !== 'struct_type') continue;
    for (const field of struct.descendantsOfType('field_declaration')) {
      if (field.childForFieldName('type')?.text.replace(/\s+/g, '') !== `${traceImport}.Tracer`) continue;
      const name = field
        .childrenForFieldName('name')
        .find((n) => initialised.has(`${typeName}.${n.text}`) || initialised.has(`*.${n.text}`));
      if (name) {
        fields.set(typeName, name.text);
        break;
      }
    }
  }
  return fields;
}

/** `Type.field` for keyed composite literals of Type, `*.field` for assignments `x.field = ...`. */
function initialisedFields(root: Node): Set<string> {
  const out = new Set<string>();
  for (const lit of root.descendantsOfType('composite_literal')) {
    const type = lit.childForFieldName('type')?.text.replace(/\[.*$/s, '');
    const body = lit.childForFieldName('body');
    if (!type || !body) continue;
    for (const el of body.namedChildren) {
      if (el.type === 'keyed_element') {
        const key = el.namedChildren[0]?.text.trim();
        if (key) out.add(`${type}.${key}`);
      }
    }
  }
  for (const assign of root.descendantsOfType('assignment_statement')) {
    for (const target of assign.childForFieldName('left')?.namedChildren ?? []) {
      const field =
        target.type === 'selector_expression' ? target.childForFieldName('field')?.text : undefined;
      if (field) out.add(`*.${field}`);
    }
  }
  return out;
}

export interface TracerChoice {
  /** What to call `.Start` on: `tracer`, `s.tracer`. */
  expression: string;
  /** The package-level tracer is used (so it must exist). */
  packageLevel: boolean;
}

export function chooseTracer(
  fn: GoFunction,
  fields: ReadonlyMap<string, string>,
  tracer: PlanRequest['tracer'],
): TracerChoice {
  const receiver = fn.receiver;
  if (receiver?.name && receiver.name !== '_') {
    const type = receiver.type.replace(/^\*\s*/, '').replace(/\[.*$/s, '');
    const field = fields.get(type);
    if (field) return { expression: `${receiver.name}.${field}`, packageLevel: false };
  }
  return { expression: tracer.existing ?? tracer.name, packageLevel: true };
}

/** `var tracer = otel.Tracer("<import path>")`, placed after the imports. */
export function tracerDeclaration(at: number, name: string, otel: string, scopeName: string): TextEdit {
  return { start: at, end: at, text: `\n\nvar ${name} = ${otel}.Tracer(${goString(scopeName)})` };
}
