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
}

export interface ModulePlan {
  refs: ModuleRefs;
  edits: TextEdit[];
  /** Words for the summary: `instruments app.orders.request.duration, app.orders.requests`. */
  notes: string[];
}

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

  if (lines.length > 0 || importLine) edits.push(declarationsEdit(scan, text, importLine, lines));
  return {
    refs: {
      histogram: variables.get('histogram') ?? '',
      counter: variables.get('counter') ?? '',
      attributes,
    },
    edits,
    notes,
  };
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
