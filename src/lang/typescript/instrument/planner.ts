// The TypeScript/JavaScript planner: re-parses the file, finds each target function, and plans the
// edits for its selected gaps (a new span, error recording and end on an existing span, missing
// attributes), then the module-level import and tracer they need. Pure: text and facts in, edits out.
import type Parser from 'tree-sitter';
import type { GapType } from '../../../audit/model.js';
import { applyEdits } from '../../../edit/apply-text.js';
import type { TextEdit } from '../../../edit/model.js';
import type {
  InstrumentPlanner,
  PlannedFunction,
  PlanRequest,
  PlanResult,
  PlanTarget,
  SkippedGap,
} from '../../../instrument/types.js';
import { parse } from '../parse.js';
import { grammarOf } from '../paths.js';
import { requiredAttributes } from './attributes.js';
import { completeSpan } from './complete-span.js';
import { addSpanAttributes } from './existing-attributes.js';
import { shapeOf } from './function-shape.js';
import { FunctionIndex } from './locate.js';
import { type ModuleSystem, type OtelRefs, planModuleSetup } from './module-setup.js';
import { NameUse } from './names.js';
import { newSpanFor } from './plan-new-span.js';
import { type CodeStyle, detectStyle } from './style.js';

type Node = Parser.SyntaxNode;

/** What planning one function produced, before the module's own references are known. */
export interface FunctionPlan {
  edits: (refs: OtelRefs) => TextEdit[];
  planned: PlannedFunction;
  skipped: SkippedGap[];
  /** The generated code references SpanStatusCode / the module tracer. */
  needs: { statusCode: boolean; tracer: boolean };
}

export interface FunctionContext {
  request: PlanRequest;
  target: PlanTarget;
  node: Node;
  style: CodeStyle;
  /** Names the generated module-level code will use, for clash checks inside the function. */
  refNames: OtelRefs;
}

export const typescriptPlanner: InstrumentPlanner = {
  plan(request: PlanRequest): PlanResult {
    if (request.targets.length === 0) return { edits: [], planned: [], skipped: [] };
    const grammar = grammarOf(request.path, request.facts.language);
    const tree = parse(request.text, grammar);
    const root = tree.rootNode;
    const skipAll = (reason: string): PlanResult => ({
      edits: [],
      planned: [],
      skipped: request.targets.flatMap((t) => skips(t, reason)),
    });
    if (root.hasError) return skipAll('the file has syntax errors; fix them first');
    const system = moduleSystem(request.path, root);
    if (!system)
      return skipAll(
        'cannot tell whether the file is an ES module or CommonJS (no import, export or require)',
      );
    const style = detectStyle(request.text, root, request.facts.language === 'typescript');
    const index = new FunctionIndex(root);
    const located = request.targets.map((target) => ({ target, node: index.find(target.fn) }));
    const uses = located.flatMap(({ node }) => (node ? [new NameUse(node)] : []));
    const usedInTargets = (name: string) => uses.some((u) => u.has(name));

    const setup = (needStatusCode: boolean, needTracer: boolean) =>
      planModuleSetup({
        root,
        text: request.text,
        style,
        system,
        needStatusCode,
        needTracer,
        tracer: { existing: request.tracer.existing, name: request.tracer.name },
        scopeName: request.scopeName,
        usedInTargets,
      });
    // Names first (they do not depend on what is planned), edits once we know what the functions use.
    const refNames = setup(true, true).refs;
    const plans: FunctionPlan[] = [];
    const skipped: SkippedGap[] = [];
    const taken: { start: number; end: number }[] = [];
    for (const { target, node } of located) {
      if (!node) {
        skipped.push(...skips(target, 'the function was not found in the parsed file'));
        continue;
      }
      if (taken.some((r) => r.start < node.endIndex && node.startIndex < r.end)) {
        skipped.push(
          ...skips(target, 'it is nested in a function instrumented in this run; run instrument again'),
        );
        continue;
      }
      const plan = planFunction({ request, target, node, style, refNames });
      skipped.push(...plan.skipped);
      if (plan.planned.gapTypes.length > 0) {
        plans.push(plan);
        taken.push({ start: node.startIndex, end: node.endIndex });
      }
    }
    if (plans.length === 0) return { edits: [], planned: [], skipped };
    const module = setup(
      plans.some((p) => p.needs.statusCode),
      plans.some((p) => p.needs.tracer),
    );
    const edits = [...plans.flatMap((p) => p.edits(module.refs)), ...module.edits];
    return {
      edits: edits.sort((a, b) => a.start - b.start || a.end - b.end),
      planned: plans.map((p) => p.planned),
      skipped,
    };
  },
};

