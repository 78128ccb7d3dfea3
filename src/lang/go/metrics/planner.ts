// The Go metrics planner (issue 4): for each handler with a `missing_metric` gap, a deferred recording of
// the request duration (histogram, seconds) and the request count, with low-cardinality attributes; the
// instruments and helpers are declared once at package level, or reused when the file has them.
// Pure: text in, edits out. It sees one file, so helpers in another file of the package are not seen:
// the pipeline's `go vet` then reports a duplicate declaration and rolls the package back.
import type { TextEdit } from '../../../edit/model.js';
import type { InstrumentPlanner, PlanRequest, PlanResult, PlanTarget } from '../../../instrument/types.js';
import type { FileFacts } from '../../facts.js';
import { fileContext } from '../instrument/file-context.js';
import { type GoFunction, readFunction } from '../instrument/function-model.js';
import { type ImportPlan, PACKAGES } from '../instrument/imports.js';
import { lineOf } from '../instrument/syntax.js';
import { type Node, parseGo } from '../parser.js';
import { ExtraImports } from './extra-imports.js';
import {
  type HandlerShape,
  handlerRecording,
  handlerShape,
  type Instruments,
  type Needs,
} from './handler-recording.js';
import { constantAttributes, metricName } from './names.js';
import {
  declaresHelper,
  type Helper,
  helperDeclaration,
  type InstrumentSpec,
  instrumentDeclaration,
  type PackageNames,
  resourceAttributesDeclaration,
  varBlock,
} from './package-code.js';
import { routeOf } from './route.js';

const DEFAULT_INSTRUMENTS: Instruments = { histogram: 'requestDuration', counter: 'requestCount' };

/** Package-level instruments the file already creates once, by kind. */
function existingInstruments(facts: FileFacts, packageVars: ReadonlySet<string>): Partial<Instruments> {
  const once = facts.metricInstruments.filter(
    (m) => !m.perCall && m.variable !== null && packageVars.has(m.variable),
  );
  return {
    histogram: once.find((m) => m.kind === 'histogram')?.variable ?? undefined,
    counter: once.find((m) => m.kind === 'counter')?.variable ?? undefined,
  };
}

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

/** The handler's declaration and how it takes the request, or why it is left alone. */
function handlerOf(
  root: Node,
  text: string,
  target: PlanTarget,
  http: string | null,
  gin: string | null,
): { fn: GoFunction; shape: HandlerShape } | string {
  const fn = findFunction(root, text, target);
  if (!fn) return 'the function was not found where the audit saw it (has the file changed since?)';
  if (target.fn.excluded) return `not instrumented: ${target.fn.excluded.reason}`;
  const shape = handlerShape(fn, http, gin);
  if (typeof shape === 'string') return shape;
  if (shape.kind === 'net/http' && HIJACKING.test(fn.body.text))
    return 'the handler hijacks the connection (websocket?): a status-recording wrapper would hide http.Hijacker';
  return { fn, shape };
}

