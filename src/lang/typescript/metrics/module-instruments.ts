// The module-level half of handler metrics: `metrics` from '@opentelemetry/api', one meter from the
// global provider, the histogram and counter (created once, at load, never per request), and the
// standards' required metric attributes read once from the environment. Reuses what the module has.
import type { TextEdit } from '../../../edit/model.js';
import type { PlanRequest } from '../../../instrument/types.js';
import { OTEL_API } from '../instrument/module-setup.js';
import { freshName } from '../instrument/names.js';
import { indentAt } from '../instrument/reindent.js';
import { type CodeStyle, quoted, semi } from '../instrument/style.js';
import { HANDLER_INSTRUMENTS, type HandlerInstrument, metricName } from './metric-names.js';
import type { ModuleScan } from './module-scan.js';

export interface ModuleRefs {
  histogram: string;
  counter: string;
  /** The constant object of required metric attributes, or null when the standards require none. */
  attributes: string | null;
  /** The module-level helper of this kind: declared once, beside the instruments, when a handler uses it. */
  helper: (kind: HelperKind) => string;
  /** Every module-level name the recording code refers to: handler locals neither capture nor shadow them. */
  names: string[];
}

export interface ModulePlan {
  refs: ModuleRefs;
  /** The helpers handlers use so far (a recorder that gives up gives back what it marked). */
  used: Set<HelperKind>;
  /** The module-level edits: the import, the meter, the instruments, the attributes, the helpers used. */
  edits: () => TextEdit[];
  /** Words for the summary: `instruments app.orders.request.duration, app.orders.requests`. */
  notes: string[];
}

/**
 * The code every handler of a module shares, generated once per module: the request's metric attributes,
 * each framework's status for a thrown error, and the hand-back of a promise a sync handler returns.
 */
export type HelperKind =
  | 'attributes'
  | 'nestStatus'
  | 'koaStatus'
  | 'nextStatus'
  | 'fastifyStatus'
  | 'settled';

/** Preferred name, and text an existing declaration of it must contain to be reused. */
const HELPERS: Record<HelperKind, { name: string; marker: string }> = {
  attributes: { name: 'requestAttributes', marker: "'http.response.status_code'" },
  nestStatus: { name: 'nestResponseStatus', marker: 'getStatus' },
  koaStatus: { name: 'koaResponseStatus', marker: 'ENOENT' },
  nextStatus: { name: 'nextResponseStatus', marker: 'NEXT_NOT_FOUND' },
  fastifyStatus: { name: 'fastifyResponseStatus', marker: 'statusCode' },
  settled: { name: 'settled', marker: '.then(' },
};
const HELPER_ORDER: HelperKind[] = [
  'attributes',
  'nestStatus',
  'koaStatus',
  'nextStatus',
  'fastifyStatus',
  'settled',
];

const ATTRIBUTES_VARIABLE = 'metricAttributes';
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Where each required metric attribute's value comes from: the standards name an environment variable. */
function attributeSources(request: PlanRequest): { key: string; variable: string }[] {
  const { service, metrics } = request.standards;
  const byName = new Map([
    ['environment', service.environment_variable],
    ['deployment.environment.name', service.environment_variable],
    ['service.version', service.version_variable],
  ]);
  return metrics.required_attributes.flatMap((key) => {
    const variable = byName.get(key);
    return variable ? [{ key, variable }] : [];
  });
}

/** Required metric attributes the planner has no value for (reported, never invented). */
export function unsourcedAttributes(request: PlanRequest): string[] {
  const known = new Set(attributeSources(request).map((s) => s.key));
  return request.standards.metrics.required_attributes.filter((k) => !known.has(k));
}

