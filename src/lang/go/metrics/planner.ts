// The Go metrics planner (issue 4): for each handler with a `missing_metric` gap, a deferred recording of
// the request duration (histogram, seconds) and the request count, with low-cardinality attributes; the
// instruments and helpers are declared once per package, or reused when the file or another file of the
// package (the request's siblings, as this run leaves them) has them. Covers net/http, gin and echo.
// Pure: text in, edits out.
import type { TextEdit } from '../../../edit/model.js';
import type { InstrumentPlanner, PlanRequest, PlanResult, PlanTarget } from '../../../instrument/types.js';
import { fileContext } from '../instrument/file-context.js';
import { type GoFunction, readFunction } from '../instrument/function-model.js';
import { type ImportPlan, PACKAGES } from '../instrument/imports.js';
import { lineOf } from '../instrument/syntax.js';
import { type Node, parseGo } from '../parser.js';
import { ExtraImports } from './extra-imports.js';
import { returnedHandlers } from './handler-factory.js';
import {
  type FrameworkNames,
  type HandlerShape,
  handlerRecording,
  handlerShape,
  type Instruments,
  matchedRouteHelper,
  type Needs,
  type RouteSource,
} from './handler-recording.js';
import { constantAttributes, metricName } from './names.js';
import {
  HELPER_NAMES,
  HELPERS,
  type Helper,
  helperDeclaration,
  type InstrumentSpec,
  instrumentDeclaration,
  type PackageNames,
  resourceAttributesDeclaration,
  varBlock,
} from './package-code.js';
import { type PackageView, packageView, reusableDeclares } from './package-view.js';
import { type RuntimeRouter, routeOf, runtimeRouter } from './route.js';

const ECHO = 'github.com/labstack/echo/v4';
const GIN = 'github.com/gin-gonic/gin';
const RESOURCE = /\brequestMetricResource\s*=/;

const DEFAULT_INSTRUMENTS: Instruments = { histogram: 'requestDuration', counter: 'requestCount' };

function findFunction(root: Node, text: string, target: PlanTarget): GoFunction | null {
  const node = root.namedChildren.find(
    (n) =>
      (n.type === 'function_declaration' || n.type === 'method_declaration') &&
      lineOf(n) === target.fn.line &&
      n.childForFieldName('name')?.text === target.fn.name,
  );
  return node ? readFunction(node, text) : null;
}