/** A declaration of this file that takes a name the generated code needs for something else. */
function nameClash(
  text: string,
  packageVars: ReadonlySet<string>,
  reused: Partial<Instruments>,
): string | null {
  for (const [kind, name] of Object.entries(DEFAULT_INSTRUMENTS) as [keyof Instruments, string][]) {
    if (!reused[kind] && packageVars.has(name))
      return `the file declares ${name}, which is not a once-created ${kind}: rename it or create the instrument by hand`;
  }
  if (/\btype\s+statusRecorder\b/.test(text) && !declaresHelper(text, 'statusRecorder'))
    return 'the file declares its own statusRecorder type without statusCode(): the generated wrapper cannot be reused';
  return null;
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

function summaryOf(instruments: Instruments, needs: Needs, route: string, unknown: string[]): string {
  const added = [
    ...(needs.histogram ? [`duration histogram ${instruments.histogram}`] : []),
    ...(needs.counter ? [`request counter ${instruments.counter}`] : []),
  ];
  const notes = [`${added.join(' and ')} recorded in a defer`, route];
  if (unknown.length > 0)
    notes.push(`required attribute(s) ${unknown.join(', ')} have no known source: add them by hand`);
  return notes.join('; ');
}

/** Getters: a package is imported only when the text written refers to it. */
function packageNames(imports: ImportPlan, extra: ExtraImports, httpName: string | null): PackageNames {
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
      return httpName ?? extra.use('net/http');
    },
  };
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
  const reused = existingInstruments(request.facts, ctx.packageVars);
  const instruments: Instruments = {
    histogram: reused.histogram ?? DEFAULT_INSTRUMENTS.histogram,
    counter: reused.counter ?? DEFAULT_INSTRUMENTS.counter,
  };
  const httpName = ctx.imports.namesOf((p) => p === 'net/http')[0] ?? null;
  const ginName = ctx.imports.namesOf((p) => p === 'github.com/gin-gonic/gin')[0] ?? null;
  const { unknown } = constantAttributes(request.standards);
  const clash = nameClash(request.text, ctx.packageVars, reused);
  if (clash !== null) {
    for (const target of targets) skip(result, target, clash);
    return result;
  }
  // Every name the edited functions use is reserved before any new import is named.
  const handlers: { target: PlanTarget; fn: GoFunction; shape: HandlerShape; needs: Needs }[] = [];
  for (const target of targets) {
    const found = handlerOf(root, request.text, target, httpName, ginName);
    if (typeof found === 'string') {
      skip(result, target, found);
      continue;
    }
    ctx.imports.avoid(found.fn.identifiers);
    extra.avoid(found.fn.identifiers);
    handlers.push({ target, ...found, needs: needsOf(target) });
  }
  if (handlers.length === 0) return result;
  const time = extra.use('time');
  const handlerEdits: TextEdit[] = [];
  for (const { target, fn, shape, needs } of handlers) {
    const recording = handlerRecording(
      fn,
      { template: routeOf(target.fn, request.facts), fallback: target.fn.qualifiedName },
      shape,
      instruments,
      needs,
      {
        time,
        serverError: httpName ? `${httpName}.StatusInternalServerError` : '500',
      },
    );
    handlerEdits.push(...shape.renames, { start: fn.bodyOpen, end: fn.bodyOpen, text: recording.text });
    result.planned.push({
      function: target.fn.qualifiedName,
      line: target.fn.line,
      gapTypes: ['missing_metric'],
      summary: summaryOf(instruments, needs, recording.route, unknown),
    });
  }
  const needsRecorder = handlers.some((h) => h.shape.kind === 'net/http');
  const declare: Needs = {
    histogram: !reused.histogram && handlers.some((h) => h.needs.histogram),
    counter: !reused.counter && handlers.some((h) => h.needs.counter),
  };
  const declarations = packageDeclarations(request, ctx.text, declare, needsRecorder, () =>
    packageNames(ctx.imports, extra, httpName),
  );
  const at = ctx.imports.endOfImports();
  result.edits.push(...extra.edits(ctx.imports.edits(), at));
  if (declarations !== '') result.edits.push({ start: at, end: at, text: declarations });
  result.edits.push(...handlerEdits);
  return result;
}

/** The instruments and helpers this file still lacks, as text to place after the imports. */
function packageDeclarations(
  request: PlanRequest,
  text: string,
  declare: Needs,
  needsRecorder: boolean,
  names: () => PackageNames,
): string {
  const subsystem = request.facts.packageName;
  const specs: InstrumentSpec[] = [];
  if (declare.histogram)
    specs.push({
      variable: DEFAULT_INSTRUMENTS.histogram,
      constructor: 'Float64Histogram',
      name: metricName(request.standards, request.service, subsystem, 'request.duration'),
      unit: 's',
      description: 'Duration of the HTTP requests this package handles.',
    });
  if (declare.counter)
    specs.push({
      variable: DEFAULT_INSTRUMENTS.counter,
      constructor: 'Int64Counter',
      name: metricName(request.standards, request.service, subsystem, 'requests'),
      unit: '{request}',
      description: 'Number of HTTP requests this package handles.',
    });
  const declaresResource = /\brequestMetricResource\s*=/.test(text);
  const helpers: Helper[] = ['mustInstrument', 'envOrUnknown', 'requestMetricAttributes', 'httpMethodLabel'];
  if (needsRecorder) helpers.push('statusRecorder');
  const missingHelpers = helpers.filter(
    (h) => !declaresHelper(text, h) && (h !== 'mustInstrument' || specs.length > 0),
  );
  if (specs.length === 0 && declaresResource && missingHelpers.length === 0) return '';
  const p = names();
  const vars = specs.map((s) => instrumentDeclaration(s, request.scopeName, p));
  if (!declaresResource)
    vars.push(resourceAttributesDeclaration(constantAttributes(request.standards).known, p));
  return (
    (vars.length > 0 ? varBlock(vars, specs.length > 0) : '') +
    missingHelpers.map((h) => helperDeclaration(h, p)).join('')
  );
}

export const goMetricsPlanner: InstrumentPlanner = { plan: planGoMetrics };
