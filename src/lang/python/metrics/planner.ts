// The Python metrics planner (issue 4): for each FastAPI, Flask or Django handler with a missing_metric gap, a
// duration histogram and a request counter recorded in the handler itself, from instruments the module
// creates once at import. Pure: text and facts in, edits out. A handler that cannot be rewritten safely
// is skipped whole, with the reason.
import type { TextEdit } from '../../../edit/model.js';
import type {
  InstrumentPlanner,
  PlannedFunction,
  PlanRequest,
  PlanResult,
  PlanTarget,
} from '../../../instrument/types.js';
import { metricName } from '../../../standards/metric-name.js';
import type { Standards } from '../../../standards/types.js';
import type { ParamFacts } from '../../facts.js';
import { SkipFunction } from '../instrument/function-plan.js';
import { Layout } from '../instrument/layout.js';
import { freshName } from '../instrument/module-edits.js';
import { type ModuleScope, readModuleScope } from '../instrument/module-scope.js';
import { functionAt, type Node, preferredQuote, pyString, type Quote } from '../instrument/syntax.js';
import { parsePython } from '../parser.js';
import { djangoDecoratorNote, djangoRequest } from './django.js';
import { planHandlerBody } from './handler-body.js';
import { firstStatementStart, placeImports } from './imports.js';
import {
  type AttributeSource,
  declarationLines,
  helperLines,
  type InstrumentSpec,
  type MetricsFramework,
  type ModuleNames,
  metricsImport,
  plainImport,
} from './module-block.js';

const FRAMEWORKS = new Set<string>(['fastapi', 'flask', 'django']);
const BASE = 'REQUEST_METRIC_ATTRIBUTES';
const ROUTE_METHODS = /\.(get|post|put|patch|delete|head|options|api_route|route)$/;

/** Where each required metric attribute comes from: the standards' environment variables. */
function attributeSources(standards: Standards): { sources: AttributeSource[]; unknown: string[] } {
  const byKey: Record<string, string> = {
    environment: standards.service.environment_variable,
    'deployment.environment.name': standards.service.environment_variable,
    'service.version': standards.service.version_variable,
  };
  const sources: AttributeSource[] = [];
  const unknown: string[] = [];
  for (const key of standards.metrics.required_attributes) {
    const variable = byKey[key];
    if (variable) sources.push({ key, variable });
    else unknown.push(key);
  }
  return { sources, unknown };
}

/** A module-level variable already assigned from a call containing `marker`, or null. */
function assignedFrom(scope: ModuleScope, marker: string): string | null {
  for (const [name, node] of scope.assignments) if (node.text.includes(marker)) return name;
  return null;
}

function instrument(
  request: PlanRequest,
  scope: ModuleScope,
  metric: string,
  variable: string,
): InstrumentSpec {
  const name = metricName(request.standards, request.service, request.facts.packageName, metric);
  const declared = request.facts.metricInstruments.find(
    (m) => m.name === name && !m.perCall && m.variable !== null && !m.variable.includes('.'),
  );
  if (declared?.variable) return { variable: declared.variable, name, existing: true };
  return { variable: freshName(scope.bound, variable), name, existing: false };
}

function moduleNames(request: PlanRequest, scope: ModuleScope): ModuleNames {
  const local = (module: 'os' | 'time') => plainImport(scope, module) ?? freshName(scope.bound, module);
  return {
    os: local('os'),
    time: local('time'),
    metrics: metricsImport(scope) ?? freshName(scope.bound, 'metrics'),
    meter: assignedFrom(scope, 'get_meter(') ?? freshName(scope.bound, 'meter'),
    histogram: instrument(request, scope, 'request.duration', 'REQUEST_DURATION'),
    counter: instrument(request, scope, 'requests', 'REQUEST_COUNT'),
    base: scope.assignments.get(BASE)?.text.includes('environ') ? BASE : freshName(scope.bound, BASE),
    flask: plainImport(scope, 'flask') ?? freshName(scope.bound, 'flask'),
    helper: {
      fastapi: '_fastapi_request_attributes',
      flask: '_flask_request_attributes',
      django: '_django_request_attributes',
    },
  };
}

function callee(decorator: Node): { name: string; call: Node | null } {
  const expr = decorator.firstNamedChild;
  const call = expr?.type === 'call' ? expr : null;
  const fn = call ? call.childForFieldName('function') : expr;
  return { name: (fn?.text ?? '').replace(/\s+/g, ''), call };
}

