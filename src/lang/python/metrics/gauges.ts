import type { GaugePlanner, GaugePlanRequest, GaugeSpec, PlanResult } from '../../../instrument/types.js';
import { metricName } from '../../../standards/metric-name.js';
import { Layout } from '../instrument/layout.js';
import { freshName } from '../instrument/module-edits.js';
import { type ModuleScope, readModuleScope } from '../instrument/module-scope.js';
import { type Node, preferredQuote, pyString, type Quote } from '../instrument/syntax.js';
import { parsePython } from '../parser.js';
import { placeGaugeImports } from './gauges-imports.js';
import {
  type CreationSite,
  creationSites,
  type Depth,
  depthOf,
  type PySource,
  parseSource,
  topLevelStatement,
} from './gauges-sites.js';
import { metricsImport, plainImport } from './module-block.js';

/** As the handler metrics planner fills `metrics.name_template` (its own helper is not exported). */
const KEYWORDS = new Set(['class', 'def', 'for', 'in', 'is', 'if', 'else', 'import', 'from', 'with', 'as']);

interface Plan {
  gauge: GaugeSpec;
  source: PySource;
  site: CreationSite;
  depth: Depth;
  metric: string;
}

interface Names {
  metrics: string;
  observation: string;
  callbackOptions: string;
  weakref: string;
  bound: Set<string>;
}

type Outcome = { plan: Plan } | { skip: { function: string; line: number; reason: string } } | null;

const lineOf = (node: Node) => node.startPosition.row + 1;

function observedAt(text: string, name: string): number | null {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`create_observable_gauge\\(\\s*(["'])${escaped}\\1`).exec(text);
  return match ? match.index : null;
}

/** The audit's qualified name of the innermost function holding `line`, or `<module>`. */
function functionAt(request: GaugePlanRequest, line: number): string {
  const holders = request.facts.functions.filter((f) => f.line <= line && line <= f.endLine);
  holders.sort((a, b) => b.line - a.line);
  return holders[0]?.qualifiedName ?? '<module>';
}

function gaugeOutcome(gauge: GaugeSpec, request: GaugePlanRequest, root: Node, scope: ModuleScope): Outcome {
  const metric = metricName(request.standards, request.service, request.facts.packageName, gauge.name);
  const existing = request.facts.metricInstruments.find(
    (m) => m.kind === 'observable-gauge' && m.name === metric,
  );
  const at = existing ? null : observedAt(request.text, metric);
  if (existing || at !== null) {
    const line = existing?.line ?? request.text.slice(0, at as number).split('\n').length;
    return {
      skip: {
        function: functionAt(request, line),
        line,
        reason: `already observed: an observable gauge named ${metric} exists in this file`,
      },
    };
  }
  const source = parseSource(gauge.source);
  if (!source)
    return {
      skip: {
        function: '<module>',
        line: 0,
        reason: `${gauge.source} is not a source otelwright can locate in Python (expected \`self.jobs\` or \`jobs\`)`,
      },
    };
  const sites = creationSites(root, source);
  if (sites.length === 0) return null;
  // `__init__` first: the set only needs each instance once.
  const ordered = [...sites].sort(
    (a, b) => Number(nameOf(b.method) === '__init__') - Number(nameOf(a.method) === '__init__'),
  );
  let first: Outcome = null;
  for (const site of ordered) {
    const outcome = siteOutcome(gauge, source, site, request, scope, metric);
    if ('plan' in outcome) return outcome;
    first ??= outcome;
  }
  return first;
}

const nameOf = (fn: Node | null) => fn?.childForFieldName('name')?.text ?? '';

function siteOutcome(
  gauge: GaugeSpec,
  source: PySource,
  site: CreationSite,
  request: GaugePlanRequest,
  scope: ModuleScope,
  metric: string,
): { plan: Plan } | { skip: { function: string; line: number; reason: string } } {
  const line = lineOf(site.statement);
  const skip = (reason: string) => ({ skip: { function: functionAt(request, line), line, reason } });
  if (source.owner === null && site.statement.parent?.type !== 'module')
    return skip(
      `${source.text} is assigned inside ${site.method ? `function ${nameOf(site.method)}` : 'a block'}, not at module level: create it at module level, or observe it by hand`,
    );
  if (site.cls && !topLevelStatement(site.cls))
    return skip(`${source.text} belongs to a class not defined at module level: observe it by hand`);
  const depth = depthOf(site.value, scope);
  if (!depth) {
    const shown = site.value.text.length > 60 ? `${site.value.text.slice(0, 57)}...` : site.value.text;
    return skip(
      `${source.text} is created by \`${shown}\`, whose depth otelwright cannot read: queue.Queue, asyncio.Queue, multiprocessing.Queue (qsize()), collections.deque, list, dict and set (len()) are known`,
    );
  }
  return { plan: { gauge, source, site, depth, metric } };
}

