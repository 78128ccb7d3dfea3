// The gauge plan's imports, in isort's sections as the handler metrics plan places its own: `import
// weakref` with the standard library, `from opentelemetry import metrics` and `from opentelemetry.metrics
// import CallbackOptions, Observation` with the OpenTelemetry (else third-party) group, a new group when
// the file has none. (metrics/imports.ts places the handler plan's fixed set: os, time, metrics.)
import type { TextEdit } from '../../../edit/model.js';
import type { Layout } from '../instrument/layout.js';
import type { ImportGroup, ModuleScope } from '../instrument/module-scope.js';
import { firstStatementStart } from './imports.js';

export interface GaugeImports {
  /** Local name for a new `import weakref`, or null when none is needed. */
  weakref: string | null;
  /** Local name for a new `from opentelemetry import metrics`, or null. */
  metrics: string | null;
  /** Names to import from `opentelemetry.metrics` as [name, local]. */
  fromMetrics: readonly (readonly [string, string])[];
}

interface Line {
  text: string;
  from: boolean;
  module: string;
}

const alias = (name: string, local: string) => (name === local ? name : `${name} as ${local}`);
const sortKey = (s: { from: boolean; module: string }) => `${s.from ? 1 : 0}${s.module.toLowerCase()}`;

function intoGroup(group: ImportGroup, lines: Line[], layout: Layout): TextEdit[] {
  return lines.map((line) => {
    const next = group.statements.find((s) => sortKey(s) > sortKey(line));
    if (next) {
      const at = layout.lineStart(next.node.startIndex);
      return { start: at, end: at, text: `${line.text}${layout.eol}` };
    }
    const last = group.statements[group.statements.length - 1];
    const at = layout.lineEnd(last ? last.node.endIndex : 0);
    return { start: at, end: at, text: `${layout.eol}${line.text}` };
  });
}

function newGroup(scope: ModuleScope, layout: Layout, lines: Line[], before: ImportGroup | null): TextEdit {
  const { eol } = layout;
  const block = lines.map((l) => l.text).join(eol);
  const first = before?.statements[0];
  if (first) {
    const at = layout.lineStart(first.node.startIndex);
    return { start: at, end: at, text: `${block}${eol}${eol}` };
  }
  const last = scope.groups[scope.groups.length - 1];
  const after = last ? last.statements[last.statements.length - 1]?.node : scope.docstring;
  if (after) {
    const at = layout.lineEnd(after.endIndex);
    return { start: at, end: at, text: `${eol}${eol}${block}` };
  }
  const at = firstStatementStart(layout.text);
  return { start: at, end: at, text: `${block}${eol}${eol}` };
}

export function placeGaugeImports(scope: ModuleScope, layout: Layout, wanted: GaugeImports): TextEdit[] {
  const stdlib: Line[] = wanted.weakref
    ? [{ text: `import ${alias('weakref', wanted.weakref)}`, from: false, module: 'weakref' }]
    : [];
  const otel: Line[] = [];
  if (wanted.metrics)
    otel.push({
      text: `from opentelemetry import ${alias('metrics', wanted.metrics)}`,
      from: true,
      module: 'opentelemetry',
    });
  if (wanted.fromMetrics.length > 0)
    otel.push({
      text: `from opentelemetry.metrics import ${wanted.fromMetrics.map(([n, l]) => alias(n, l)).join(', ')}`,
      from: true,
      module: 'opentelemetry.metrics',
    });
  const edits: TextEdit[] = [];
  if (stdlib.length > 0) {
    const group = scope.groups.find((g) => g.kind === 'stdlib');
    if (group) edits.push(...intoGroup(group, stdlib, layout));
    else edits.push(newGroup(scope, layout, stdlib, scope.groups.find((g) => g.kind !== 'future') ?? null));
  }
  if (otel.length > 0) {
    const group =
      scope.groups.find((g) => g.statements.some((s) => s.module.split('.')[0] === 'opentelemetry')) ??
      scope.groups.find((g) => g.kind === 'third-party');
    if (group) edits.push(...intoGroup(group, otel, layout));
    else edits.push(newGroup(scope, layout, otel, scope.groups.find((g) => g.kind === 'local') ?? null));
  }
  return edits;
}
