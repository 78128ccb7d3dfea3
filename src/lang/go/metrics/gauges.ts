// The Go gauge planner (issue 4, `metrics.gauges[]`): where a file creates a queue or pool the standards
// name, an observable gauge registered right after it, once, from the global MeterProvider, whose
// callback reads the depth at each collection. A constructor's `w := &Worker{jobs: make(chan Job, n)}`
// gets the registration on the next line (capturing `w`); a package-level `var jobs = make(...)` gets a
// generated `func init()`. Pure: text in, edits out; gofmt runs afterwards in the pipeline.
import type { TextEdit } from '../../../edit/model.js';
import type {
  GaugePlanner,
  GaugePlanRequest,
  GaugeSpec,
  PlanResult,
  SiblingFile,
} from '../../../instrument/types.js';
import type { FunctionFacts } from '../../facts.js';
import { goString } from '../instrument/go-literal.js';
import { ImportPlan, PACKAGES } from '../instrument/imports.js';
import { freshName } from '../instrument/names.js';
import { identifiersIn, indentAt, lineOf } from '../instrument/syntax.js';
import { type Node, parseGo } from '../parser.js';
import { ExtraImports } from './extra-imports.js';
import {
  type CreationSite,
  creationSites,
  type DepthKind,
  declaredType,
  depthExpression,
  depthWords,
  enclosingFunction,
  type GoSource,
  kindOfType,
  kindOfValue,
  parseSource,
  runsOnce,
  standsAlone,
} from './gauges-sites.js';
import { metricName } from './names.js';

const METRIC = `${PACKAGES.otel}/metric`;

interface Names {
  otel: string;
  metric: string;
  context: string;
}

/** One registration to write. */
interface Registration {
  gauge: GaugeSpec;
  site: CreationSite;
  kind: DepthKind;
  fn: Node | null;
  name: string;
}

type Outcome =
  | { planned: Registration }
  | { skipped: { function: string; line: number; reason: string } }
  | null;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Where `text` registers an observable gauge of this name (any Int64/Float64 form), or null. */
function observedAt(text: string, name: string): number | null {
  const match = new RegExp(`ObservableGauge\\(\\s*${escapeRegExp(goString(name))}`).exec(text);
  return match ? match.index : null;
}

const observes = (text: string, name: string) => observedAt(text, name) !== null;

const lineAtIndex = (text: string, index: number) => text.slice(0, index).split('\n').length;

function functionName(fn: Node | null): string {
  if (!fn) return 'init';
  return fn.childForFieldName('name')?.text ?? 'func literal';
}

/** The audit's name for the function holding `line` (`Worker.Start`), else the declaration's name. */
function qualifiedName(functions: readonly FunctionFacts[], fn: Node | null): string {
  if (!fn) return 'init';
  const line = lineOf(fn);
  return functions.find((f) => f.line === line)?.qualifiedName ?? functionName(fn);
}

function sqlImportName(root: Node): string | null {
  for (const spec of root.descendantsOfType('import_spec')) {
    if (spec.childForFieldName('path')?.text !== '"database/sql"') continue;
    const name = spec.childForFieldName('name')?.text;
    if (name === '_' || name === '.') return null;
    return name ?? 'sql';
  }
  return null;
}

/** How the depth of the source is read at this site, or why it cannot be. */
function depthKind(
  site: CreationSite,
  source: GoSource,
  roots: () => Node[],
  sqlName: string | null,
): { kind: DepthKind } | { reason: string } {
  if (source.reader !== null) return { kind: 'call' };
  const kind = kindOfValue(site.value, sqlName);
  if (kind) return { kind };
  const declared = declaredType(roots(), source);
  const fromType = declared ? kindOfType(declared, sqlName) : null;
  if (fromType) return { kind: fromType };
  const shown = site.value.text.length > 60 ? `${site.value.text.slice(0, 57)}...` : site.value.text;
  return {
    reason: `${source.text} is created by \`${shown}\`${declared ? ` (type ${declared})` : ''}, whose depth otelwright cannot read: channels, slices, maps and *sql.DB are known; write the source as the call that returns the depth (e.g. \`${source.text}.Len()\`)`,
  };
}

