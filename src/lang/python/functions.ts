// FunctionFacts for one function unit, from the skeleton and the file-wide readers.
import type {
  FunctionFacts,
  FunctionKind,
  HandlerFacts,
  IoCall,
  MetricInstrument,
  ParamFacts,
  RouteRegistration,
} from '../facts.js';
import { spanAttributeWrites } from './attributes.js';
import type { Bindings } from './bindings.js';
import { parseCallee } from './callee.js';
import { argumentText, type FileContext } from './context.js';
import { type Decorator, decoratorsOf, hasDecorator, lastSegment } from './decorators.js';
import {
  classBasedHandler,
  djangoDecoratorHandler,
  isDjangoViewsModule,
  isLambdaHandler,
  type RouteDecorator,
  routeFromDecorator,
} from './handlers.js';
import { cannotBeIo, classifyCall } from './io.js';
import { metricRecordings } from './metrics.js';
import { splitTopLevel } from './params.js';
import { isPrivateModule } from './paths.js';
import type { CallSite } from './scan.js';
import { spansOf } from './spans.js';
import type { SuppressionFinder } from './suppressions.js';
import { shorten } from './text.js';
import { bodyStatements, exclusion, trivialReason } from './trivial.js';
import type { Unit } from './units.js';

export interface FileEnv {
  ctx: FileContext;
  bindings: Bindings;
  instruments: readonly MetricInstrument[];
  prefixes: ReadonlyMap<string, string>;
  suppressions: SuppressionFinder;
  params: ReadonlyMap<number, ParamFacts[]>;
}

const basesCache = new WeakMap<object, string[]>();

/** Base class names of a class block: `class OrderView(LoginRequiredMixin, APIView):`. */
function classBases(ctx: FileContext, classBlock: number): string[] {
  const b = ctx.skeleton.blocks[classBlock];
  if (!b) return [];
  let bases = basesCache.get(b);
  if (!bases) {
    bases = readBases(ctx, classBlock);
    basesCache.set(b, bases);
  }
  return bases;
}