export function planModuleInstruments(
  request: PlanRequest,
  scan: ModuleScan,
  style: CodeStyle,
  text: string,
  usedInTargets: (name: string) => boolean,
): ModulePlan {
  const taken = (name: string) => scan.bindings.has(name) || usedInTargets(name);
  const s = semi(style);
  const lines: string[] = [];
  const edits: TextEdit[] = [];
  const notes: string[] = [];

  let metricsRef = scan.metricsRef;
  let importLine: string | null = null;
  const needsMeter = (kind: HandlerInstrument['kind']) => reusable(request, scan, kind) === null;
  const meterNeeded = scan.meter === null && HANDLER_INSTRUMENTS.some((i) => needsMeter(i.kind));
  if (meterNeeded && metricsRef === null) {
    metricsRef = freshName(taken, 'metrics', ['otelMetrics']);
    const added = importMetrics(scan, metricsRef, style, text);
    edits.push(...added.edits);
    importLine = added.line;
  }
  let meter = scan.meter;
  if (meterNeeded) {
    meter = freshName(taken, 'meter', ['otelMeter']);
    lines.push(`const ${meter} = ${metricsRef}.getMeter(${quoted(request.scopeName, style)})${s}`);
  }

  const variables = new Map<string, string>();
  for (const instrument of HANDLER_INSTRUMENTS) {
    const name = metricName(request.standards, request.service, request.facts.packageName, instrument.metric);
    const existing = reusable(request, scan, instrument.kind);
    if (existing) {
      variables.set(instrument.kind, existing);
      notes.push(`reuses ${existing}`);
      continue;
    }
    const variable = freshName(taken, instrument.variable, [`otel${capitalised(instrument.variable)}`]);
    variables.set(instrument.kind, variable);
    notes.push(`${instrument.kind} ${name} (${instrument.unit})`);
    const comma = style.trailingCommas === 'none' ? '' : ',';
    lines.push(
      [
        `const ${variable} = ${meter}.${instrument.creator}(${quoted(name, style)}, {`,
        `${style.indent}unit: ${quoted(instrument.unit, style)},`,
        `${style.indent}description: ${quoted(instrument.description, style)}${comma}`,
        `})${s}`,
      ].join('\n'),
    );
  }

  const sources = attributeSources(request);
  let attributes: string | null = null;
  if (sources.length > 0) {
    const existing = scan.bindings.get(ATTRIBUTES_VARIABLE);
    if (existing !== undefined && sources.every((src) => existing.includes(src.variable))) {
      attributes = ATTRIBUTES_VARIABLE;
    } else {
      attributes = freshName(taken, ATTRIBUTES_VARIABLE, ['otelMetricAttributes']);
      const comma = style.trailingCommas === 'none' ? '' : ',';
      const entries = sources.map(
        (src, i) =>
          `${style.indent}${propertyKey(src.key, style)}: ${environmentRead(src.variable, style)} ?? ${quoted('unknown', style)}${i === sources.length - 1 ? comma : ','}`,
      );
      lines.push(
        [
          '// Read once at load: constant for the life of the process, never per request.',
          `const ${attributes} = {`,
          ...entries,
          `}${s}`,
        ].join('\n'),
      );
    }
  }

  // Helpers a module already has (from an earlier run) are reused; the others get names of their own.
  const helperNames = new Map<HelperKind, { name: string; exists: boolean }>();
  for (const kind of HELPER_ORDER) {
    const { name, marker } = HELPERS[kind];
    const existing = scan.bindings.get(name);
    const markers = [marker, ...(kind === 'attributes' && attributes ? [`...${attributes}`] : [])];
    const markerFor = (m: string) => (style.quote === '"' ? m.replaceAll("'", '"') : m);
    if (existing !== undefined && markers.every((m) => existing.includes(markerFor(m))))
      helperNames.set(kind, { name, exists: true });
    else helperNames.set(kind, { name: freshName(taken, name, [`otel${capitalised(name)}`]), exists: false });
  }
  const used = new Set<HelperKind>();
  const refs: ModuleRefs = {
    histogram: variables.get('histogram') ?? '',
    counter: variables.get('counter') ?? '',
    attributes,
    helper: (kind) => {
      used.add(kind);
      return helperNames.get(kind)?.name ?? '';
    },
    names: [],
  };
  refs.names = [
    refs.histogram,
    refs.counter,
    ...(attributes ? [attributes] : []),
    ...[...helperNames.values()].map((h) => h.name),
  ];
  return {
    refs,
    used,
    edits: () => {
      const helpers = HELPER_ORDER.flatMap((kind) => {
        const helper = helperNames.get(kind);
        return used.has(kind) && helper && !helper.exists
          ? [helperCode(kind, helper.name, attributes, style)]
          : [];
      });
      const all = [...lines, ...helpers];
      return all.length > 0 || importLine ? [...edits, declarationsEdit(scan, text, importLine, all)] : edits;
    },
    notes,
  };
}

const STANDARD_METHODS = ['CONNECT', 'DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT', 'TRACE'];

