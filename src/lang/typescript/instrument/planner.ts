// The TypeScript/JavaScript planner: re-parses the file, finds each target function, and plans the
// edits for its selected gaps (a new span, error recording and end on an existing span, missing
// attributes), then the module-level import and tracer they need. Pure: text and facts in, edits out.
import type Parser from 'tree-sitter';
import type { GapType } from '../../../audit/model.js';
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
    plans.push(addSpanAttributes(ctx, required));
  }
  return mergePlans(ctx, plans);
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
