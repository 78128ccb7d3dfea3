// Imports the shared ImportPlan does not know (`metric`, `time`, `os`, `strconv`): reused under the name
// the file gives them, else added beside the imports ImportPlan writes, so gofmt sorts them into the
// right group. ImportPlan keeps the `otel` and `attribute` imports, so one edit never overlaps another.
import type { TextEdit } from '../../../edit/model.js';
import { defaultName } from '../imports.js';
import { PACKAGES } from '../instrument/imports.js';
import { freshName } from '../instrument/names.js';
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

/** Names declared at the top level of the file (a new import may not take them). */
function topLevelNames(root: Node): string[] {
  return root.namedChildren.flatMap((decl) => {
    if (decl.type === 'function_declaration') return [decl.childForFieldName('name')?.text ?? ''];
    return decl
      .descendantsOfType(['type_spec', 'type_alias', 'var_spec', 'const_spec'])
      .flatMap((spec) => spec.childrenForFieldName('name').map((n) => n.text));
  });
}

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
  /** Path → the local name a new import gets. */
  private readonly adding = new Map<string, string>();
  private readonly taken = new Set<string>();

  constructor(
    root: Node,
    private readonly text: string,
  ) {
    this.specs = specsOf(root);
    for (const spec of this.specs) this.taken.add(spec.name ?? defaultName(spec.path));
    for (const name of topLevelNames(root)) this.taken.add(name);
  }

  /** Keeps new import names clear of `names` (the identifiers of the functions the plan edits). */
  avoid(names: Iterable<string>): void {
    for (const n of names) this.taken.add(n);
  }

  /** The local name for `path`, adding the import when the file lacks it. */
  use(path: string): string {
    const spec = this.specs.find((s) => s.path === path && s.name !== '_' && s.name !== '.');
    if (spec) return spec.name ?? defaultName(path);
    const known = this.adding.get(path);
    if (known !== undefined) return known;
    const base = defaultName(path);
    const name = freshName(
      [base, path.startsWith('go.opentelemetry.io/') ? `otel${base}` : `std${base}`],
      this.taken,
    );
    this.taken.add(name);
    this.adding.set(path, name);
    return name;
  }

  private specLine(path: string): string {
    const name = this.adding.get(path) as string;
    return name === defaultName(path) ? JSON.stringify(path) : `${name} ${JSON.stringify(path)}`;
  }

  /** Merges the new specs into ImportPlan's edits (which must already import `attribute` if it was missing). */
  edits(planned: TextEdit[], endOfImports: number): TextEdit[] {
    const paths = [...this.adding.keys()].sort();
    const std = paths.filter(isStd);
    const other = paths.filter((p) => !isStd(p));
    let edits = planned;
    if (other.length > 0) edits = this.besideAttribute(edits, other, endOfImports);
    if (std.length > 0) edits = this.intoStdGroup(edits, std, endOfImports);
    return edits;
  }

  /** OpenTelemetry imports go next to `go.opentelemetry.io/otel/attribute`, existing or planned. */
  private besideAttribute(edits: TextEdit[], paths: string[], endOfImports: number): TextEdit[] {
    const lines = paths.map((p) => `\n\t${this.specLine(p)}`).join('');
    const planned = edits.findIndex((e) => e.text.includes(ATTRIBUTE));
    if (planned >= 0) {
      const edit = edits[planned] as TextEdit;
      const at = edit.text.indexOf(ATTRIBUTE) + ATTRIBUTE.length;
      const text = edit.text.slice(0, at) + lines + edit.text.slice(at);
      return edits.map((e, i) => (i === planned ? { ...e, text } : e));
    }
    const attribute = this.specs.find((s) => s.path === PACKAGES.attribute && s.parenthesized);
    if (attribute) {
      // After the line, so a trailing comment stays with the attribute import.
      const newline = this.text.indexOf('\n', attribute.node.endIndex);
      const at = newline < 0 ? this.text.length : newline;
      return [...edits, { start: at, end: at, text: lines }];
    }
    return [...edits, this.declaration(paths, endOfImports)];
  }

  /** Standard-library imports join an existing standard group, or a block ImportPlan writes, else a new block. */
  private intoStdGroup(edits: TextEdit[], paths: string[], endOfImports: number): TextEdit[] {
    const lines = paths.map((p) => `\t${this.specLine(p)}\n`).join('');
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
    const lines = paths.map((p) => `\t${this.specLine(p)}\n`).join('');
    return { start: at, end: at, text: `\n\nimport (\n${lines})` };
  }
}
