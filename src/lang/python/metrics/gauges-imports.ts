// The gauge plan's imports, in isort's sections as the handler metrics plan places its own: `import
// weakref` with the standard library, `from opentelemetry import metrics` and `from opentelemetry.metrics
// import CallbackOptions, Observation` with the OpenTelemetry (else third-party) group, a new group when
// the file has none. (metrics/imports.ts places the handler plan's fixed set and does the placing for both.)
import type { TextEdit } from '../../../edit/model.js';
import type { Layout } from '../instrument/layout.js';
import type { ModuleScope } from '../instrument/module-scope.js';
import { type ImportLine, intoGroup, newGroup } from './imports.js';

export interface GaugeImports {
  /** Local name for a new `import weakref`, or null when none is needed. */
  weakref: string | null;
  /** Local name for a new `from opentelemetry import metrics`, or null. */
  metrics: string | null;
  /** Names to import from `opentelemetry.metrics` as [name, local]. */
  fromMetrics: readonly (readonly [string, string])[];
}

const alias = (name: string, local: string) => (name === local ? name : `${name} as ${local}`);

export function placeGaugeImports(scope: ModuleScope, layout: Layout, wanted: GaugeImports): TextEdit[] {
  const stdlib: ImportLine[] = wanted.weakref
    ? [{ text: `import ${alias('weakref', wanted.weakref)}`, from: false, module: 'weakref' }]
    : [];
  const otel: ImportLine[] = [];
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
    if (group) edits.push(...stdlib.map((line) => intoGroup(group, line, layout)));
    else
      edits.push(
        newGroup(
          scope,
          layout,
          stdlib.map((l) => l.text),
          scope.groups.find((g) => g.kind !== 'future') ?? null,
        ),
      );
  }
  if (otel.length > 0) {
    const group =
      scope.groups.find((g) => g.statements.some((s) => s.module.split('.')[0] === 'opentelemetry')) ??
      scope.groups.find((g) => g.kind === 'third-party');
    if (group) edits.push(...otel.map((line) => intoGroup(group, line, layout)));
    else
      edits.push(
        newGroup(
          scope,
          layout,
          otel.map((l) => l.text),
          scope.groups.find((g) => g.kind === 'local') ?? null,
        ),
      );
  }
  return edits;
}
