// The Go planner: re-parses the file, finds each target function, plans its span or completes its
// existing spans, then adds the imports and the package tracer the new code needs. Pure: text in, edits out.
import type { GapType } from '../../../audit/model.js';
import type {
  InstrumentPlanner,
  PlannedFunction,
  PlanRequest,
  PlanResult,
  PlanTarget,
} from '../../../instrument/types.js';
import { type Node, parseGo } from '../parser.js';
import { planExistingSpans } from './existing-span.js';
import { isHandlerFactory, planFactorySpans } from './factory-span.js';
import { type FileContext, type FunctionPlan, fileContext } from './file-context.js';
import { type GoFunction, readFunction } from './function-model.js';
import { planNewSpan } from './new-span.js';
import { lineOf } from './syntax.js';
import { tracerDeclaration } from './tracer.js';

const DECLARATIONS = new Set(['function_declaration', 'method_declaration']);

/** Function and method declarations by the line they start on (one walk of the top level per file). */
function declarationsByLine(root: Node): Map<number, Node> {
  const byLine = new Map<number, Node>();
  for (const n of root.namedChildren) if (DECLARATIONS.has(n.type)) byLine.set(lineOf(n), n);
  return byLine;
}

function declarationAt(declarations: ReadonlyMap<number, Node>, target: PlanTarget): Node | null {
  const node = declarations.get(target.fn.line);
  return node && node.childForFieldName('name')?.text === target.fn.name ? node : null;
}

function skipAll(target: PlanTarget, reason: string): PlanResult['skipped'] {
  return target.gaps.map((g) => ({
    function: target.fn.qualifiedName,
    line: target.fn.line,
    gapType: g.gap_type,
    reason,
  }));
}

function planTarget(
  ctx: FileContext,
  target: PlanTarget,
  fn: GoFunction | null,
): FunctionPlan | { skipped: PlanResult['skipped'] } {
  if (!fn)
    return {
      skipped: skipAll(
        target,
        'the function was not found where the audit saw it (has the file changed since?)',
      ),
    };
  if (target.fn.excluded)
    return { skipped: skipAll(target, `not instrumented: ${target.fn.excluded.reason}`) };
  const spanGap = target.gaps.find((g) => g.gap_type === 'missing_span');
  if (spanGap && target.fn.spans.length === 0) {
    // A handler with no request of its own is a factory: the requests run the literal it returns (a
    // context it takes is the registration's, not a request's).
    if (isHandlerFactory(target.fn)) return planFactorySpans(ctx, fn, target.fn, spanGap);
    return planNewSpan(ctx, fn, target.fn, spanGap);
  }
  return planExistingSpans(
    ctx,
    fn,
    target.fn,
    target.gaps.filter((g) => g.gap_type !== 'missing_span'),
  );
}

export function planGo(request: PlanRequest): PlanResult {
  const result: PlanResult = { edits: [], planned: [], skipped: [] };
  if (request.targets.length === 0) return result;
  const root = parseGo(request.text).rootNode;
  const ctx = fileContext(root, request);
  const declarations = declarationsByLine(root);
  const functions = request.targets.map((target) => {
    const node = declarationAt(declarations, target);
    return node ? readFunction(node, ctx.text) : null;
  });
  // Every name the edited functions use is reserved before any new import is named.
  for (const fn of functions) if (fn) ctx.imports.avoid(fn.identifiers);
  let needsPackageTracer = false;
  request.targets.forEach((target, i) => {
    const plan = planTarget(ctx, target, functions[i] ?? null);
    result.skipped.push(...plan.skipped);
    if (!('edits' in plan) || plan.edits.length === 0) return;
    result.edits.push(...plan.edits);
    needsPackageTracer ||= plan.usesPackageTracer;
    const gapTypes: GapType[] = [...new Set(plan.done)];
    const planned: PlannedFunction = {
      function: target.fn.qualifiedName,
      line: target.fn.line,
      gapTypes,
      summary: plan.notes.join('; '),
    };
    result.planned.push(planned);
  });
  if (result.edits.length === 0) return result;
  const declare = needsPackageTracer && request.tracer.existing === null && request.tracer.declareHere;
  const otel = declare ? ctx.imports.use('otel') : null;
  const at = ctx.imports.endOfImports();
  result.edits.push(...ctx.imports.edits());
  if (otel !== null) result.edits.push(tracerDeclaration(at, request.tracer.name, otel, request.scopeName));
  return result;
}

export const goPlanner: InstrumentPlanner = { plan: planGo };