/** FastAPI: the route decorator's `status_code=` expression (a constant or `status.HTTP_201_CREATED`). */
function declaredStatus(fn: Node): string | null {
  const decorated = fn.parent?.type === 'decorated_definition' ? fn.parent : null;
  for (const decorator of decorated?.namedChildren ?? []) {
    if (decorator.type !== 'decorator') continue;
    const { name, call } = callee(decorator);
    if (!call || !ROUTE_METHODS.test(name)) continue;
    for (const arg of call.childForFieldName('arguments')?.namedChildren ?? []) {
      if (arg.type === 'keyword_argument' && arg.childForFieldName('name')?.text === 'status_code')
        return arg.childForFieldName('value')?.text ?? null;
    }
  }
  return null;
}

/** `flask.request` as this module names it, or null. */
function flaskRequest(scope: ModuleScope): string | null {
  for (const s of scope.imports) {
    const name = s.from && s.module === 'flask' ? s.names.find((n) => n.name === 'request') : undefined;
    if (name) return name.local;
  }
  return null;
}

/** FastAPI: a parameter typed `Request` (Starlette's), which FastAPI injects. */
function requestParameter(params: readonly ParamFacts[]): string | null {
  return params.find((p) => /^(?:[\w.]+\.)?Request$/.test(p.type ?? ''))?.name ?? null;
}

/**
 * The method as a Python expression: a constant when the route serves one method; for a route that
 * serves several, the request's method (Flask's `request`, or FastAPI's injected `Request`), which
 * routing has already limited to the route's declared methods.
 */
function methodExpression(
  method: string | null,
  framework: MetricsFramework,
  params: readonly ParamFacts[],
  scope: ModuleScope,
  quote: Quote,
): { expression: string; label: string } {
  const single = method?.toUpperCase() ?? null;
  if (single && /^[A-Z]+$/.test(single)) return { expression: pyString(single, quote), label: single };
  const request = framework === 'flask' ? flaskRequest(scope) : requestParameter(params);
  if (!request)
    throw new SkipFunction(
      framework === 'flask'
        ? "the view serves several (or unknown) HTTP methods and the module does not import flask's `request` to read which"
        : 'the route serves several (or unknown) HTTP methods and the handler takes no `Request` to read which',
    );
  return { expression: `${request}.method`, label: `${request}.method` };
}

/**
 * FastAPI sends the status a `response: Response` parameter was given (None until set), else the
 * decorator's status_code, else 200.
 */
function fastapiStatus(params: readonly ParamFacts[], node: Node): string {
  const declared = declaredStatus(node) ?? '200';
  const injected = params.find((p) => /^(?:[\w.]+\.)?Response$/.test(p.type ?? ''));
  return injected ? `${injected.name}.status_code or ${declared}` : declared;
}

/**
 * The Flask helper reads the matched rule: this plan writes it, or the module's own reads `url_rule` (one
 * an earlier version wrote does not).
 */
function flaskReadsRule(root: Node, scope: ModuleScope, names: ModuleNames): boolean {
  const helper = names.helper.flask;
  if (!scope.bound.has(helper)) return true;
  const def = root.namedChildren.find(
    (n) => n.type === 'function_definition' && n.childForFieldName('name')?.text === helper,
  );
  return def?.text.includes('.url_rule') ?? false;
}

interface HandlerPlan {
  edits: TextEdit[];
  summary: string;
  framework: MetricsFramework;
}