function siteOutcome(
  gauge: GaugeSpec,
  source: GoSource,
  site: CreationSite,
  request: GaugePlanRequest,
  roots: () => Node[],
  sqlName: string | null,
): Outcome {
  const fn = site.packageLevel ? null : enclosingFunction(site.statement);
  const where = {
    function: qualifiedName(request.facts.functions, fn),
    line: lineOf(site.statement),
  };
  const skip = (reason: string): Outcome => ({ skipped: { ...where, reason } });
  if (site.problem !== null) return skip(`${source.text}: ${site.problem}`);
  if (!site.packageLevel) {
    if (!fn || fn.type === 'func_literal')
      return skip(
        `${source.text} is created inside a function literal, which may run more than once: register the gauge where its owner is constructed`,
      );
    const name = functionName(fn);
    if (!runsOnce(name))
      return skip(
        `${source.text} is created in ${where.function}, which may run more than once (not a constructor, init or setup function): a gauge registered there would be registered again on every call; create it in a New... constructor, or register the gauge by hand`,
      );
    if (!standsAlone(site.statement))
      return skip(`${source.text} is created inside a larger statement: no line to register the gauge after`);
  }
  const depth = depthKind(site, source, roots, sqlName);
  if ('reason' in depth) return skip(depth.reason);
  const name = metricName(request.standards, request.service, request.facts.packageName, gauge.name);
  return { planned: { gauge, site, kind: depth.kind, fn, name } };
}

/** The plan for one gauge in this file: null when the file does not create (or observe) its source. */
function gaugeOutcome(
  gauge: GaugeSpec,
  request: GaugePlanRequest,
  root: Node,
  roots: () => Node[],
  sqlName: string | null,
): Outcome {
  const name = metricName(request.standards, request.service, request.facts.packageName, gauge.name);
  const source = parseSource(gauge.source);
  const sites = source ? creationSites(root, source) : [];
  const existing = request.facts.metricInstruments.find(
    (m) => m.kind === 'observable-gauge' && m.name === name,
  );
  const match = existing ? null : observedAt(request.text, name);
  if (existing || match !== null) {
    const line = existing?.line ?? lineAtIndex(request.text, match as number);
    const holder = request.facts.functions.find((f) => f.line <= line && line <= f.endLine);
    return {
      skipped: {
        function: holder?.qualifiedName ?? '<package>',
        line,
        reason: `already observed: an observable gauge named ${name} exists in this file`,
      },
    };
  }
  if (!source) {
    return {
      skipped: {
        function: '<package>',
        line: 0,
        reason: `${gauge.source} is not a Go expression otelwright can locate (expected \`s.jobs\`, \`jobs\` or \`pool.Stat().AcquiredConns()\`)`,
      },
    };
  }
  if (sites.length === 0) return null;
  const sibling = (request.siblings ?? []).find((s: SiblingFile) => observes(s.text, name));
  if (sibling) {
    const first = sites[0] as CreationSite;
    return {
      skipped: {
        function: qualifiedName(request.facts.functions, enclosingFunction(first.statement)),
        line: lineOf(first.statement),
        reason: `already observed: ${sibling.path} registers an observable gauge named ${name}`,
      },
    };
  }
  let firstSkip: Outcome = null;
  for (const site of sites) {
    const outcome = siteOutcome(gauge, source, site, request, roots, sqlName);
    if (outcome && 'planned' in outcome) return outcome;
    firstSkip ??= outcome;
  }
  return firstSkip;
}