/** The declaration of one module-level helper, in the module's style (types only in TypeScript). */
function helperCode(kind: HelperKind, name: string, attributes: string | null, style: CodeStyle): string {
  const s = semi(style);
  const q = (v: string) => quoted(v, style);
  const u = style.indent;
  const ts = style.typescript;
  const comma = style.trailingCommas === 'none' ? '' : ',';
  const callComma = style.trailingCommas === 'all' ? ',' : '';
  const errParam = `err${ts ? ': unknown' : ''}`;
  const returns = ts ? ': number' : '';
  switch (kind) {
    case 'attributes':
      return [
        "// The attributes of one request's measurements: the method (_OTHER outside the HTTP standard), the",
        '// route template (never the raw path), the status the client received (null: the connection closed',
        '// first), and error.type on server errors only.',
        ts
          ? `function ${name}(method: string | undefined, route: string, status: number | null) {`
          : `function ${name}(method, route, status) {`,
        // A method outside the HTTP standard becomes _OTHER (semantic conventions): the attribute stays bounded.
        `${u}const standard = [${STANDARD_METHODS.map(q).join(', ')}]${s}`,
        `${u}return {`,
        ...(attributes ? [`${u}${u}...${attributes},`] : []),
        `${u}${u}${q('http.request.method')}: method !== undefined && standard.includes(method) ? method : ${q('_OTHER')},`,
        `${u}${u}${q('http.route')}: route,`,
        `${u}${u}...(status === null`,
        `${u}${u}${u}? { ${q('error.type')}: ${q('aborted')} }`,
        `${u}${u}${u}: { ${q('http.response.status_code')}: status, ...(status >= 500 ? { ${q('error.type')}: String(status) } : {}) })${comma}`,
        `${u}}${s}`,
        '}',
      ].join('\n');
    case 'nestStatus':
      return [
        "// The status Nest's default exception filter sends for an error: an HttpException's status, an",
        "// http-errors error's statusCode, else 500.",
        `function ${name}(${errParam})${returns} {`,
        `${u}return typeof err !== ${q('object')} || err === null`,
        `${u}${u}? 500`,
        `${u}${u}: ${q('getStatus')} in err && typeof err.getStatus === ${q('function')}`,
        `${u}${u}${u}? Number(err.getStatus())`,
        `${u}${u}${u}: ${q('statusCode')} in err && typeof err.statusCode === ${q('number')} && ${q('message')} in err && err.message`,
        `${u}${u}${u}${u}? err.statusCode`,
        `${u}${u}${u}${u}: 500${s}`,
        '}',
      ].join('\n');
    case 'koaStatus':
      return [
        "// The status Koa's default error handler sends for an error: an Error's status (or statusCode) when it",
        '// is an HTTP status, 404 for ENOENT, else 500.',
        `function ${name}(${errParam})${returns} {`,
        `${u}const raised =`,
        `${u}${u}err instanceof Error &&`,
        `${u}${u}((${q('status')} in err && err.status) || (${q('statusCode')} in err && err.statusCode))${s}`,
        `${u}return err instanceof Error && ${q('code')} in err && err.code === ${q('ENOENT')}`,
        `${u}${u}? 404`,
        `${u}${u}: typeof raised === ${q('number')} && raised >= 100 && raised <= 599`,
        `${u}${u}${u}? raised`,
        `${u}${u}${u}: 500${s}`,
        '}',
      ].join('\n');
    case 'nextStatus':
      return [
        '// The status Next sends for an error: redirect() and notFound() their own, any other error a 500.',
        `function ${name}(${errParam})${returns} {`,
        `${u}const digest =`,
        `${u}${u}typeof err === ${q('object')} && err !== null && ${q('digest')} in err ? String(err.digest) : ${q('')}${s}`,
        `${u}const control = /^NEXT_(?:REDIRECT;.*;|HTTP_ERROR_FALLBACK;)(\\d{3});?$/.exec(digest)${s}`,
        `${u}return control ? Number(control[1]) : digest === ${q('NEXT_NOT_FOUND')} ? 404 : 500${s}`,
        '}',
      ].join('\n');
    case 'fastifyStatus':
      return [
        "// The status Fastify's default error handler sends for an error: its statusCode when it is 4xx/5xx,",
        '// else 500.',
        `function ${name}(${errParam})${returns} {`,
        `${u}const status =`,
        `${u}${u}typeof err === ${q('object')} && err !== null && ${q('statusCode')} in err ? Number(err.statusCode) : 0${s}`,
        `${u}return status >= 400 ? status : 500${s}`,
        '}',
      ].join('\n');
    case 'settled':
      return [
        '// A promise a handler returns is handed back as one settling the same way: `onPending` runs at once,',
        '// `onSettled` when it settles (with the rejection, if any). Anything else is returned as it is.',
        ...(ts
          ? [
              `function ${name}<T>(`,
              `${u}value: T,`,
              `${u}onPending: () => void,`,
              `${u}onSettled: (rejected: boolean, err?: unknown) => void${callComma}`,
              '): T {',
            ]
          : [`function ${name}(value, onPending, onSettled) {`]),
        `${u}if (typeof ${ts ? '(value as { then?: unknown } | null | undefined)' : 'value'}?.then !== ${q('function')}) return value${s}`,
        `${u}onPending()${s}`,
        `${u}return ${ts ? '(value as PromiseLike<unknown>)' : 'value'}.then(`,
        `${u}${u}(result) => {`,
        `${u}${u}${u}onSettled(false)${s}`,
        `${u}${u}${u}return result${s}`,
        `${u}${u}},`,
        `${u}${u}(${errParam}) => {`,
        `${u}${u}${u}onSettled(true, err)${s}`,
        `${u}${u}${u}throw err${s}`,
        `${u}${u}}${callComma}`,
        `${u})${ts ? ' as T' : ''}${s}`,
        '}',
      ].join('\n');
  }
}

