// Plans a new span for a `missing_span` gap: name, attributes, parent context, sync or async callback.
import { expressNextParam } from '../express-next.js';
import { requiredAttributes } from './attributes.js';
import { recordsFailures } from './failure.js';
import type { FunctionShape } from './function-shape.js';
import { promisedType } from './function-shape.js';
import type { OtelRefs } from './module-setup.js';
import { identifiersIn } from './names.js';
import { wrapInNewSpan } from './new-span.js';
import { emptyPlan, type FunctionContext, type FunctionPlan, skips } from './planner.js';

export function newSpanFor(ctx: FunctionContext, shape: FunctionShape): FunctionPlan {
  const { request, target, node, style } = ctx;
  const fn = target.fn;
  const params = node.childForFieldName('parameters') ?? node.childForFieldName('parameter');
  const paramNames = params ? identifiersIn(params) : new Set<string>();
  if (paramNames.has(ctx.refNames.tracer) && request.tracer.existing !== null) {
    return emptyPlan(
      ctx,
      skips(target, `a parameter named ${ctx.refNames.tracer} hides the module's tracer`),
    );
  }
  // `return fetch(url).then(...)` without `async`: the span would end before the promise settles, and an
  // async callback would turn synchronous throws into rejections. Only an unsafe run accepts that change.
  const promiseWithoutAsync = fn.async && !shape.async;
  if (promiseWithoutAsync && !request.unsafe) {
    return emptyPlan(
      ctx,
      skips(
        target,
        'returns a promise but is not async: wrapping it would turn synchronous throws into rejections (allowed with unsafe)',
      ),
    );
  }
  const asyncCallback = shape.async || promiseWithoutAsync;
  const next = expressNextParam(fn.params, fn.handler);
  const gap = target.gaps.find((g) => g.gap_type === 'missing_span');
  const name = gap?.suggested_span_name ?? `${request.facts.packageName}.${fn.name}`;
  const attributes = requiredAttributes(fn, request.standards, style);
  const policy = request.standards.tracing.error_policy;
  const context = fn.params.find(
    (p) => p.role === 'context' && /^[\p{ID_Start}$_][\p{ID_Continue}$]*$/u.test(p.name),
  );
  const types = style.typescript ? callbackTypes(shape, asyncCallback) : { callback: null, value: null };
  const input = {
    text: request.text,
    fn: node,
    style,
    refs: ctx.refNames,
    name,
    attributes: attributes.values,
    parentContext: context?.name ?? null,
    asyncCallback,
    types,
    policy,
    outcome: request.standards.tracing.outcome_attribute,
    // Express's `next(...)` returns nothing to await either.
    syncReceivers: new Set([
      ...fn.params.filter((p) => p.role === 'response' || p.role === 'request').map((p) => p.name),
      ...(next !== null ? [next] : []),
    ]),
    handoff: recordsFailures(policy) ? next : null,
  };
  const wrapped = wrapInNewSpan(input);
  if ('skip' in wrapped) return emptyPlan(ctx, skips(target, wrapped.skip));
  const recorded = recordsFailures(policy);
  const details = [
    `span ${name}`,
    attributes.values.length > 0 ? `attributes ${attributes.values.map((a) => a.key).join(', ')}` : '',
    recorded ? 'errors recorded in a catch that rethrows' : '',
    wrapped.awaited > 0
      ? `${wrapped.awaited} returned promise${wrapped.awaited > 1 ? 's' : ''} awaited inside the span`
      : '',
    promiseWithoutAsync ? 'UNSAFE: the callback is async, so synchronous throws become rejections' : '',
  ].filter((d) => d.length > 0);
  return {
    edits: (refs) => {
      if (sameRefs(refs, ctx.refNames)) return wrapped.edits;
      const again = wrapInNewSpan({ ...input, refs });
      return 'skip' in again ? [] : again.edits;
    },
    planned: {
      function: fn.qualifiedName,
      line: fn.line,
      gapTypes: target.gaps.map((g) => g.gap_type).filter((t) => t === 'missing_span'),
      summary: details.join('; '),
    },
    skipped: attributes.unfilled.map((u) => ({
      function: fn.qualifiedName,
      line: fn.line,
      gapType: 'missing_attributes' as const,
      reason: u.reason,
    })),
    needs: { statusCode: policy.set_status, tracer: true },
  };
}

/** The callback repeats the declared return type so returned literals keep their contextual type. */
function callbackTypes(
  shape: FunctionShape,
  asyncCallback: boolean,
): { callback: string | null; value: string | null } {
  if (shape.returnType === null) return { callback: null, value: null };
  if (shape.returnTypeKind === 'predicate') return { callback: 'boolean', value: 'boolean' };
  if (shape.returnTypeKind === 'asserts') return { callback: 'void', value: null };
  return {
    callback: shape.returnType,
    value: asyncCallback ? promisedType(shape.returnType) : shape.returnType,
  };
}

/** Function edits use only these two names. */
function sameRefs(a: OtelRefs, b: OtelRefs): boolean {
  return a.tracer === b.tracer && a.statusCode === b.statusCode;
}
