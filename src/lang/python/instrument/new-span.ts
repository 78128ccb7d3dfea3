// A new span for a function that has none, written as the decorator `@tracer.start_as_current_span(name)`
// directly above the `def`: the body keeps its indentation (multi-line strings and all), the span is the
// current span for everything the function calls, and it ends, records the exception and sets status
// Error on the way out. Attributes that depend on arguments are set at the top of the body.
//
// The decorator sits closest to the `def`, under @staticmethod/@classmethod/@property (which must wrap a
// plain function) and under route decorators (so the framework registers the traced function). It keeps
// `__name__`, `__doc__`, `__wrapped__` and so the signature (functools.wraps), and wraps `async def` in an
// `async def` (opentelemetry-api >= 1.24.0), so frameworks that inspect the function see the original.
import type { Standards } from '../../../standards/types.js';
import { attributeValues, setAttributeLine } from './attributes.js';
import { type FunctionPlan, SkipFunction } from './function-plan.js';
import { planOutcome } from './outcome.js';
import { type Node, ownByKeyword, pyString } from './syntax.js';

/** Decorators that compile or inspect the function's code object: they must receive the original. */
const CODE_DECORATORS = /(^|\.)(jit|njit|vectorize|guvectorize|cfunc|stencil|script)$|^cython\./;
/** Code that looks at its own call stack sees one more frame under a wrapper. */
const FRAME_INSPECTION = /(?:\b_getframe|\bcurrentframe|\binspect\.stack)\s*\(/;

export interface NewSpan {
  spanName: string;
  tracer: string;
  standards: Standards;
  /** Required attribute keys to set. */
  keys: string[];
}

export interface NewSpanResult {
  attributes: string[];
  unknown: { key: string; why: string }[];
  outcomeExits: number;
}

function decoratorsOf(fn: Node): Node[] {
  const parent = fn.parent;
  return parent?.type === 'decorated_definition'
    ? parent.namedChildren.filter((c) => c.type === 'decorator')
    : [];
}

function calleeOf(decorator: Node): string {
  const expr = decorator.firstNamedChild;
  const callee = expr?.type === 'call' ? expr.childForFieldName('function') : expr;
  return (callee?.text ?? '').replace(/\s+/g, '');
}

/** A class body that binds `name` would answer the decorator's lookup instead of the module. */
function shadowedInClass(fn: Node, name: string): boolean {
  for (let p = fn.parent; p; p = p.parent) {
    if (p.type === 'function_definition') return false;
    if (p.type !== 'class_definition') continue;
    const body = p.childForFieldName('body');
    for (const statement of body?.namedChildren ?? []) {
      const assignment = statement.type === 'expression_statement' ? statement.firstNamedChild : null;
      if (assignment?.type === 'assignment' && assignment.childForFieldName('left')?.text === name)
        return true;
      const def =
        statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
      if (
        (def?.type === 'function_definition' || def?.type === 'class_definition') &&
        def.childForFieldName('name')?.text === name
      )
        return true;
    }
  }
  return false;
}

export function planNewSpan(plan: FunctionPlan, spec: NewSpan): NewSpanResult {
  const { layout, quote } = plan.file;
  const { fn, node } = plan;
  if (fn.generator || ownByKeyword(node, 'yield', 'yield').length > 0) {
    throw new SkipFunction(
      `${fn.async ? 'async ' : ''}generator: a decorator or with-block would end the span when the generator object is created or suspended, not when it is consumed; trace the caller that iterates it`,
    );
  }
  const code = decoratorsOf(node).find((d) => CODE_DECORATORS.test(calleeOf(d)));
  if (code)
    throw new SkipFunction(
      `@${calleeOf(code)} compiles the function itself and cannot take a traced wrapper`,
    );
  if (FRAME_INSPECTION.test(plan.body.text))
    throw new SkipFunction('the function inspects its call stack, which a wrapper would change');
  if (!layout.startsLine(node.startIndex)) throw new SkipFunction('the `def` does not start its line');
  if (shadowedInClass(node, spec.tracer)) {
    throw new SkipFunction(
      `the class body binds \`${spec.tracer}\`, which would shadow the module tracer in a decorator`,
    );
  }

  const indent = layout.indentOf(node.startIndex);
  const decorator = `${indent}@${spec.tracer}.start_as_current_span(${pyString(spec.spanName, quote)})${layout.eol}`;
  const at = layout.lineStart(node.startIndex);
  plan.edits.push({ start: at, end: at, text: decorator });

  const { values, unknown } = attributeValues(fn, spec.keys, spec.standards, quote);
  if (values.length > 0) {
    const span = plan.spanVariable();
    plan.addTopLines(values.map((v) => setAttributeLine(span, v, quote)));
  }
  const outcomeKey = spec.standards.tracing.outcome_attribute;
  const outcomeExits = outcomeKey
    ? planOutcome(plan, (span) =>
        setAttributeLine(span, { key: outcomeKey, value: pyString('success', quote) }, quote),
      )
    : 0;
  return { attributes: values.map((v) => v.key), unknown, outcomeExits };
}
