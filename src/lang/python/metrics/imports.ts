// Where the metrics plan's imports go, in isort's sections: `import os` / `import time` with the standard
// library group, `from opentelemetry import metrics` (and `import flask` for the Flask helper) with the
// third-party group (sorted by module), each a new group of its own when the file has none, so a formatter
// or isort leaves them where they are.
import type { TextEdit } from '../../../edit/model.js';
import type { Layout } from '../instrument/layout.js';
import type { ImportGroup, ModuleScope } from '../instrument/module-scope.js';
import { importLines, type ModuleNames } from './module-block.js';

/** One import statement to add: its text, and what isort sorts it by (`from` imports after plain ones). */
export interface ImportLine {
  text: string;
  from: boolean;
  module: string;
}

function sortKey(s: { from: boolean; module: string }): string {
  return `${s.from ? 1 : 0}${s.module.toLowerCase()}`;
}

/** Inserts `line` into `group` before the first statement that sorts after it. */
export function intoGroup(group: ImportGroup, line: ImportLine, layout: Layout): TextEdit {
  const key = sortKey(line);
  const next = group.statements.find((s) => sortKey(s) > key);
  if (next) {
    const at = layout.lineStart(next.node.startIndex);
    return { start: at, end: at, text: `${line.text}${layout.eol}` };
  }
  const last = group.statements[group.statements.length - 1]!;
  const at = layout.lineEnd(last.node.endIndex);
  return { start: at, end: at, text: `${layout.eol}${line.text}` };
}

/** A new group: before `before` (a group's first statement), else after the last import, else on top. */
export function newGroup(
  scope: ModuleScope,
  layout: Layout,
  lines: readonly string[],
  before: ImportGroup | null,
): TextEdit {
  const { eol } = layout;
  const block = lines.join(eol);
  if (before) {
    const at = layout.lineStart(before.statements[0]!.node.startIndex);
    return { start: at, end: at, text: `${block}${eol}${eol}` };
  }
  const last = scope.groups[scope.groups.length - 1];
  const after = last ? last.statements[last.statements.length - 1]!.node : scope.docstring;
  if (after) {
    const at = layout.lineEnd(after.endIndex);
    return { start: at, end: at, text: `${eol}${eol}${block}` };
  }
  const at = firstStatementStart(layout.text);
  return { start: at, end: at, text: `${block}${eol}${eol}` };
}

/** Past a shebang, encoding line and leading comments: where the first statement starts. */
export function firstStatementStart(text: string): number {
  return /^(?:[ \t]*(?:#[^\n]*)?\r?\n)*/.exec(text)![0].length;
}

export function placeImports(
  scope: ModuleScope,
  layout: Layout,
  names: ModuleNames,
  flask: boolean,
): TextEdit[] {
  const { stdlib, otel, flask: flaskLines } = importLines(scope, names, flask);
  const edits: TextEdit[] = [];
  const stdlibGroup = scope.groups.find((g) => g.kind === 'stdlib') ?? null;
  const thirdParty =
    scope.groups.find((g) => g.statements.some((s) => s.module.split('.')[0] === 'opentelemetry')) ??
    scope.groups.find((g) => g.kind === 'third-party') ??
    null;
  if (stdlib.length > 0) {
    if (stdlibGroup) {
      for (const line of stdlib)
        edits.push(intoGroup(stdlibGroup, { text: line, from: false, module: line.split(' ')[1]! }, layout));
    } else {
      const first = scope.groups.find((g) => g.kind !== 'future') ?? null;
      edits.push(newGroup(scope, layout, stdlib, first));
    }
  }
  // `import flask` beside the module's other flask imports, else with the third-party ones.
  const flaskGroup =
    scope.groups.find((g) => g.statements.some((s) => s.module.split('.')[0] === 'flask')) ?? thirdParty;
  if (flaskLines.length > 0 && flaskGroup)
    edits.push(intoGroup(flaskGroup, { text: flaskLines[0]!, from: false, module: 'flask' }, layout));
  const fresh = [...(flaskGroup ? [] : flaskLines), ...(thirdParty ? [] : otel)];
  if (otel.length > 0 && thirdParty)
    edits.push(intoGroup(thirdParty, { text: otel[0]!, from: true, module: 'opentelemetry' }, layout));
  if (fresh.length > 0)
    edits.push(newGroup(scope, layout, fresh, scope.groups.find((g) => g.kind === 'local') ?? null));
  return edits;
}