/** A module-level instrument of this kind already declared under the name the standards give it. */
function reusable(request: PlanRequest, scan: ModuleScan, kind: HandlerInstrument['kind']): string | null {
  const instrument = HANDLER_INSTRUMENTS.find((i) => i.kind === kind);
  if (!instrument) return null;
  const expected = metricName(
    request.standards,
    request.service,
    request.facts.packageName,
    instrument.metric,
  );
  const found = request.facts.metricInstruments.find(
    (m) =>
      m.kind === kind &&
      !m.perCall &&
      m.name === expected &&
      m.variable !== null &&
      scan.bindings.has(m.variable),
  );
  return found?.variable ?? null;
}

/** Adds `metrics` to the existing API import (or destructuring require), else returns a new import line. */
function importMetrics(
  scan: ModuleScan,
  local: string,
  style: CodeStyle,
  text: string,
): { edits: TextEdit[]; line: string | null } {
  const spec = local === 'metrics' ? 'metrics' : scan.commonjs ? `metrics: ${local}` : `metrics as ${local}`;
  const list = scan.mergeInto;
  if (list) {
    const items = list.namedChildren.filter((c) => c.type !== 'comment');
    const last = items[items.length - 1];
    const edit = (start: number, insert: string) => ({
      edits: [{ start, end: start, text: insert }],
      line: null,
    });
    if (!last) return edit(list.startIndex + 1, ` ${spec} `);
    const multiline = list.startPosition.row !== list.endPosition.row;
    // A sorted list stays sorted.
    const nameOf = (n: (typeof items)[number]) =>
      (n.childForFieldName('name') ?? n.childForFieldName('key') ?? n).text.toLowerCase();
    const sorted = items.every((n, i) => i === 0 || nameOf(items[i - 1] ?? n) <= nameOf(n));
    const before = sorted ? items.find((n) => nameOf(n) > 'metrics') : undefined;
    if (before)
      return edit(before.startIndex, `${spec},${multiline ? `\n${indentAt(text, before.startIndex)}` : ' '}`);
    if (!multiline) return edit(last.endIndex, `, ${spec}`);
    const comma = last.nextSibling?.type === ',' ? last.nextSibling : null;
    const indent = indentAt(text, last.startIndex);
    return comma ? edit(comma.endIndex, `\n${indent}${spec},`) : edit(last.endIndex, `,\n${indent}${spec}`);
  }
  const source = quoted(OTEL_API, style);
  const line = scan.commonjs
    ? `const { ${spec} } = require(${source})${semi(style)}`
    : `import { ${spec} } from ${source}${semi(style)}`;
  return { edits: [], line };
}

/** New module-level lines after the last import/require (a blank line around them), else before the code. */
function declarationsEdit(
  scan: ModuleScan,
  text: string,
  importLine: string | null,
  lines: string[],
): TextEdit {
  const block = lines.join('\n\n');
  if (scan.anchor) {
    const at = scan.anchor.endIndex;
    const spaced = text.startsWith('\n\n', at) ? '' : '\n';
    const insert = `${importLine ? `\n${importLine}` : ''}${block ? `\n\n${block}${spaced}` : ''}`;
    return { start: at, end: at, text: insert };
  }
  const at = scan.firstStatement?.startIndex ?? text.length;
  return { start: at, end: at, text: `${[importLine, block].filter(Boolean).join('\n\n')}\n\n` };
}

function environmentRead(variable: string, style: CodeStyle): string {
  return IDENTIFIER.test(variable) ? `process.env.${variable}` : `process.env[${quoted(variable, style)}]`;
}

function propertyKey(key: string, style: CodeStyle): string {
  return IDENTIFIER.test(key) ? key : quoted(key, style);
}

function capitalised(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
