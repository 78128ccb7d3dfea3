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
import { PACKAGES } from '../instrument/imports.js';
import { lineOf } from '../instrument/syntax.js';
import { type Node, parseGo } from '../parser.js';
import { ExtraImports } from './extra-imports.js';
import { handlerRecording, handlerShape, type Instruments } from './handler-recording.js';
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
  let needsRecorder = false;
  const handlerEdits: TextEdit[] = [];
  const functions: GoFunction[] = [];
  for (const target of targets) {
    const fn = findFunction(root, request.text, target);
    if (!fn) {
      skip(result, target, 'the function was not found where the audit saw it (has the file changed since?)');
      continue;
    }
    if (target.fn.excluded) {
      skip(result, target, `not instrumented: ${target.fn.excluded.reason}`);
      continue;
    }
    const shape = handlerShape(fn, httpName, ginName);
    if (typeof shape === 'string') {
      skip(result, target, shape);
      continue;
    }
    if (shape.kind === 'net/http' && HIJACKING.test(fn.body.text)) {
      skip(
        result,
        target,
        'the handler hijacks the connection (websocket?): a status-recording wrapper would hide http.Hijacker',
      );
      continue;
    }
    ctx.imports.avoid(fn.identifiers);
    functions.push(fn);
    needsRecorder ||= shape.kind === 'net/http';
    const time = extra.use('time');
    const recording = handlerRecording(fn, routeOf(target.fn, request.facts), shape, instruments, time);
    handlerEdits.push({ start: fn.bodyOpen, end: fn.bodyOpen, text: recording.text });
    const notes = [
      `duration histogram ${instruments.histogram} and request counter ${instruments.counter} recorded in a defer`,
      recording.route,
      ...(unknown.length > 0
        ? [`required attribute(s) ${unknown.join(', ')} have no known source: add them by hand`]
        : []),
    ];
    result.planned.push({
      function: target.fn.qualifiedName,
      line: target.fn.line,
      gapTypes: ['missing_metric'],
      summary: notes.join('; '),
    });
  }
  if (handlerEdits.length === 0) return result;
  const declarations = packageDeclarations(request, ctx.text, reused, needsRecorder, () => names());
  // Getters: a package is imported only when the text written refers to it.
  function names(): PackageNames {
    return {
      get otel() {
        return ctx.imports.use('otel');
      },
      get attribute() {
        return ctx.imports.use('attribute');
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
  reused: Partial<Instruments>,
  needsRecorder: boolean,
  names: () => PackageNames,
): string {
  const subsystem = request.facts.packageName;
  const specs: InstrumentSpec[] = [];
  if (!reused.histogram)
    specs.push({
      variable: DEFAULT_INSTRUMENTS.histogram,
      constructor: 'Float64Histogram',
      name: metricName(request.standards, request.service, subsystem, 'request.duration'),
      unit: 's',
      description: 'Duration of the HTTP requests this package handles.',
    });
  if (!reused.counter)
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
    (vars.length > 0 ? varBlock(vars) : '') + missingHelpers.map((h) => helperDeclaration(h, p)).join('')
  );
}

export const goMetricsPlanner: InstrumentPlanner = { plan: planGoMetrics };
