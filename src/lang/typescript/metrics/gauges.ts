// The TypeScript/JavaScript gauge planner (issue 4, `metrics.gauges[]`): an observable gauge whose callback
// reads a queue's depth at each collection. `this.jobs = []` in a constructor (or a class field
// `jobs: Job[] = []`, registered at the top of the constructor) gets the gauge in the constructor, the
// arrow callback keeping `this`; `const jobs: Job[] = []` at module level gets it right after the
// declaration. Arrays read `.length`, Maps and Sets `.size`. Pure: text in, edits out.
import type { TextEdit } from '../../../edit/model.js';
import type { GaugePlanner, GaugePlanRequest, GaugeSpec, PlanResult } from '../../../instrument/types.js';
import { OTEL_API } from '../instrument/module-setup.js';
import { freshName } from '../instrument/names.js';
import { indentAt } from '../instrument/reindent.js';
import { type CodeStyle, detectStyle, quoted, semi } from '../instrument/style.js';
import { parse } from '../parse.js';
import { grammarOf } from '../paths.js';
import { metricName } from './metric-names.js';
import { type ModuleScan, scanModule } from './module-scan.js';

type Node = ReturnType<typeof parse>['rootNode'];

interface Source {
  text: string;
  /** `this.jobs` → true; `jobs` → false. */
  onThis: boolean;
  name: string;
}

interface Site {
  /** The statement the registration follows, or the constructor body it opens. */
  after: Node | null;
  /** For a class field: where in the constructor the registration goes (after `super(...)`). */
  openAt: number | null;
  value: Node | null;
  type: string | null;
  function: string;
  line: number;
}

type Depth = { property: 'length' | 'size'; what: string };

const IDENT = /^[A-Za-z_$][\w$]*$/;

function parseSource(source: string): Source | null {
  const parts = source.trim().split('.');
  if (parts.length === 1 && IDENT.test(parts[0] as string))
    return { text: source.trim(), onThis: false, name: parts[0] as string };
  if (parts.length === 2 && parts[0] === 'this' && IDENT.test(parts[1] as string))
    return { text: source.trim(), onThis: true, name: parts[1] as string };
  return null;
}

function depthOf(value: Node | null, type: string | null): Depth | null {
  const v =
    value?.type === 'as_expression' || value?.type === 'satisfies_expression' ? value.firstNamedChild : value;
  if (v?.type === 'array') return { property: 'length', what: 'array' };
  if (v?.type === 'new_expression' || v?.type === 'call_expression') {
    const callee = (v.childForFieldName('constructor') ?? v.childForFieldName('function'))?.text ?? '';
    if (/^(Array|Array\.(from|of))$/.test(callee)) return { property: 'length', what: 'array' };
    if (v.type === 'new_expression' && (callee === 'Map' || callee === 'Set'))
      return { property: 'size', what: callee };
  }
  const t = (type ?? '').replace(/^:\s*/, '').trim();
  if (/\[\]$|^(Readonly)?Array</.test(t)) return { property: 'length', what: 'array' };
  if (/^(Readonly)?(Map|Set)</.test(t))
    return { property: 'size', what: t.replace(/^Readonly/, '').slice(0, 3) };
  return null;
}

const lineOf = (n: Node) => n.startPosition.row + 1;

function className(node: Node): string {
  for (let n: Node | null = node; n; n = n.parent)
    if (n.type === 'class_declaration' || n.type === 'class' || n.type === 'abstract_class_declaration')
      return n.childForFieldName('name')?.text ?? 'class';
  return 'class';
}

function constructorOf(classBody: Node): Node | null {
  return (
    classBody.namedChildren.find(
      (m) => m.type === 'method_definition' && m.childForFieldName('name')?.text === 'constructor',
    ) ?? null
  );
}

