// A span for a function that has none:
//
//	ctx, span := tracer.Start(ctx, "orders.ProcessPayment", trace.WithAttributes(
//		attribute.String("service.operation", "process_payment"),
//		attribute.String("business.entity_id", orderID),
//	))
//	defer span.End()
//
// then the error recorded on every failure path, in place where that is exact, else in a deferred
// closure over the (named) error result; `business.outcome` set before each successful return.
import type { Gap } from '../../../audit/model.js';
import type { FunctionFacts } from '../../facts.js';
import { chooseAttributes, type PlannedAttribute } from './attributes.js';
import { contextSource } from './context-source.js';
import { deferredRecorder, nameErrorResult } from './deferred-recorder.js';
import { exitsOf } from './exit-shapes.js';
import { recordableInPlace, recordPaths } from './failure-paths.js';
import { emptyPlan, type FileContext, type FunctionPlan, shadowedPackage } from './file-context.js';
import { declaredNames, type GoFunction, hasNamedResults, returnsError } from './function-model.js';
import { goString } from './go-literal.js';
import { freshName } from './names.js';
import type { SpanWriter } from './recording.js';
import { failedMessage } from './status-message.js';
import { chooseTracer, type TracerChoice } from './tracer.js';

function startStatement(
  assignTo: string,
  span: string,
  tracer: string,
  parent: string,
  name: string,
  attributes: PlannedAttribute[],
  ctx: FileContext,
): string[] {
  const head = `${assignTo}, ${span} := ${tracer}.Start(${parent}, ${goString(name)}`;
  if (attributes.length === 0) return [`${head})`];
  const attribute = ctx.imports.use('attribute');
  return [
    `${head}, ${ctx.imports.use('trace')}.WithAttributes(`,
    ...attributes.map((a) => `\t${a.render(attribute)},`),
    '))',
  ];
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * The tracer for a span in `fn`: `outer`'s receiver field when `fn` is a literal of `outer` (a handler
 * factory's) that still sees the receiver, else the package tracer.
 */
function tracerFor(ctx: FileContext, fn: GoFunction, outer: GoFunction): TracerChoice {
  const choice = chooseTracer(outer, ctx.tracerFields, ctx.request.tracer);
  const receiver = outer.receiver?.name;
  if (outer === fn || choice.packageLevel || !receiver || !declaredNames(fn).has(receiver)) return choice;
  return chooseTracer(fn, ctx.tracerFields, ctx.request.tracer);
}

/**
 * Why `fn` cannot take a new span, or null. Decided before anything is planned (no import is used yet),
 * so a caller planning several functions as one (a factory's literals) can refuse them all cleanly.
 */
export function newSpanRefusal(ctx: FileContext, fn: GoFunction, outer: GoFunction = fn): string | null {
  if (!contextSource(fn, ctx.imports))
    return 'missing_context: the function takes no context.Context, *http.Request or framework context, so a span here could only be an orphan root; add a ctx parameter first';
  const tracer = tracerFor(ctx, fn, outer);
  if (tracer.packageLevel && declaredNames(outer).has(tracer.expression))
    return `a local ${tracer.expression} hides the package tracer ${tracer.expression}; rename it first`;
  const shadowed = shadowedPackage(outer, ctx.imports, ['trace', 'attribute', 'codes']);
  if (shadowed) return `a local ${shadowed} hides the imported package ${shadowed}; rename it first`;
  return null;
}

/**
 * Plans the span of `fn`. `outer` is the declared function `fn` belongs to when `fn` is a function literal
 * (the handler a factory returns): the literal sees its receiver, parameters and locals, so the tracer,
 * the attributes and the names the new code must not be hidden by come from it.
 */
export function planNewSpan(
  ctx: FileContext,
  fn: GoFunction,
  facts: FunctionFacts,
  gap: Gap,
  outer: GoFunction = fn,
): FunctionPlan {
  const plan = emptyPlan();
  const { request, text, imports } = ctx;
  const refusal = newSpanRefusal(ctx, fn, outer);
  const source = contextSource(fn, imports);
  if (refusal || !source) {
    const reason = refusal ?? 'no context source';
    plan.skipped.push({ function: facts.qualifiedName, line: facts.line, gapType: 'missing_span', reason });
    return plan;
  }
  const tracer = tracerFor(ctx, fn, outer);

  const span = freshName(['span', 'otelSpan'], fn.identifiers);
  const writer: SpanWriter = { span, policy: request.standards.tracing.error_policy, imports };
  const chosen = chooseAttributes(facts, outer, request.standards, ctx.namedTypes, null);
  if (outer !== fn) {
    // An id parameter of the factory the literal hides under the same name is not the one to record.
    const hidden = chosen.attributes.filter((a) => declaredNames(fn).has(a.source));
    chosen.attributes = chosen.attributes.filter((a) => !hidden.includes(a));
    for (const a of hidden)
      chosen.skipped.push({
        key: a.key,
        reason: `the handler the factory returns declares its own ${a.source}, hiding the factory's parameter`,
      });
  }
  for (const s of chosen.skipped) {
    plan.skipped.push({
      function: facts.qualifiedName,
      line: facts.line,
      gapType: 'missing_attributes',
      reason: `${s.key} not set: ${s.reason}`,
    });
  }

  const canFail = returnsError(fn);
  const exits = exitsOf(fn, imports, ctx.packageVars);
  const failures = exits.filter((e) => e.shape.kind !== 'success');
  const deferred =
    canFail &&
    (hasNamedResults(fn) ||
      failures.some((e) => e.shape.kind !== 'panic' && !recordableInPlace(e, request.unsafe)));
  const errorResult = deferred ? nameErrorResult(fn) : null;
  const need = { record: true, status: true };
  const paths = recordPaths({
    text,
    fn,
    writer,
    unsafe: request.unsafe,
    exits: exits.map((exit) => ({ exit, need })),
    outcomeKey: canFail ? request.standards.tracing.outcome_attribute : null,
    deferredRecorder: errorResult !== null,
    sentinelMessages: ctx.sentinelMessages,
  });

  const name = gap.suggested_span_name ?? `${request.facts.packageName}.${facts.name}`;
  const prologue = [
    ...startStatement(source.assignTo, span, tracer.expression, source.parent, name, chosen.attributes, ctx),
    `defer ${span}.End()`,
    ...(errorResult ? deferredRecorder(writer, errorResult.name, failedMessage(fn.name), need) : []),
    ...source.propagate,
  ];
  const indent = fn.indent;
  plan.edits.push(
    { start: fn.bodyOpen, end: fn.bodyOpen, text: `\n${prologue.map((l) => `${indent}${l}`).join('\n')}\n` },
    ...source.edits,
    ...(errorResult?.edits ?? []),
    ...paths.edits,
  );
  plan.usesPackageTracer = tracer.packageLevel;
  plan.done.push('missing_span');
  const attrs = chosen.attributes.map((a) => a.key).join(', ');
  plan.notes.push(`span ${name}${attrs ? ` with ${attrs}` : ''}`);
  if (errorResult)
    plan.notes.push(
      `errors recorded in a deferred closure over the ${errorResult.edits.length > 0 ? 'newly named ' : ''}result ${errorResult.name}`,
    );
  else if (paths.recorded > 0) plan.notes.push(`error recorded on ${plural(paths.recorded, 'path')}`);
  return plan;
}
