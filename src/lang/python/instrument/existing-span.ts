// Finding a span the function already starts (decorator, `with`, or `span = tracer.start_span(...)`) and
// the name its code can use for it, and adding the missing required attributes to it.

import type { Standards } from '../../../standards/types.js';
import type { SpanFacts } from '../../facts.js';
import { attributeValues, setAttributeLine } from './attributes.js';
import { type FunctionPlan, SkipFunction } from './function-plan.js';
import { linesAfter, linesBefore } from './statements.js';
import type { Node } from './syntax.js';

export type SpanSite =
  | { kind: 'decorator'; facts: SpanFacts; call: Node }
  | { kind: 'with'; facts: SpanFacts; call: Node; item: Node; statement: Node }
  | { kind: 'assigned'; facts: SpanFacts; call: Node; statement: Node; variable: string };

export function locateSpan(plan: FunctionPlan, facts: SpanFacts): SpanSite | null {
  const { layout } = plan.file;
  const index = layout.startOfLine(facts.line) + facts.column - 1;
  let call: Node | null = plan.node.tree.rootNode.descendantForIndex(index, index + 1);
  while (call && !(call.type === 'call' && call.startIndex === index)) call = call.parent;
  if (!call) return null;
  const parent = call.parent;
  if (parent?.type === 'decorator') return { kind: 'decorator', facts, call };
  const item =
    parent?.type === 'with_item'
      ? parent
      : parent?.type === 'as_pattern' && parent.parent?.type === 'with_item'
        ? parent.parent
        : null;
  if (item) {
    let statement: Node | null = item;
    while (statement && statement.type !== 'with_statement') statement = statement.parent;
    if (statement) return { kind: 'with', facts, call, item, statement };
  }
  if (parent?.type === 'assignment' && parent.parent?.type === 'expression_statement') {
    const variable = parent.childForFieldName('left')?.text ?? '';
    if (/^[\w.]+$/.test(variable))
      return { kind: 'assigned', facts, call, statement: parent.parent, variable };
  }
  return null;
}

/** The variable code inside the span can use for it, binding one (`as span`) where there is none. */
export function spanVariableOf(plan: FunctionPlan, site: SpanSite): string {
  if (site.kind === 'decorator') return plan.spanVariable();
  if (site.kind === 'assigned') return site.variable;
  const value = site.item.childForFieldName('value');
  if (value?.type === 'as_pattern') {
    const alias = value.childForFieldName('alias')?.text ?? '';
    if (/^[A-Za-z_]\w*$/.test(alias)) return alias;
    throw new SkipFunction(`the span is bound to \`${alias}\`, not a plain name`);
  }
  return plan.once(`alias:${site.call.startIndex}`, () => {
    const name = plan.fresh('span', 'current_span', 'otel_span');
    plan.edits.push({ start: site.call.endIndex, end: site.call.endIndex, text: ` as ${name}` });
    return name;
  });
}

/** Adds the missing required attributes to the function's existing span. */
export function planMissingAttributes(
  plan: FunctionPlan,
  site: SpanSite,
  keys: readonly string[],
  standards: Standards,
): { added: string[]; unknown: { key: string; why: string }[] } {
  const { layout, quote } = plan.file;
  const { values, unknown } = attributeValues(plan.fn, keys, standards, quote);
  if (values.length === 0) return { added: [], unknown };
  const span = spanVariableOf(plan, site);
  const lines = values.map((v) => setAttributeLine(span, v, quote));
  if (site.kind === 'decorator') {
    plan.addTopLines(lines);
  } else if (site.kind === 'assigned') {
    plan.edits.push(...linesAfter(site.statement, lines, layout.indentOf(site.statement.startIndex), layout));
  } else {
    const first = site.statement.childForFieldName('body')?.firstNamedChild;
    const edits = first ? linesBefore(first, lines, layout) : null;
    if (!edits) throw new SkipFunction('the with-block body shares its line with other statements');
    plan.edits.push(...edits);
  }
  return { added: values.map((v) => v.key), unknown };
}