/** After `super(...);` when the constructor calls it, else just inside the opening brace. */
function constructorStart(ctor: Node): number | null {
  const body = ctor.childForFieldName('body');
  if (!body) return null;
  const superCall = body.namedChildren.find(
    (s) => s.type === 'expression_statement' && /^super\s*\(/.test(s.text),
  );
  return superCall ? superCall.endIndex : body.startIndex + 1;
}

/** Sites for `this.<name>`: constructor assignments, else class fields; with why one cannot be used. */
function thisSites(root: Node, source: Source): (Site | { skip: Site & { reason: string } })[] {
  const out: (Site | { skip: Site & { reason: string } })[] = [];
  for (const assign of root.descendantsOfType('assignment_expression')) {
    const left = assign.childForFieldName('left');
    if (left?.type !== 'member_expression' || left.text !== `this.${source.name}`) continue;
    const value = assign.childForFieldName('right');
    if (!value || value.descendantsOfType('member_expression').some((m) => m.text === left.text)) continue;
    const statement = assign.parent;
    let method: Node | null = assign.parent;
    while (method && method.type !== 'method_definition') method = method.parent;
    const fn = method?.childForFieldName('name')?.text ?? 'function';
    const site: Site = {
      after: statement,
      openAt: null,
      value,
      type: null,
      function: `${className(assign)}.${fn}`,
      line: lineOf(assign),
    };
    if (fn !== 'constructor')
      out.push({
        skip: {
          ...site,
          reason: `${source.text} is assigned in ${site.function}, not the constructor: a gauge registered there would be registered again on every call; create it in the constructor`,
        },
      });
    else if (statement?.type !== 'expression_statement' || statement.parent?.parent !== method)
      out.push({
        skip: {
          ...site,
          reason: `${source.text} is assigned inside a nested block or expression of the constructor`,
        },
      });
    else out.push(site);
  }
  for (const field of root.descendantsOfType('public_field_definition')) {
    if (field.childForFieldName('name')?.text !== source.name) continue;
    const value = field.childForFieldName('value');
    if (!value || /^static\b/.test(field.text)) continue;
    const body = field.parent;
    const ctor = body ? constructorOf(body) : null;
    const site: Site = {
      after: null,
      openAt: ctor ? constructorStart(ctor) : null,
      value,
      type: field.childForFieldName('type')?.text ?? null,
      function: `${className(field)}.constructor`,
      line: lineOf(field),
    };
    if (site.openAt === null)
      out.push({
        skip: {
          ...site,
          reason: `${source.text} is a class field and ${className(field)} has no constructor to register the gauge in: add one (not generated, so a subclass's super() call is never guessed)`,
        },
      });
    else out.push(site);
  }
  return out;
}

function moduleSites(root: Node, source: Source): Site[] {
  const out: Site[] = [];
  for (const statement of root.namedChildren) {
    const declaration =
      statement.type === 'export_statement' ? statement.childForFieldName('declaration') : statement;
    if (declaration?.type !== 'lexical_declaration' && declaration?.type !== 'variable_declaration') continue;
    for (const d of declaration.namedChildren) {
      if (d.type !== 'variable_declarator' || d.childForFieldName('name')?.text !== source.name) continue;
      const value = d.childForFieldName('value');
      if (!value) continue;
      out.push({
        after: statement,
        openAt: null,
        value,
        type: d.childForFieldName('type')?.text ?? null,
        function: '<module>',
        line: lineOf(statement),
      });
    }
  }
  return out;
}

interface Refs {
  meter: (at: number) => string;
}

function registration(
  gauge: GaugeSpec,
  source: Source,
  depth: Depth,
  metric: string,
  meter: string,
  style: CodeStyle,
  indent: string,
): string {
  const q = (s: string) => quoted(s, style);
  const comma = style.trailingCommas === 'none' ? '' : ',';
  const i = style.indent;
  const read = `${source.text}.${depth.property}`;
  const description = source.onThis
    ? `Items in ${source.text}, observed at each collection.`
    : `Items in ${source.text}, observed at each collection.`;
  return [
    `// ${gauge.name}: observe ${read} at each metrics collection (registered once, where it is created).`,
    `${meter}`,
    `${i}.createObservableGauge(${q(metric)}, {`,
    `${i}${i}unit: ${q('{item}')},`,
    `${i}${i}description: ${q(description)}${comma}`,
    `${i}})`,
    `${i}.addCallback((result) => {`,
    `${i}${i}result.observe(${read})${semi(style)}`,
    `${i}})${semi(style)}`,
  ]
    .map((l) => indent + l)
    .join('\n');
}

/** `metrics` from the API: merged into an existing import of it, else a new import after the last one. */
function importMetrics(scan: ModuleScan, style: CodeStyle, text: string, local: string): TextEdit {
  const spec = local === 'metrics' ? 'metrics' : scan.commonjs ? `metrics: ${local}` : `metrics as ${local}`;
  const list = scan.mergeInto;
  const items = list?.namedChildren.filter((c) => c.type !== 'comment') ?? [];
  const last = items[items.length - 1];
  // A sorted list stays sorted.
  const nameOf = (n: Node) =>
    (n.childForFieldName('name') ?? n.childForFieldName('key') ?? n).text.toLowerCase();
  const sorted = items.every((n, i) => i === 0 || nameOf(items[i - 1] ?? n) <= nameOf(n));
  const before = sorted ? items.find((n) => nameOf(n) > 'metrics') : undefined;
  const oneLine = list !== null && list.startPosition.row === list.endPosition.row;
  if (before) {
    const separator = oneLine ? ' ' : `\n${indentAt(text, before.startIndex)}`;
    return { start: before.startIndex, end: before.startIndex, text: `${spec},${separator}` };
  }
  if (list && last && oneLine) return { start: last.endIndex, end: last.endIndex, text: `, ${spec}` };
  if (list && last) {
    const comma = last.nextSibling?.type === ',' ? last.nextSibling : null;
    const indent = indentAt(text, last.startIndex);
    return comma
      ? { start: comma.endIndex, end: comma.endIndex, text: `\n${indent}${spec},` }
      : { start: last.endIndex, end: last.endIndex, text: `,\n${indent}${spec}` };
  }
  const line = scan.commonjs
    ? `const { ${spec} } = require(${quoted(OTEL_API, style)})${semi(style)}`
    : `import { ${spec} } from ${quoted(OTEL_API, style)}${semi(style)}`;
  if (scan.anchor) return { start: scan.anchor.endIndex, end: scan.anchor.endIndex, text: `\n${line}` };
  const at = scan.firstStatement?.startIndex ?? 0;
  return { start: at, end: at, text: `${line}\n\n` };
}

export function planTypeScriptGauges(request: GaugePlanRequest): PlanResult {
  const result: PlanResult = { edits: [], planned: [], skipped: [] };
  if (request.gauges.length === 0) return result;
  const root = parse(request.text, grammarOf(request.path, request.facts.language)).rootNode;
  if (root.hasError) {
    for (const gauge of request.gauges)
      result.skipped.push({
        function: '<module>',
        line: 0,
        gapType: 'missing_metric',
        gauge: gauge.name,
        reason: 'the file has syntax errors; fix them first',
      });
    return result;
  }
  const style = detectStyle(request.text, root, request.facts.language === 'typescript');
  const scan = scanModule(root, request.path);
  let metricsRef = scan.metricsRef;
  const bodies: TextEdit[] = [];
  const metricsOf = () => {
    if (metricsRef === null) {
      metricsRef = freshName((n) => scan.bindings.has(n), 'metrics', ['otelMetrics']);
      result.edits.push(importMetrics(scan, style, request.text, metricsRef));
    }
    return metricsRef;
  };
  const meterDeclared =
    scan.meter === null ? -1 : request.text.search(new RegExp(`\\b(const|let|var)\\s+${scan.meter}\\b`));
  const refs: Refs = {
    meter: (at) =>
      scan.meter !== null && meterDeclared >= 0 && meterDeclared < at
        ? scan.meter
        : `${metricsOf()}.getMeter(${quoted(request.scopeName, style)})`,
  };
  const names = new Set<string>();
  for (const gauge of request.gauges) {
    const metric = metricName(request.standards, request.service, request.facts.packageName, gauge.name);
    const skip = (fn: string, line: number, reason: string) =>
      result.skipped.push({ function: fn, line, gapType: 'missing_metric', gauge: gauge.name, reason });
    const existing = request.facts.metricInstruments.find(
      (m) => m.kind === 'observable-gauge' && m.name === metric,
    );
    const escaped = metric.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const found = new RegExp(`createObservableGauge\\(\\s*(['"\`])${escaped}\\1`).exec(request.text);
    if (existing || found) {
      const line = existing?.line ?? request.text.slice(0, found?.index ?? 0).split('\n').length;
      skip('<module>', line, `already observed: an observable gauge named ${metric} exists in this file`);
      continue;
    }
    const source = parseSource(gauge.source);
    if (!source) {
      skip(
        '<module>',
        0,
        `${gauge.source} is not a source otelwright can locate (expected \`this.jobs\` or \`jobs\`)`,
      );
      continue;
    }
    const sites = source.onThis ? thisSites(root, source) : moduleSites(root, source);
    if (sites.length === 0) continue;
    const usable = sites.find((s): s is Site => !('skip' in s));
    if (!usable) {
      const first = (sites[0] as { skip: Site & { reason: string } }).skip;
      skip(first.function, first.line, first.reason);
      continue;
    }
    const depth = depthOf(usable.value, usable.type);
    if (!depth) {
      const shown = usable.value?.text.slice(0, 60) ?? '';
      skip(
        usable.function,
        usable.line,
        `${source.text} is created by \`${shown}\`${usable.type ? ` (type ${usable.type.replace(/^:\s*/, '')})` : ''}, whose depth otelwright cannot read: arrays (.length), Map and Set (.size) are known`,
      );
      continue;
    }
    if (names.has(metric)) {
      skip(
        usable.function,
        usable.line,
        `another gauge of metrics.gauges is already named ${metric}: give each its own name`,
      );
      continue;
    }
    names.add(metric);
    if (usable.after) {
      const at = usable.after.endIndex;
      const indent = indentAt(request.text, usable.after.startIndex);
      const code = registration(gauge, source, depth, metric, refs.meter(at), style, indent);
      bodies.push({ start: at, end: at, text: source.onThis ? `\n${code}` : `\n\n${code}` });
    } else {
      const at = usable.openAt as number;
      const opens = request.text[at - 1] === '{';
      const outer = indentAt(request.text, at - 1);
      const indent = opens ? `${outer}${style.indent}` : indentAt(request.text, at);
      // `constructor() {}`: the closing brace moves to its own line.
      const close = opens && /^[ \t]*\}/.test(request.text.slice(at));
      const code = registration(gauge, source, depth, metric, refs.meter(at), style, indent);
      bodies.push({ start: at, end: at, text: `\n${code}${close ? `\n${outer}` : ''}` });
    }
    result.planned.push({
      function: usable.function,
      line: usable.line,
      gapTypes: ['missing_metric'],
      gauge: gauge.name,
      summary: `observable gauge ${metric} ({item}) reads ${source.text}.${depth.property} (${depth.what}) at each collection; registered ${source.onThis ? `in ${usable.function}, once per instance (with several live instances the SDK reports one point, the last registered instance's)` : 'once at module load, after the declaration'}`,
    });
  }
  result.edits.push(...bodies);
  return result;
}

export const typescriptGaugePlanner: GaugePlanner = { plan: planTypeScriptGauges };