/** The registration statement, indented like the statement it follows (gofmt finishes the job). */
function registration(r: Registration, indent: string, scope: string, p: Names, observer: string): string {
  const captured = r.site.captured as string;
  const source = parseSource(r.gauge.source) as GoSource;
  const depth = depthExpression(r.kind, captured, source);
  const unit = r.kind === 'sql.DB' ? '{connection}' : '{item}';
  const description =
    r.kind === 'sql.DB'
      ? `Connections of ${r.gauge.source} in use (${depth}), observed at each collection.`
      : r.kind === 'call'
        ? `${r.gauge.source}, observed at each collection.`
        : `Items in ${r.gauge.source}, observed at each collection.`;
  return [
    `// ${r.gauge.name}: observe ${depth} at each metrics collection (registered once, where it is created).`,
    `if _, err := ${p.otel}.Meter(${goString(scope)}).Int64ObservableGauge(`,
    `\t${goString(r.name)},`,
    `\t${p.metric}.WithUnit(${goString(unit)}),`,
    `\t${p.metric}.WithDescription(${goString(description)}),`,
    `\t${p.metric}.WithInt64Callback(func(_ ${p.context}.Context, ${observer} ${p.metric}.Int64Observer) error {`,
    `\t\t${observer}.Observe(int64(${depth}))`,
    '\t\treturn nil',
    '\t}),',
    `); err != nil {`,
    `\t${p.otel}.Handle(err)`,
    '}',
  ]
    .map((line) => indent + line)
    .join('\n');
}

/** After `x, err := open(...)`, the registration goes after the `if err != nil { ... }` that follows. */
function anchorOf(site: CreationSite): Node {
  if (!site.assignsErr) return site.statement;
  const next = site.statement.nextNamedSibling;
  const condition = next?.type === 'if_statement' ? next.childForFieldName('condition')?.text : undefined;
  return condition !== undefined && /\berr\s*!=\s*nil\b/.test(condition) ? (next as Node) : site.statement;
}

/**
 * ExtraImports puts a new OpenTelemetry import beside `otel/attribute`, which a gauge-only file has not:
 * its own `import (...)` block then. Moves those specs beside the `otel` import instead.
 */
function besideOtel(edits: TextEdit[], root: Node, text: string): TextEdit[] {
  const own = edits.findIndex(
    (e) =>
      e.text.startsWith('\n\nimport (\n') && e.text.includes(`"${METRIC}"`) && !/\t"[^".]*"/.test(e.text),
  );
  if (own < 0) return edits;
  const lines = (edits[own] as TextEdit).text
    .slice('\n\nimport (\n'.length, -')'.length)
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => `\n${l}`)
    .join('');
  const rest = edits.filter((_, i) => i !== own);
  const OTEL = JSON.stringify(PACKAGES.otel);
  const planned = rest.findIndex((e) => e.text.includes(OTEL));
  if (planned >= 0) {
    const edit = rest[planned] as TextEdit;
    const at = edit.text.indexOf(OTEL) + OTEL.length;
    const updated = { ...edit, text: edit.text.slice(0, at) + lines + edit.text.slice(at) };
    return rest.map((e, i) => (i === planned ? updated : e));
  }
  const spec = root
    .descendantsOfType('import_spec')
    .find((s) => s.childForFieldName('path')?.text === OTEL && s.parent?.type === 'import_spec_list');
  if (!spec) return edits;
  const newline = text.indexOf('\n', spec.endIndex);
  const at = newline < 0 ? text.length : newline;
  return [...rest, { start: at, end: at, text: lines }];
}

/** A name the registration writes that the enclosing function declares for something else. */
function shadowed(fn: Node | null, names: Names): string | null {
  if (!fn) return null;
  const declared = new Set(
    fn
      .descendantsOfType(['short_var_declaration', 'var_spec', 'parameter_declaration', 'range_clause'])
      .flatMap((d) =>
        (d.childForFieldName('left')?.namedChildren ?? d.childrenForFieldName('name')).map((n) => n.text),
      ),
  );
  return [names.otel, names.metric, names.context].find((n) => declared.has(n)) ?? null;
}