function read(plan: Plan, holder: string): string {
  const field = plan.source.owner === null ? holder : `${holder}.${plan.source.name}`;
  return plan.depth.kind === 'qsize' ? `${field}.qsize()` : `len(${field})`;
}

function upperSnake(name: string): string {
  return name
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
}

/** A lower-case loop variable for instances of `cls` (`Worker` → `worker`). */
function instanceName(cls: string): string {
  const snake = cls
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/^_+/, '')
    .toLowerCase();
  return snake === '' || KEYWORDS.has(snake) ? 'instance' : snake;
}

/** The module-level block: (the set of instances,) the callback, the gauge. */
function moduleBlock(
  plan: Plan,
  names: Names,
  meter: string,
  quote: Quote,
  eol: string,
  unit: string,
): { text: string; sources: string | null } {
  const q = (s: string) => pyString(s, quote);
  const base = upperSnake(plan.gauge.name) || 'GAUGE';
  const callback = freshName(names.bound, `_observe_${base.toLowerCase()}`);
  names.bound.add(callback);
  const lines: string[] = [];
  let sources: string | null = null;
  let description: string;
  if (plan.source.owner !== null) {
    const cls = plan.site.cls?.childForFieldName('name')?.text ?? 'object';
    sources = freshName(names.bound, `_${base}_SOURCES`);
    names.bound.add(sources);
    const each = instanceName(cls);
    lines.push(
      `# ${plan.gauge.name}: ${plan.source.text} of every live ${cls}, summed, read at each metrics collection.`,
      '# One gauge per module: the SDK keeps the first instrument of a name, so instances join a weak set.',
      `${sources}: ${q(`${names.weakref}.WeakSet[${cls}]`)} = ${names.weakref}.WeakSet()`,
      '',
      '',
      `def ${callback}(_options: ${names.callbackOptions}) -> list[${names.observation}]:`,
      `${unit}depth = sum(${read(plan, each)} for ${each} in list(${sources}))`,
      `${unit}return [${names.observation}(depth)]`,
    );
    description = `Items in ${plan.source.text}, summed over live ${cls} instances.`;
  } else {
    lines.push(
      `# ${plan.gauge.name}: the depth of ${plan.source.text}, read at each metrics collection.`,
      `def ${callback}(_options: ${names.callbackOptions}) -> list[${names.observation}]:`,
      `${unit}return [${names.observation}(${read(plan, plan.source.name)})]`,
    );
    description = `Items in ${plan.source.text}.`;
  }
  lines.push(
    '',
    '',
    `${meter}.create_observable_gauge(`,
    `${unit}${q(plan.metric)},`,
    `${unit}callbacks=[${callback}],`,
    `${unit}unit=${q('{item}')},`,
    `${unit}description=${q(description)},`,
    ')',
  );
  return { text: lines.join(eol), sources };
}

/** A module-level `meter = metrics.get_meter(...)` assigned before `at`, else the global call. */
function meterExpression(scope: ModuleScope, names: Names, at: number): string {
  for (const [name, node] of scope.assignments)
    if (node.text.includes('get_meter(') && node.endIndex <= at) return name;
  return `${names.metrics}.get_meter(__name__)`;
}

/** The local name `from opentelemetry.metrics import <name>` gives, when the module has it. */
function otelMetricsName(scope: ModuleScope, name: string): string | null {
  for (const s of scope.imports)
    if (s.from && s.module === 'opentelemetry.metrics')
      for (const n of s.names) if (n.name === name) return n.local;
  return null;
}

