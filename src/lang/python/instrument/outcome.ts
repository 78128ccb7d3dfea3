// The success outcome (`business.outcome = "success"`) on every normal exit: before each `return` and at
// the end of a body control can run off. A returned expression that runs code (a call, an await, an
// operator) is computed into a local first, so a failure there is never labelled a success.
import type { TextEdit } from '../../../edit/model.js';
import { type FunctionPlan, SkipFunction } from './function-plan.js';
import { hoistValue, linesAfter, linesBefore } from './statements.js';
import { type Node, ownByKeyword, terminates } from './syntax.js';

/** Values whose evaluation cannot fail: names, literals, displays and conditionals made of them. */
const INERT = new Set(['identifier', 'integer', 'float', 'true', 'false', 'none', 'ellipsis']);
const COMPOSITE = new Set([
  'tuple',
  'list',
  'set',
  'dictionary',
  'pair',
  'parenthesized_expression',
  'conditional_expression',
  'not_operator',
  'boolean_operator',
]);

function inert(value: Node): boolean {
  if (INERT.has(value.type)) return true;
  if (value.type === 'string') return !value.namedChildren.some((c) => c.type === 'interpolation');
  // `Status.DELIVERED`, `self.order`: a plain attribute read.
  if (value.type === 'attribute') return /^[A-Za-z_][\w.]*$/.test(value.text);
  if (COMPOSITE.has(value.type)) return value.namedChildren.every((c) => c.type === 'comment' || inert(c));
  return false;
}

/** Plans the outcome line on every normal exit; returns how many exits got one. */
export function planOutcome(plan: FunctionPlan, line: (span: string) => string): number {
  const { layout } = plan.file;
  const span = plan.spanVariable();
  const statement = line(span);
  const returnType = plan.node.childForFieldName('return_type');
  let annotation = returnType && !returnType.text.includes('\n') ? returnType.text : null;
  let result: string | null = null;
  let exits = 0;
  for (const ret of ownByKeyword(plan.node, 'return', 'return_statement')) {
    const value = ret.firstNamedChild;
    let edits: TextEdit[] | null;
    if (!value || inert(value)) {
      edits = linesBefore(ret, [statement], layout);
    } else {
      result ??= plan.fresh('result', 'return_value');
      // Annotated once (with the function's return type) so a type checker accepts every branch's value.
      const binding = annotation ? `${result}: ${annotation}` : result;
      annotation = null;
      edits = hoistValue(ret, value, binding, [statement], (n) => `return ${n}`, layout);
    }
    if (!edits)
      throw new SkipFunction(
        `line ${layout.lineOf(ret.startIndex) + 1} returns after another statement on the same line`,
      );
    plan.edits.push(...edits);
    exits++;
  }
  const last = plan.body.lastNamedChild;
  if (last && !terminates(plan.body)) {
    const indent = layout.indentOf(plan.body.firstNamedChild!.startIndex);
    if (layout.lineOf(last.startIndex) === layout.lineOf(plan.node.startIndex)) {
      throw new SkipFunction('the body is on the same line as the `def`');
    }
    plan.edits.push(...linesAfter(last, [statement], indent, layout));
    exits++;
  }
  return exits;
}