export function planGoGauges(request: GaugePlanRequest): PlanResult {
  const result: PlanResult = { edits: [], planned: [], skipped: [] };
  if (request.gauges.length === 0) return result;
  const root = parseGo(request.text).rootNode;
  let all: Node[] | null = null;
  const roots = () => {
    all ??= [root, ...(request.siblings ?? []).map((s) => parseGo(s.text).rootNode)];
    return all;
  };
  const sqlName = sqlImportName(root);
  const registrations: Registration[] = [];
  for (const gauge of request.gauges) {
    const outcome = gaugeOutcome(gauge, request, root, roots, sqlName);
    if (!outcome) continue;
    if ('skipped' in outcome)
      result.skipped.push({ ...outcome.skipped, gapType: 'missing_metric', gauge: gauge.name });
    else if (registrations.some((r) => r.name === outcome.planned.name))
      result.skipped.push({
        function: qualifiedName(request.facts.functions, outcome.planned.fn),
        line: lineOf(outcome.planned.site.statement),
        gapType: 'missing_metric',
        gauge: gauge.name,
        reason: `another gauge of metrics.gauges is already named ${outcome.planned.name}: give each its own name`,
      });
    else registrations.push(outcome.planned);
  }
  if (registrations.length === 0) return result;
  const imports = new ImportPlan(root, request.text, request.scopeName);
  const extra = new ExtraImports(root, request.text);
  for (const r of registrations) {
    if (!r.fn) continue;
    imports.avoid(identifiersIn(r.fn));
    extra.avoid(identifiersIn(r.fn));
  }
  const names: Names = {
    otel: imports.use('otel'),
    metric: extra.use(METRIC),
    context: extra.use('context'),
  };
  const body: TextEdit[] = [];
  for (const r of registrations) {
    const where = qualifiedName(request.facts.functions, r.fn);
    const line = lineOf(r.site.statement);
    const clash = shadowed(r.fn, names);
    if (clash !== null) {
      result.skipped.push({
        function: where,
        line,
        gapType: 'missing_metric',
        gauge: r.gauge.name,
        reason: `${where} declares ${clash}, which hides the package the gauge registration needs: rename it or register the gauge by hand`,
      });
      continue;
    }
    const taken = r.fn ? identifiersIn(r.fn) : new Set<string>();
    const observer = freshName(['o', 'observer'], taken);
    const anchor = anchorOf(r.site);
    if (r.fn) {
      const text = registration(
        r,
        indentAt(request.text, anchor.startIndex),
        request.scopeName,
        names,
        observer,
      );
      body.push({ start: anchor.endIndex, end: anchor.endIndex, text: `\n${text}` });
    } else {
      const text = registration(r, '\t', request.scopeName, names, observer);
      body.push({ start: anchor.endIndex, end: anchor.endIndex, text: `\n\nfunc init() {\n${text}\n}` });
    }
    const captured = r.site.captured as string;
    const source = parseSource(r.gauge.source) as GoSource;
    result.planned.push({
      function: where,
      line,
      gapTypes: ['missing_metric'],
      gauge: r.gauge.name,
      summary: `observable gauge ${r.name} (${r.kind === 'sql.DB' ? '{connection}' : '{item}'}) reads ${depthExpression(r.kind, captured, source)}, ${depthWords(r.kind)}, at each collection; registered ${r.fn ? `in ${where} after ${captured} is created` : 'in a new func init()'}${r.kind === 'slice' || r.kind === 'map' ? `; the callback reads the ${r.kind} from the collecting goroutine: if other goroutines write it under a lock, take that lock in the callback` : ''}`,
    });
  }
  if (body.length === 0) return result;
  const at = imports.endOfImports();
  result.edits.push(...besideOtel(extra.edits(imports.edits(), at), root, request.text), ...body);
  return result;
}

export const goGaugePlanner: GaugePlanner = { plan: planGoGauges };