function planHandler(
  target: PlanTarget,
  root: Node,
  scope: ModuleScope,
  layout: Layout,
  names: ModuleNames,
  quote: Quote,
): HandlerPlan {
  const { fn } = target;
  const handler = fn.handler;
  if (!handler || !FRAMEWORKS.has(handler.framework))
    throw new SkipFunction(
      `handlers of ${handler?.framework ?? 'unknown'} are not scaffolded yet (FastAPI, Flask and Django are)`,
    );
  const framework = handler.framework as MetricsFramework;
  const node = functionAt(root, fn.range.startByte);
  if (!node) throw new SkipFunction('the function could not be found in the syntax tree');
  if (fn.metricRecordings.length > 0)
    throw new SkipFunction(
      `it records ${fn.metricRecordings.map((r) => r.instrument).join(', ')} already; add the missing instrument beside it by hand`,
    );
  const django = framework === 'django';
  // Django: the helper is given the request and reads the (bounded) method and the matched route itself.
  const request = django ? djangoRequest(node, fn.kind !== 'function') : null;
  const method = request
    ? { expression: request, label: `${request}.method (bounded to the standard methods),` }
    : methodExpression(handler.method, framework, fn.params, scope, quote);
  const note = django ? djangoDecoratorNote(node) : '';
  // A method's own name (`get`, `list`) says nothing of the view: its qualified name stands in.
  const route = handler.route ?? (django && fn.kind !== 'function' ? fn.qualifiedName : fn.name);
  const status = framework === 'fastapi' ? fastapiStatus(fn.params, node) : '200';
  const edits = planHandlerBody(node, layout, {
    time: names.time,
    histogram: names.histogram.variable,
    counter: names.counter.variable,
    helper: names.helper[framework],
    method: method.expression,
    route: pyString(route, quote),
    defaultStatus: status,
    quote,
  });
  const fallback = django
    ? `no registration resolved: the ${fn.kind === 'function' ? 'function' : 'qualified'} name stands in, per the standards' fallback`
    : "route not resolved: the function name stands in, per the standards' fallback";
  const routeText = handler.route ? route : `${route} (${fallback})`;
  const routeSource = request
    ? `${request}.resolver_match.route, else ${routeText}`
    : framework === 'flask' && flaskReadsRule(root, scope, names)
      ? `${routeText}, the rule Flask matched (${names.flask}.request.url_rule.rule) taking precedence at run time`
      : routeText;
  return {
    edits,
    framework,
    summary: `histogram ${names.histogram.name} and counter ${names.counter.name} recorded in a finally block; ${method.label} http.route ${routeSource}${note}`,
  };
}

function moduleEdits(
  scope: ModuleScope,
  layout: Layout,
  names: ModuleNames,
  frameworks: ReadonlySet<MetricsFramework>,
  sources: readonly AttributeSource[],
  quote: Quote,
): TextEdit[] {
  const { eol } = layout;
  const blocks: string[][] = [];
  blocks.push(
    declarationLines(
      names,
      {
        meter: assignedFrom(scope, 'get_meter(') === null,
        base: !scope.bound.has(names.base),
      },
      sources,
      quote,
    ),
  );
  const helpers = [...frameworks].filter((f) => !scope.bound.has(names.helper[f]));
  for (const framework of helpers) blocks.push(helperLines(framework, names, quote));
  const edits = placeImports(scope, layout, names, helpers.includes('flask'));
  const body = blocks
    .filter((b) => b.length > 0)
    // The blocks are written with four-space steps; the file's own indentation unit replaces them.
    .map((b) =>
      b.map((line) => line.replace(/^(?: {4})+/, (m) => layout.unit.repeat(m.length / 4))).join(eol),
    )
    .join(`${eol}${eol}${eol}`);
  if (!body) return edits;
  const after = scope.preludeEnd ?? scope.docstring;
  // With no import or docstring to follow, after the imports this plan adds (same offset, kept in order).
  const at = after ? layout.lineEnd(after.endIndex) : firstStatementStart(layout.text);
  const text = after ? `${eol}${eol}${body}${eol}` : `${body}${eol}${eol}${eol}`;
  return [...edits, { start: at, end: at, text }];
}

export const pythonMetricsPlanner: InstrumentPlanner = {
  plan(request: PlanRequest): PlanResult {
    const result: PlanResult = { edits: [], planned: [], skipped: [] };
    if (request.targets.length === 0) return result;
    const tree = parsePython(request.text);
    const layout = new Layout(request.text);
    const scope = readModuleScope(tree.rootNode, request.text);
    const quote = preferredQuote(request.text);
    const names = moduleNames(request, scope);
    const { sources, unknown } = attributeSources(request.standards);
    const frameworks = new Set<MetricsFramework>();
    const note = unknown.length > 0 ? `; not set (no source known): ${unknown.join(', ')}` : '';
    for (const target of request.targets) {
      try {
        const plan = planHandler(target, tree.rootNode, scope, layout, names, quote);
        frameworks.add(plan.framework);
        result.edits.push(...plan.edits);
        result.planned.push({
          function: target.fn.qualifiedName,
          line: target.fn.line,
          gapTypes: ['missing_metric'],
          summary: plan.summary + note,
        } satisfies PlannedFunction);
      } catch (err) {
        if (!(err instanceof SkipFunction)) throw err;
        result.skipped.push({
          function: target.fn.qualifiedName,
          line: target.fn.line,
          gapType: 'missing_metric',
          reason: err.message,
        });
      }
    }
    if (result.planned.length > 0)
      result.edits.push(...moduleEdits(scope, layout, names, frameworks, sources, quote));
    return result;
  },
};