export function planPythonGauges(request: GaugePlanRequest): PlanResult {
  const result: PlanResult = { edits: [], planned: [], skipped: [] };
  if (request.gauges.length === 0) return result;
  const root = parsePython(request.text).rootNode;
  const scope = readModuleScope(root, request.text);
  const plans: Plan[] = [];
  for (const gauge of request.gauges) {
    const outcome = gaugeOutcome(gauge, request, root, scope);
    if (!outcome) continue;
    if ('skip' in outcome) {
      result.skipped.push({ ...outcome.skip, gapType: 'missing_metric', gauge: gauge.name });
      continue;
    }
    if (plans.some((p) => p.metric === outcome.plan.metric)) {
      const line = lineOf(outcome.plan.site.statement);
      result.skipped.push({
        function: functionAt(request, line),
        line,
        gapType: 'missing_metric',
        gauge: gauge.name,
        reason: `another gauge of metrics.gauges is already named ${outcome.plan.metric}: give each its own name`,
      });
      continue;
    }
    plans.push(outcome.plan);
  }
  if (plans.length === 0) return result;
  const layout = new Layout(request.text);
  const quote = preferredQuote(request.text);
  const bound = new Set(scope.bound);
  const existing = {
    metrics: metricsImport(scope),
    observation: otelMetricsName(scope, 'Observation'),
    callbackOptions: otelMetricsName(scope, 'CallbackOptions'),
    weakref: plainImport(scope, 'weakref'),
  };
  const local = (found: string | null, name: string) => {
    if (found !== null) return found;
    const fresh = freshName(bound, name);
    bound.add(fresh);
    return fresh;
  };
  const names: Names = {
    metrics: local(existing.metrics, 'metrics'),
    observation: local(existing.observation, 'Observation'),
    callbackOptions: local(existing.callbackOptions, 'CallbackOptions'),
    weakref: local(existing.weakref, 'weakref'),
    bound,
  };
  const needsWeakref = plans.some((p) => p.source.owner !== null);
  result.edits.push(
    ...placeGaugeImports(scope, layout, {
      weakref: needsWeakref && existing.weakref === null ? names.weakref : null,
      metrics: existing.metrics === null ? names.metrics : null,
      fromMetrics: [
        ...(existing.callbackOptions === null ? [['CallbackOptions', names.callbackOptions] as const] : []),
        ...(existing.observation === null ? [['Observation', names.observation] as const] : []),
      ],
    }),
  );
  const { eol } = layout;
  for (const plan of plans) {
    const statement = plan.site.cls ? (topLevelStatement(plan.site.cls) as Node) : plan.site.statement;
    const at = layout.lineEnd(statement.endIndex);
    const block = moduleBlock(plan, names, meterExpression(scope, names, at), quote, eol, layout.unit);
    const line = lineOf(plan.site.statement);
    const where = functionAt(request, line);
    // Before the module block: when the assignment ends the class, both insert at the same offset.
    if (block.sources !== null) {
      const end = layout.lineEnd(plan.site.statement.endIndex);
      const indent = layout.indentOf(plan.site.statement.startIndex);
      const self = plan.site.target.slice(0, plan.site.target.lastIndexOf('.'));
      result.edits.push({ start: end, end, text: `${eol}${indent}${block.sources}.add(${self})` });
    }
    result.edits.push({ start: at, end: at, text: `${eol}${eol}${eol}${block.text}` });
    const reading = plan.depth.kind === 'qsize' ? `${plan.site.target}.qsize()` : `len(${plan.site.target})`;
    const notes = [
      `observable gauge ${plan.metric} ({item}) reads ${reading} (${plan.depth.what}) at each collection`,
      block.sources !== null
        ? `created once at import; ${where} adds each instance to ${block.sources} (a weak set), and the gauge reports the sum over live instances`
        : 'created once at import, after the queue',
    ];
    if (plan.depth.what === 'multiprocessing.Queue')
      notes.push(
        'multiprocessing.Queue.qsize() raises NotImplementedError on macOS: the SDK then logs and skips the point',
      );
    result.planned.push({
      function: where,
      line,
      gapTypes: ['missing_metric'],
      gauge: plan.gauge.name,
      summary: notes.join('; '),
    });
  }
  return result;
}

export const pythonGaugePlanner: GaugePlanner = { plan: planPythonGauges };
