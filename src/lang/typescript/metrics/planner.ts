// The TypeScript/JavaScript metrics planner (issue 4): for each request handler with a missing_metric
// gap (Express, Fastify, Koa, NestJS controllers, Next.js route handlers and API routes), a duration
// histogram and a request counter recorded once per request, on instruments declared once at module
// level. Pure: text and facts in, edits out.
import type { TextEdit } from '../../../edit/model.js';
import type {
  InstrumentPlanner,
  PlannedFunction,
  PlanRequest,
  PlanResult,
  SkippedGap,
} from '../../../instrument/types.js';
import type { HandlerFramework } from '../../facts.js';
import { FunctionIndex } from '../instrument/locate.js';
import { NameUse } from '../instrument/names.js';
import { skips } from '../instrument/planner.js';
import { detectStyle } from '../instrument/style.js';
import { type ModuleInfo, readModule } from '../module.js';
import { parse } from '../parse.js';
import { grammarOf } from '../paths.js';
import { expressRecording } from './express-recording.js';
import { servedBy } from './factory.js';
import { fastifyRecording } from './fastify-recording.js';
import { koaRecording } from './koa-recording.js';
import { planModuleInstruments, unsourcedAttributes } from './module-instruments.js';
import { scanModule } from './module-scan.js';
import { nestRecording } from './nest-recording.js';
import { nextjsRecording } from './nextjs-recording.js';
import type { HandlerRecorder } from './recording-lines.js';

const RECORDERS: Partial<Record<HandlerFramework, HandlerRecorder>> = {
  express: expressRecording,
  fastify: fastifyRecording,
  koa: koaRecording,
  nestjs: nestRecording,
  nextjs: nextjsRecording,
};

export const typescriptMetricsPlanner: InstrumentPlanner = {
  plan(request: PlanRequest): PlanResult {
    const targets = request.targets.filter((t) => t.gaps.some((g) => g.gap_type === 'missing_metric'));
    if (targets.length === 0) return { edits: [], planned: [], skipped: [] };
    const skipMetric = (target: (typeof targets)[number], reason: string) =>
      skips(target, reason, ['missing_metric']);
    const tree = parse(request.text, grammarOf(request.path, request.facts.language));
    const root = tree.rootNode;
    if (root.hasError)
      return {
        edits: [],
        planned: [],
        skipped: targets.flatMap((t) => skipMetric(t, 'the file has syntax errors; fix them first')),
      };
    const style = detectStyle(request.text, root, request.facts.language === 'typescript');
    const index = new FunctionIndex(root);
    const located = targets.map((target) => ({ target, node: index.find(target.fn) }));
    const uses = located.flatMap(({ node }) => (node ? [new NameUse(node)] : []));
    const module = planModuleInstruments(
      request,
      scanModule(root, request.path),
      style,
      request.text,
      (name) => uses.some((u) => u.has(name)),
    );

    const edits: TextEdit[] = [];
    const planned: PlannedFunction[] = [];
    const skipped: SkippedGap[] = [];
    const unsourced = unsourcedAttributes(request);
    // A handler inside another planned one (its body moves into a try) waits for the next run.
    const taken: { start: number; end: number }[] = [];
    let info: ModuleInfo | null = null;
    const moduleInfo = () => {
      info ??= readModule(root, request.text);
      return info;
    };
    for (const { target, node } of located) {
      const framework = target.fn.handler?.framework;
      if (!node) {
        skipped.push(...skipMetric(target, 'the function was not found in the parsed file'));
        continue;
      }
      const recorder = framework ? RECORDERS[framework] : undefined;
      if (!recorder) {
        skipped.push(
          ...skipMetric(
            target,
            `${framework ?? 'non-handler'} handlers are not planned yet (Express, Fastify, Koa, NestJS and Next.js only)`,
          ),
        );
        continue;
      }
      if (taken.some((r) => r.start < node.endIndex && node.startIndex < r.end)) {
        skipped.push(
          ...skipMetric(target, 'it is nested in a handler planned in this run; run instrument again'),
        );
        continue;
      }
      const served = servedBy(target.fn, node, request.text, moduleInfo);
      if (!served.ok) {
        skipped.push(...skipMetric(target, served.reason));
        continue;
      }
      const usedBefore = new Set(module.used);
      const recording = recorder(served.fn, served.node, request.text, style, module.refs);
      if (!recording.ok) {
        // Helpers it asked for are declared only when a planned handler uses them.
        for (const kind of module.used) if (!usedBefore.has(kind)) module.used.delete(kind);
        skipped.push(...skipMetric(target, recording.reason));
        continue;
      }
      edits.push(...recording.edits);
      taken.push({ start: node.startIndex, end: node.endIndex });
      const missing = unsourced.length > 0 ? `; no value source for ${unsourced.join(', ')}` : '';
      planned.push({
        function: target.fn.qualifiedName,
        line: target.fn.line,
        gapTypes: ['missing_metric'],
        summary: `${served.factory ? 'in the function the factory returns: ' : ''}${recording.summary}; ${module.notes.join(', ')}${missing}`,
      });
    }
    if (planned.length === 0) return { edits: [], planned, skipped };
    return {
      edits: [...edits, ...module.edits()].sort((a, b) => a.start - b.start || a.end - b.end),
      planned,
      skipped,
    };
  },
};
