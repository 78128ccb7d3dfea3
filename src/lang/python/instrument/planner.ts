// The Python planner: one parse per file, then per function the edits for its selected gaps, then the
// module-level imports and tracer those edits need. Pure: text and facts in, edits out. A function that
// cannot be instrumented safely is skipped whole, with the reason, and leaves no edit behind.
import type { Gap, GapType } from '../../../audit/model.js';
import type { TextEdit } from '../../../edit/model.js';
import type {
  InstrumentPlanner,
  PlannedFunction,
  PlanRequest,
  PlanResult,
  PlanTarget,
  SkippedGap,
} from '../../../instrument/types.js';
import { parsePython } from '../parser.js';
import { requiredKeys } from './attributes.js';
import { planErrorRecording } from './error-recording.js';
import { locateSpan, planMissingAttributes } from './existing-span.js';
import { type FileScope, FunctionPlan, SkipFunction } from './function-plan.js';
import { Layout } from './layout.js';
import { freshName, ModuleEdits } from './module-edits.js';
import { type ModuleScope, readModuleScope } from './module-scope.js';
import { planNewSpan } from './new-span.js';
import { functionAt, type Node, preferredQuote } from './syntax.js';

interface Outcome {
  newSpan: boolean;
  summary: string[];
  skipped: { gapType: GapType; reason: string }[];
}

function lineList(lines: readonly number[]): string {
  return lines.length === 1 ? `line ${lines[0]}` : `lines ${lines.join(', ')}`;
}

class FilePlanner {
  readonly file: FileScope;
  private readonly scope: ModuleScope;
  private readonly root: Node;
  private tracerUsed = false;
  /** The tracer variable: the existing one, else the requested name unless the module binds it already. */
  private readonly tracerName: string;

  constructor(private readonly request: PlanRequest) {
    const tree = parsePython(request.text);
    const layout = new Layout(request.text);
    this.root = tree.rootNode;
    this.scope = readModuleScope(this.root, request.text);
    this.file = {
      text: request.text,
      layout,
      quote: preferredQuote(request.text),
      module: new ModuleEdits(this.scope, layout),
    };
    const { tracer } = request;
    this.tracerName =
      tracer.existing ??
      (tracer.declareHere && this.scope.bound.has(tracer.name)
        ? freshName(this.scope.bound, 'otel_tracer')
        : tracer.name);
  }

  /** Called once a function with a new span is kept: the module then needs its tracer. */
  useTracer(): void {
    this.tracerUsed = true;
  }

  planTarget(target: PlanTarget): { edits: TextEdit[]; outcome: Outcome } {
    const { fn, gaps } = target;
    const node = functionAt(this.root, fn.range.startByte);
    if (!node)
      throw new SkipFunction('the function could not be found in the syntax tree (a syntax error nearby?)');
    const plan = new FunctionPlan(this.file, fn, node);
    const outcome: Outcome = { newSpan: false, summary: [], skipped: [] };
    const byType = (type: GapType) => gaps.find((g) => g.gap_type === type) ?? null;

    const missingSpan = byType('missing_span');
    if (missingSpan) {
      this.newSpan(plan, missingSpan, outcome);
      return { edits: plan.finish(), outcome };
    }
    const site = fn.spans.map((s) => locateSpan(plan, s)).find((s) => s !== null) ?? null;
    const missingAttributes = byType('missing_attributes');
    if (missingAttributes) {
      if (!site) throw new SkipFunction('its span is started in a form otelwright does not edit');
      const { added, unknown } = planMissingAttributes(
        plan,
        site,
        missingAttributes.details,
        this.request.standards,
      );
      if (added.length > 0) outcome.summary.push(`attributes ${added.join(', ')}`);
      for (const u of unknown)
        outcome.skipped.push({ gapType: 'missing_attributes', reason: `attribute ${u.key}: ${u.why}` });
    }
    const missingErrors = byType('missing_error_recording');
    if (missingErrors) {
      const lines = new Set(missingErrors.details.map(Number));
      const fixed: number[] = [];
      const enabled: string[] = [];
      for (const span of fn.spans) {
        const spanSite = locateSpan(plan, span);
        if (!spanSite) continue;
        const result = planErrorRecording(plan, spanSite, lines, this.request.standards);
        fixed.push(...result.fixed);
        enabled.push(...result.enabled);
        for (const l of result.left)
          outcome.skipped.push({ gapType: 'missing_error_recording', reason: `line ${l.line}: ${l.why}` });
        for (const l of [...result.fixed, ...result.left.map((x) => x.line)]) lines.delete(l);
      }
      if (fixed.length > 0) {
        const how =
          enabled.length > 0
            ? ` (${enabled.map((o) => `${o}=False`).join(', ')} dropped: the context manager records them)`
            : '';
        outcome.summary.push(`error recorded on ${lineList(fixed.sort((a, b) => a - b))}${how}`);
      }
    }
    return { edits: plan.finish(), outcome };
  }

