// Imports the shared ImportPlan does not know (`metric`, `time`, `os`, `strconv`): reused under the name
// the file gives them, else added beside the imports ImportPlan writes, so gofmt sorts them into the
// right group. ImportPlan keeps the `otel` and `attribute` imports, so one edit never overlaps another.
import type { TextEdit } from '../../../edit/model.js';
import { defaultName } from '../imports.js';
import { PACKAGES } from '../instrument/imports.js';
import { lineStart } from '../instrument/syntax.js';
import type { Node } from '../parser.js';

const ATTRIBUTE = JSON.stringify(PACKAGES.attribute);

interface Spec {
  name: string | null;
  path: string;
  node: Node;
  parenthesized: boolean;
}

const isStd = (path: string) => !(path.split('/')[0] ?? '').includes('.');

function specsOf(root: Node): Spec[] {
  return root.namedChildren
    .filter((d) => d.type === 'import_declaration')
    .flatMap((d) => d.descendantsOfType('import_spec'))
    .map((node) => ({
      name: node.childForFieldName('name')?.text ?? null,
      path: (node.childForFieldName('path')?.text ?? '""').slice(1, -1),
      node,
      parenthesized: node.parent?.type === 'import_spec_list',
    }));
}

export class ExtraImports {
  private readonly specs: Spec[];
  private readonly adding = new Set<string>();

  constructor(
    root: Node,
    private readonly text: string,
  ) {
    this.specs = specsOf(root);
  }

  /** The local name for `path`, adding the import when the file lacks it. */
  use(path: string): string {
    const spec = this.specs.find((s) => s.path === path && s.name !== '_' && s.name !== '.');
    if (spec) return spec.name ?? defaultName(path);
    this.adding.add(path);
    return defaultName(path);
  }

  /** Merges the new specs into ImportPlan's edits (which must already import `attribute` if it was missing). */
  edits(planned: TextEdit[], endOfImports: number): TextEdit[] {
    const paths = [...this.adding].sort();
    const std = paths.filter(isStd);
    const other = paths.filter((p) => !isStd(p));
    let edits = planned;
    if (other.length > 0) edits = this.besideAttribute(edits, other, endOfImports);
    if (std.length > 0) edits = this.intoStdGroup(edits, std, endOfImports);
    return edits;
  }

  /** OpenTelemetry imports go next to `go.opentelemetry.io/otel/attribute`, existing or planned. */
  private besideAttribute(edits: TextEdit[], paths: string[], endOfImports: number): TextEdit[] {
    const lines = paths.map((p) => `\n\t${JSON.stringify(p)}`).join('');
    const planned = edits.findIndex((e) => e.text.includes(ATTRIBUTE));
    if (planned >= 0) {
      const edit = edits[planned] as TextEdit;
      const at = edit.text.indexOf(ATTRIBUTE) + ATTRIBUTE.length;
      const text = edit.text.slice(0, at) + lines + edit.text.slice(at);
      return edits.map((e, i) => (i === planned ? { ...e, text } : e));
    }
    const attribute = this.specs.find((s) => s.path === PACKAGES.attribute && s.parenthesized);
    if (attribute)
      return [...edits, { start: attribute.node.endIndex, end: attribute.node.endIndex, text: lines }];
    return [...edits, this.declaration(paths, endOfImports)];
  }

  /** Standard-library imports join an existing standard group, or a block ImportPlan writes, else a new block. */
  private intoStdGroup(edits: TextEdit[], paths: string[], endOfImports: number): TextEdit[] {
    const lines = paths.map((p) => `\t${JSON.stringify(p)}\n`).join('');
    const std = this.specs.find((s) => isStd(s.path) && s.parenthesized);
    if (std) {
      const at = lineStart(this.text, std.node.startIndex);
      return [{ start: at, end: at, text: lines }, ...edits];
    }
    const block = edits.findIndex((e) => e.text.includes('import (\n'));
    if (block >= 0) {
      const edit = edits[block] as TextEdit;
      const at = edit.text.indexOf('import (\n') + 'import (\n'.length;
      const nextIsStd =
        /^\t"[^".]*"/.test(edit.text.slice(at)) || /^\t\w+ "[^".]*"/.test(edit.text.slice(at));
      const text = edit.text.slice(0, at) + lines + (nextIsStd ? '' : '\n') + edit.text.slice(at);
      return edits.map((e, i) => (i === block ? { ...e, text } : e));
    }
    return [...edits, this.declaration(paths, endOfImports)];
  }

  private declaration(paths: string[], at: number): TextEdit {
    const lines = paths.map((p) => `\t${JSON.stringify(p)}\n`).join('');
    return { start: at, end: at, text: `\n\nimport (\n${lines})` };
  }
}