function readBases(ctx: FileContext, classBlock: number): string[] {
  const b = ctx.skeleton.blocks[classBlock];
  if (!b || b.open < 0 || b.close < b.open) return [];
  return splitTopLevel(ctx.text.slice(b.open + 1, b.close))
    .map((p) => p.text.replace(/#[^\n]*/g, '').trim())
    .filter((p) => p !== '' && !/^\w+\s*=/.test(p) && !p.startsWith('*'));
}

function isPrivateName(name: string): boolean {
  return name.startsWith('_') && !/^__\w+__$/.test(name);
}

function kindOf(unit: Unit, decorators: readonly Decorator[]): FunctionKind {
  if (unit.classes.length === 0) return 'function';
  if (unit.def.name === '__init__') return 'constructor';
  if (hasDecorator(decorators, 'property', 'cached_property')) return 'getter';
  if (decorators.some((d) => /\.(setter|deleter)$/.test(d.callee))) return 'setter';
  return 'method';
}

function handlerOf(
  env: FileEnv,
  unit: Unit,
  decorators: readonly Decorator[],
  params: readonly ParamFacts[],
): { handler: HandlerFacts | null; route: RouteDecorator | null } {
  const { ctx } = env;
  for (const d of decorators) {
    const route = routeFromDecorator(ctx.tree, d, ctx.module.packages, env.prefixes);
    if (route) return { handler: route.handler, route };
  }
  const django = djangoDecoratorHandler(ctx.tree, decorators);
  if (django) return { handler: django, route: null };
  if (unit.classBlock >= 0) {
    const handler = classBasedHandler(
      classBases(ctx, unit.classBlock),
      unit.def.name,
      decorators,
      ctx.module.packages,
    );
    return { handler, route: null };
  }
  if (unit.nested) return { handler: null, route: null };
  if (isDjangoViewsModule(ctx.path) && params[0]?.name === 'request') {
    const method = decorators
      .map((d) => ({ require_GET: 'GET', require_POST: 'POST', require_safe: 'GET' })[lastSegment(d.callee)])
      .find(Boolean);
    return { handler: { framework: 'django', route: null, method: method ?? null }, route: null };
  }
  if (isLambdaHandler(unit.def.name, params))
    return { handler: { framework: 'aws-lambda', route: null, method: null }, route: null };
  if (decorators.some((d) => /^functions_framework\.(http|cloud_event)$/.test(d.callee))) {
    return { handler: { framework: 'other', route: null, method: null }, route: null };
  }
  return { handler: null, route: null };
}

function ioCallsOf(env: FileEnv, unit: Unit): { facts: IoCall[]; own: Set<CallSite> } {
  const { ctx } = env;
  const facts: IoCall[] = [];
  const own = new Set<CallSite>();
  const django = ctx.module.packages.has('django');
  const visit = (call: CallSite, isOwn: boolean) => {
    if (cannotBeIo(call.callee, call.awaited, ctx.module.imports)) return;
    const callee = parseCallee(call.callee, ctx.module.imports);
    const kind = classifyCall(callee, call.awaited, {
      bindingKind: (receiver) => env.bindings.kindOf(unit, receiver),
      firstArgument: () => splitTopLevel(argumentText(ctx, call))[0]?.text ?? '',
      django,
    });
    if (!kind) return;
    facts.push({
      callee: shorten(call.callee.replace(/\((?:[^()]|\([^()]*\))*\)/g, '()'), 80),
      line: ctx.lines.line(call.start),
      kind,
    });
    if (isOwn) own.add(call);
  };
  for (const call of unit.calls) visit(call, true);
  for (const call of unit.closureCalls) visit(call, false);
  facts.sort((a, b) => a.line - b.line);
  return { facts, own };
}

export function functionFacts(
  env: FileEnv,
  unit: Unit,
): { facts: FunctionFacts; routes: RouteRegistration[] } {
  const { ctx } = env;
  const def = unit.def;
  const decorators = decoratorsOf(ctx.text, ctx.skeleton, def.decorators);
  const params = env.params.get(unit.block) ?? [];
  const { handler, route } = handlerOf(env, unit, decorators, params);
  if (handler && (handler.framework === 'aws-lambda' || handler.framework === 'grpc')) {
    for (const p of params) if (p.name === 'context' || p.name === '_context') p.role = 'framework-context';
  }
  const io = ioCallsOf(env, unit);
  const body = bodyStatements(ctx.text, ctx.skeleton, unit, 4);
  const classBases0 = unit.classBlock >= 0 ? classBases(ctx, unit.classBlock) : [];
  const protocol = classBases0.some((b) => /(^|\.)Protocol(\[.*\])?$/.test(b));
  const recordings = metricRecordings(ctx, unit, env.instruments);
  const exportList = ctx.module.exportList;
  const exported =
    !isPrivateName(def.name) &&
    !unit.classes.some(isPrivateName) &&
    !isPrivateModule(ctx.path) &&
    (exportList === null || unit.nested || exportList.has(unit.classes[0] ?? def.name));
  const start = ctx.lines.position(def.start);
  const facts: FunctionFacts = {
    name: def.name,
    qualifiedName: [...unit.classes, def.name].join('.'),
    kind: kindOf(unit, decorators),
    owner: unit.classes[unit.classes.length - 1] ?? null,
    line: start.line,
    column: start.column,
    endLine: ctx.lines.line(Math.max(def.end - 1, def.start)),
    range: { startByte: def.start, endByte: def.end },
    bodyRange: { startByte: def.bodyStart >= 0 ? def.bodyStart : def.colon + 1, endByte: def.end },
    exported,
    async: def.async,
    generator: unit.yields.length > 0,
    params,
    returnsError: false,
    failureExits: unit.raises.length,
    handler,
    ioCalls: io.facts,
    callCount: unit.calls.length,
    statementCount: body.count,
    trivial: trivialReason(
      unit,
      decorators,
      body,
      unit.calls.map((c) => c.callee),
      io.facts.length > 0,
    ),
    excluded: exclusion(unit, decorators, body, ctx.module.mainCalls, ctx.path, protocol),
    spans: spansOf(
      ctx,
      unit,
      decorators,
      params.map((p) => p.name),
      io.own,
    ),
    attributes: [...spanAttributeWrites(ctx, unit), ...recordings.flatMap((r) => r.attributes)],
    metricRecordings: recordings,
    autoInstrumented: null,
    suppressions: env.suppressions(unit),
  };
  const routes: RouteRegistration[] =
    route && handler?.route
      ? [
          {
            framework: handler.framework,
            method: handler.method,
            route: handler.route,
            handler: def.name,
            line: ctx.lines.line(route.at),
            autoInstrumented: false,
            ...(handler.router ? { router: handler.router } : {}),
          },
        ]
      : [];
  return { facts, routes };
}