const HIJACKING = /\bHijack(er)?\b|\bwebsocket\b|\.Upgrade\(/i;

/** One function the recording goes into: the handler itself, or a literal its factory returns. */
interface HandlerSite {
  fn: GoFunction;
  shape: HandlerShape;
}

/** The declared function and where its requests run, or why it is left alone. */
interface Handler {
  /** The declaration: every name it mentions is reserved before any import is named. */
  fn: GoFunction;
  sites: HandlerSite[];
  /** A factory: the sites are the function literals it returns. */
  factory: boolean;
}

/** The handler's declaration and how it takes the request, or why it is left alone. */
function handlerOf(
  root: Node,
  text: string,
  target: PlanTarget,
  frameworks: FrameworkNames,
): Handler | string {
  const fn = findFunction(root, text, target);
  if (!fn) return 'the function was not found where the audit saw it (has the file changed since?)';
  if (target.fn.excluded) return `not instrumented: ${target.fn.excluded.reason}`;
  const shape = handlerShape(fn, frameworks);
  if (typeof shape !== 'string') {
    if (shape.kind === 'net/http' && HIJACKING.test(fn.body.text)) return HIJACKS;
    return { fn, sites: [{ fn, shape }], factory: false };
  }
  // A factory takes no request: it returns the handler (`func (s *server) handleX() http.HandlerFunc`).
  if (!returnsHandlerType(fn, frameworks))
    return target.fn.handler?.framework === 'echo' && frameworks.echo === null
      ? `only echo v4 handlers are covered (${ECHO}): record this one by hand`
      : shape;
  const literals = returnedHandlers(fn, frameworks, text);
  if (typeof literals === 'string') return literals;
  const sites: HandlerSite[] = [];
  for (const literal of literals) {
    const literalShape = handlerShape(literal, frameworks);
    if (typeof literalShape === 'string')
      return target.fn.handler?.framework === 'echo' && frameworks.echo === null
        ? `only echo v4 handlers are covered (${ECHO}): record the one this factory returns by hand`
        : `the function literal the factory returns (line ${lineOf(literal.node)}): ${literalShape}`;
    if (literalShape.kind === 'net/http' && HIJACKING.test(literal.body.text)) return HIJACKS;
    sites.push({ fn: literal, shape: literalShape });
  }
  return { fn, sites, factory: true };
}

const HIJACKS =
  'the handler hijacks the connection (websocket?): a status-recording wrapper would hide http.Hijacker';

/** The function returns a handler type of the file's frameworks (`http.HandlerFunc`, `gin.HandlerFunc`...). */
function returnsHandlerType(fn: GoFunction, frameworks: FrameworkNames): boolean {
  const type = fn.results.length === 1 ? fn.results[0]?.type.replace(/\s+/g, '') : undefined;
  const { http, gin, echo } = frameworks;
  return (
    type !== undefined &&
    ((http !== null && (type === `${http}.HandlerFunc` || type === `${http}.Handler`)) ||
      (gin !== null && type === `${gin}.HandlerFunc`) ||
      (echo !== null && type === `${echo}.HandlerFunc`))
  );
}

/** What the package still lacks for the planned handlers. */
interface PackageNeeds {
  declare: Needs;
  resource: boolean;
  helpers: Helper[];
}

function where(view: PackageView, name: string): string {
  const file = view.declared.get(name);
  return file === view.files[0]?.path ? 'the file' : `the package (${file})`;
}

/**
 * The instruments and helpers to declare in this file: those no usable file of the package declares.
 * A name the package already takes for something else (or declares only in a test file or behind a
 * build constraint) is a clash: declaring it again would not compile.
 */
function packageNeeds(
  view: PackageView,
  handlers: readonly { shape: HandlerShape; needs: Needs; runtime: RouteSource['runtime'] }[],
): PackageNeeds | string {
  const declare: Needs = {
    histogram: !view.instruments.histogram && handlers.some((h) => h.needs.histogram),
    counter: !view.instruments.counter && handlers.some((h) => h.needs.counter),
  };
  for (const kind of ['histogram', 'counter'] as const) {
    const name = DEFAULT_INSTRUMENTS[kind];
    const what = kind === 'histogram' ? 'float64 histogram' : 'counter';
    if (declare[kind] && view.declared.has(name))
      return `${where(view, name)} declares ${name}, which is not a once-created ${what}: rename it or create the instrument by hand`;
  }
  const resource = !reusableDeclares(view, RESOURCE);
  if (resource && view.declared.has('requestMetricResource'))
    return `${where(view, 'requestMetricResource')} declares requestMetricResource, not as the attributes the generated code expects: rename it`;
  const wanted: Helper[] = ['envOrUnknown', 'requestMetricAttributes', 'httpMethodLabel'];
  if (declare.histogram || declare.counter) wanted.unshift('mustInstrument');
  if (handlers.some((h) => h.shape.kind === 'net/http')) wanted.push('statusRecorder');
  if (handlers.some((h) => h.shape.kind === 'echo')) wanted.push('echoResponseStatus');
  for (const h of handlers) {
    const reader = matchedRouteHelper(h.shape, h.runtime);
    if (reader && !wanted.includes(reader)) wanted.push(reader);
  }
  const helpers = wanted.filter((h) => !reusableDeclares(view, HELPERS[h]));
  for (const helper of helpers) {
    const name = HELPER_NAMES[helper];
    if (!view.declared.has(name)) continue;
    if (helper === 'statusRecorder')
      return `${where(view, name)} declares its own statusRecorder type without statusCode(): the generated wrapper cannot be reused`;
    return `${where(view, name)} declares ${name}, not as the helper the generated code calls: rename it`;
  }
  return { declare, resource, helpers };
}

/** The gap's details name what is missing; without details, both. */
function needsOf(target: PlanTarget): Needs {
  const details = target.gaps.filter((g) => g.gap_type === 'missing_metric').flatMap((g) => g.details);
  const known = details.some((d) => d === 'duration histogram' || d === 'request counter');
  return {
    histogram: !known || details.includes('duration histogram'),
    counter: !known || details.includes('request counter'),
  };
}

function summaryOf(
  instruments: Instruments,
  needs: Needs,
  route: string,
  unknown: string[],
  where: string,
): string {
  const added = [
    ...(needs.histogram ? [`duration histogram ${instruments.histogram}`] : []),
    ...(needs.counter ? [`request counter ${instruments.counter}`] : []),
  ];
  const notes = [`${added.join(' and ')} recorded in a defer${where}`, route];
  if (unknown.length > 0)
    notes.push(`required attribute(s) ${unknown.join(', ')} have no known source: add them by hand`);
  return notes.join('; ');
}

/** Getters: a package is imported only when the text written refers to it. */
function packageNames(
  imports: ImportPlan,
  extra: ExtraImports,
  frameworks: FrameworkNames,
  routers: readonly RuntimeRouter[],
): PackageNames {
  const pathOf = (framework: RuntimeRouter['framework']) =>
    routers.find((r) => r.framework === framework)?.importPath as string;
  return {
    get otel() {
      return imports.use('otel');
    },
    get attribute() {
      return imports.use('attribute');
    },
    get metric() {
      return extra.use(`${PACKAGES.otel}/metric`);
    },
    get os() {
      return extra.use('os');
    },
    get strconv() {
      return extra.use('strconv');
    },
    get http() {
      return frameworks.http ?? extra.use('net/http');
    },
    get echo() {
      return frameworks.echo ?? extra.use(ECHO);
    },
    get gin() {
      return frameworks.gin ?? extra.use(GIN);
    },
    get chi() {
      return extra.use(pathOf('chi'));
    },
    get gorillaMux() {
      return extra.use(pathOf('gorilla/mux'));
    },
  };
}

/**
 * A body written on the `{` line (`return func(c *gin.Context) { c.JSON(...) }`) goes on a line of its
 * own after the recording: the recording's last line and the first statement cannot share one.
 */
function bodyOnSameLine(text: string, fn: GoFunction): string {
  const rest = text.slice(fn.bodyOpen, fn.bodyClose);
  const line = rest.slice(0, rest.search(/\n|$/));
  return line.trim() === '' || line.trim().startsWith('//') ? '' : `\n${fn.indent}`;
}

function skip(result: PlanResult, target: PlanTarget, reason: string): void {
  result.skipped.push({
    function: target.fn.qualifiedName,
    line: target.fn.line,
    gapType: 'missing_metric',
    reason,
  });
}

export function planGoMetrics(request: PlanRequest): PlanResult {
  const result: PlanResult = { edits: [], planned: [], skipped: [] };
  const targets = request.targets.filter((t) => t.gaps.some((g) => g.gap_type === 'missing_metric'));
  if (targets.length === 0) return result;
  const root = parseGo(request.text).rootNode;
  const ctx = fileContext(root, request);
  const extra = new ExtraImports(root, request.text);
  const view = packageView(request, root);
  // An import this file adds may not take a name another file of the package declares.
  ctx.imports.avoid(view.siblingNames);
  extra.avoid(view.siblingNames);
  const instruments: Instruments = {
    histogram: view.instruments.histogram ?? DEFAULT_INSTRUMENTS.histogram,
    counter: view.instruments.counter ?? DEFAULT_INSTRUMENTS.counter,
  };
  const frameworks: FrameworkNames = {
    http: ctx.imports.namesOf((p) => p === 'net/http')[0] ?? null,
    gin: ctx.imports.namesOf((p) => p === GIN)[0] ?? null,
    echo: ctx.imports.namesOf((p) => p === ECHO)[0] ?? null,
  };
  const { unknown } = constantAttributes(request.standards);
  // Every name the edited functions use is reserved before any new import is named.
  const handlers: (Handler & { target: PlanTarget; needs: Needs; runtime: RuntimeRouter | null })[] = [];
  const registrations = [...request.facts.routes, ...view.siblingRoutes];
  for (const target of targets) {
    const found = handlerOf(root, request.text, target, frameworks);
    if (typeof found === 'string') {
      skip(result, target, found);
      continue;
    }
    ctx.imports.avoid(found.fn.identifiers);
    extra.avoid(found.fn.identifiers);
    const runtime = found.sites.some((s) => s.shape.kind === 'net/http')
      ? runtimeRouter(target.fn, registrations, view.importPaths)
      : null;
    handlers.push({ target, ...found, needs: needsOf(target), runtime });
  }
  if (handlers.length === 0) return result;
  const missing = packageNeeds(
    view,
    handlers.flatMap((h) =>
      h.sites.map((s) => ({ shape: s.shape, needs: h.needs, runtime: h.runtime?.framework ?? null })),
    ),
  );
  if (typeof missing === 'string') {
    for (const { target } of handlers) skip(result, target, missing);
    return result;
  }
  const time = extra.use('time');
  const handlerEdits: TextEdit[] = [];
  for (const { target, sites, factory, needs, runtime } of handlers) {
    const route: RouteSource = {
      template: routeOf(target.fn, request.facts),
      fallback: target.fn.qualifiedName,
      runtime: runtime?.framework ?? null,
    };
    let routeNote = '';
    for (const { fn, shape } of sites) {
      const recording = handlerRecording(fn, route, shape, instruments, needs, {
        time,
        serverError: frameworks.http ? `${frameworks.http}.StatusInternalServerError` : '500',
      });
      handlerEdits.push(...shape.renames, {
        start: fn.bodyOpen,
        end: fn.bodyOpen,
        text: recording.text + bodyOnSameLine(request.text, fn),
      });
      routeNote = recording.route;
    }
    const where = !factory
      ? ''
      : sites.length === 1
        ? ' in the handler the factory returns'
        : ` in each of the ${sites.length} handlers the factory returns`;
    result.planned.push({
      function: target.fn.qualifiedName,
      line: target.fn.line,
      gapTypes: ['missing_metric'],
      summary: summaryOf(instruments, needs, routeNote, unknown, where),
    });
  }
  const routers = handlers.flatMap((h) => (h.runtime ? [h.runtime] : []));
  const declarations = packageDeclarations(request, missing, () =>
    packageNames(ctx.imports, extra, frameworks, routers),
  );
  const at = ctx.imports.endOfImports();
  result.edits.push(...extra.edits(ctx.imports.edits(), at));
  if (declarations !== '') result.edits.push({ start: at, end: at, text: declarations });
  result.edits.push(...handlerEdits);
  return result;
}

/** The instruments and helpers the package still lacks, as text to place after this file's imports. */
function packageDeclarations(request: PlanRequest, missing: PackageNeeds, names: () => PackageNames): string {
  const subsystem = request.facts.packageName;
  const specs: InstrumentSpec[] = [];
  if (missing.declare.histogram)
    specs.push({
      variable: DEFAULT_INSTRUMENTS.histogram,
      constructor: 'Float64Histogram',
      name: metricName(request.standards, request.service, subsystem, 'request.duration'),
      unit: 's',
      description: 'Duration of the HTTP requests this package handles.',
    });
  if (missing.declare.counter)
    specs.push({
      variable: DEFAULT_INSTRUMENTS.counter,
      constructor: 'Int64Counter',
      name: metricName(request.standards, request.service, subsystem, 'requests'),
      unit: '{request}',
      description: 'Number of HTTP requests this package handles.',
    });
  if (specs.length === 0 && !missing.resource && missing.helpers.length === 0) return '';
  const p = names();
  const vars = specs.map((s) => instrumentDeclaration(s, request.scopeName, p));
  if (missing.resource)
    vars.push(resourceAttributesDeclaration(constantAttributes(request.standards).known, p));
  return (
    (vars.length > 0 ? varBlock(vars, specs.length > 0) : '') +
    missing.helpers.map((h) => helperDeclaration(h, p)).join('')
  );
}

export const goMetricsPlanner: InstrumentPlanner = { plan: planGoMetrics };