  private newSpan(plan: FunctionPlan, gap: Gap, outcome: Outcome): void {
    const name = this.tracerName;
    const declaredAt = this.scope.assignments.get(name);
    if (this.request.tracer.existing && declaredAt && declaredAt.startIndex > plan.node.startIndex) {
      throw new SkipFunction(
        `the tracer \`${name}\` is assigned below this function; move it above the first function`,
      );
    }
    const spanName = gap.suggested_span_name;
    if (!spanName) throw new SkipFunction('the audit gave no span name');
    const result = planNewSpan(plan, {
      spanName,
      tracer: name,
      standards: this.request.standards,
      keys: requiredKeys(plan.fn, this.request.standards),
    });
    outcome.newSpan = true;
    outcome.summary.push(`span ${spanName}`);
    if (result.attributes.length > 0) outcome.summary.push(`attributes ${result.attributes.join(', ')}`);
    if (result.outcomeExits > 0)
      outcome.summary.push(`outcome on ${result.outcomeExits} exit${result.outcomeExits === 1 ? '' : 's'}`);
    for (const u of result.unknown)
      outcome.skipped.push({ gapType: 'missing_attributes', reason: `attribute ${u.key}: ${u.why}` });
  }

  moduleEdits(): TextEdit[] {
    const { tracer } = this.request;
    if (this.tracerUsed && !tracer.existing && tracer.declareHere)
      this.file.module.declareTracer(this.tracerName);
    return this.file.module.edits();
  }
}

export const pythonPlanner: InstrumentPlanner = {
  plan(request: PlanRequest): PlanResult {
    const result: PlanResult = { edits: [], planned: [], skipped: [] };
    if (request.targets.length === 0) return result;
    const planner = new FilePlanner(request);
    const skip = (target: PlanTarget, reason: string, types?: GapType[]) => {
      for (const gapType of types ?? target.gaps.map((g) => g.gap_type)) {
        result.skipped.push({
          function: target.fn.qualifiedName,
          line: target.fn.line,
          gapType,
          reason,
        } satisfies SkippedGap);
      }
    };
    for (const target of request.targets) {
      const restore = planner.file.module.checkpoint();
      try {
        const { edits, outcome } = planner.planTarget(target);
        for (const s of outcome.skipped) skip(target, s.reason, [s.gapType]);
        if (edits.length === 0) continue;
        if (outcome.newSpan) planner.useTracer();
        result.edits.push(...edits);
        result.planned.push({
          function: target.fn.qualifiedName,
          line: target.fn.line,
          gapTypes: target.gaps.map((g) => g.gap_type),
          summary: outcome.summary.join('; '),
        } satisfies PlannedFunction);
      } catch (err) {
        restore();
        if (!(err instanceof SkipFunction)) throw err;
        skip(target, err.message);
      }
    }
    if (result.planned.length > 0) result.edits.push(...planner.moduleEdits());
    return result;
  },
};