function planFunction(ctx: FunctionContext): FunctionPlan {
  const { target, node } = ctx;
  const types = new Set(target.gaps.map((g) => g.gap_type));
  const shape = shapeOf(node);
  const reasonFor = shape.generator
    ? 'generators cannot be wrapped: the span would end at the first yield; trace the consumer instead'
    : shape.special === 'constructor'
      ? 'constructors cannot be wrapped in a callback (super() and this must stay at the top level); trace the methods instead'
      : shape.special
        ? `${shape.special}s cannot return the callback's value in the same way; trace the caller instead`
        : null;
  if (reasonFor) return emptyPlan(ctx, skips(target, reasonFor));
  if (types.has('missing_span') && target.fn.spans.length === 0) return newSpanFor(ctx, shape);
  const plans: FunctionPlan[] = [];
  if (types.has('missing_error_recording')) plans.push(completeSpan(ctx));
  if (types.has('missing_attributes')) {
    const required = requiredAttributes(target.fn, ctx.request.standards, ctx.style);
    const attributes = addSpanAttributes(ctx, required);
    const first = plans[0];
    // Both edit the same span (a new options argument may re-lay the callback the try now wraps): the
    // attributes are planned on the text the error recording leaves, as one edit set.
    if (first && first.planned.gapTypes.length > 0 && attributes.planned.gapTypes.length > 0)
      return mergePlans(ctx, [thenPlan(ctx, first, attributes, (next) => addSpanAttributes(next, required))]);
    plans.push(attributes);
  }
  return mergePlans(ctx, plans);
}

/**
 * `first`, then `second` planned again (by `replan`) on the text `first` leaves: one edit for the whole
 * change, so the two never overlap. Falls back to `first` alone, with `second`'s gaps skipped, if the
 * function cannot be found again or `second` no longer plans there.
 */
function thenPlan(
  ctx: FunctionContext,
  first: FunctionPlan,
  second: FunctionPlan,
  replan: (next: FunctionContext) => FunctionPlan,
): FunctionPlan {
  const { request, node } = ctx;
  const grammar = grammarOf(request.path, request.facts.language);
  const edits = (refs: OtelRefs): TextEdit[] | null => {
    const firstEdits = first.edits(refs);
    const once = applyEdits(request.path, request.text, firstEdits);
    let again: Node | null = parse(once, grammar).rootNode.descendantForIndex(node.startIndex);
    while (again && !(again.startIndex === node.startIndex && again.type === node.type)) again = again.parent;
    if (!again) return null;
    const next = replan({ ...ctx, node: again, request: { ...request, text: once } });
    if (next.planned.gapTypes.length === 0) return null;
    return [changedRange(request.text, applyEdits(request.path, once, next.edits(refs)))];
  };
  const planned = edits(ctx.refNames);
  if (planned === null)
    return mergePlans(ctx, [
      first,
      emptyPlan(
        ctx,
        skips(
          ctx.target,
          'the attributes could not be added together with error recording; run instrument again',
          [...second.planned.gapTypes],
        ),
      ),
    ]);
  const merged = mergePlans(ctx, [first, second]);
  const same = (refs: OtelRefs) =>
    refs.trace === ctx.refNames.trace &&
    refs.statusCode === ctx.refNames.statusCode &&
    refs.tracer === ctx.refNames.tracer;
  return { ...merged, edits: (refs) => (same(refs) ? planned : (edits(refs) ?? first.edits(refs))) };
}

/** The one edit that turns `before` into `after`: everything between their common start and end. */
function changedRange(before: string, after: string): TextEdit {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let tail = 0;
  while (
    tail < before.length - start &&
    tail < after.length - start &&
    before[before.length - 1 - tail] === after[after.length - 1 - tail]
  )
    tail++;
  return { start, end: before.length - tail, text: after.slice(start, after.length - tail) };
}

export function emptyPlan(ctx: FunctionContext, skipped: SkippedGap[]): FunctionPlan {
  return {
    edits: () => [],
    planned: { function: ctx.target.fn.qualifiedName, line: ctx.target.fn.line, gapTypes: [], summary: '' },
    skipped,
    needs: { statusCode: false, tracer: false },
  };
}

function mergePlans(ctx: FunctionContext, plans: FunctionPlan[]): FunctionPlan {
  const done = plans.filter((p) => p.planned.gapTypes.length > 0);
  return {
    edits: (refs) => done.flatMap((p) => p.edits(refs)),
    planned: {
      function: ctx.target.fn.qualifiedName,
      line: ctx.target.fn.line,
      gapTypes: done.flatMap((p) => p.planned.gapTypes),
      summary: done.map((p) => p.planned.summary).join('; '),
    },
    skipped: plans.flatMap((p) => p.skipped),
    needs: { statusCode: done.some((p) => p.needs.statusCode), tracer: done.some((p) => p.needs.tracer) },
  };
}

export function skips(target: PlanTarget, reason: string, types?: readonly GapType[]): SkippedGap[] {
  return target.gaps
    .filter((g) => !types || types.includes(g.gap_type))
    .map((g) => ({ function: target.fn.qualifiedName, line: target.fn.line, gapType: g.gap_type, reason }));
}

/**
 * ESM or CommonJS, from the file: `.mjs`/`.cjs` say so; otherwise import/export syntax, then require or
 * module.exports. TypeScript compiles `import` either way, so it is ESM unless the file only requires.
 */
function moduleSystem(path: string, root: Node): ModuleSystem | null {
  if (/\.(mjs|mts)$/.test(path)) return 'esm';
  if (/\.cjs$/.test(path)) return 'cjs';
  const top = root.namedChildren;
  if (top.some((s) => s.type === 'import_statement' || s.type === 'export_statement')) return 'esm';
  const text = root.text;
  if (/\brequire\s*\(|\bmodule\.exports\b|^exports\.[\w$]+\s*=/m.test(text)) return 'cjs';
  return /\.(ts|tsx|cts)$/.test(path) ? 'esm' : null;
}
