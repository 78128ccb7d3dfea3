// The packages the generated code refers to, under names that cannot clash: an existing import is reused
// under whatever name the file gives it; a new one gets its default name unless the file already uses
// that name (gRPC's `codes`, `runtime/trace`, a variable called `trace`), in which case `otel<name>`.
// New specs go into the file's import block in gofmt order, in the group where they belong.
import type { TextEdit } from '../../../edit/model.js';
import { defaultName } from '../imports.js';
import type { Node } from '../parser.js';
import { freshName } from './names.js';
import { lineStart } from './syntax.js';

export const PACKAGES = {
  otel: 'go.opentelemetry.io/otel',
  trace: 'go.opentelemetry.io/otel/trace',
  attribute: 'go.opentelemetry.io/otel/attribute',
  codes: 'go.opentelemetry.io/otel/codes',
  fmt: 'fmt',
} as const;

export type GoPackage = keyof typeof PACKAGES;

interface Spec {
  name: string | null;
  path: string;
  node: Node;
}

interface ImportDecl {
  node: Node;
  /** Specs grouped as gofmt sees them: runs not separated by a blank line. */
  groups: Spec[][];
  parenthesized: boolean;
}

function pathOf(spec: Node): string {
  return (spec.childForFieldName('path')?.text ?? '""').slice(1, -1);
}

function readDecls(root: Node, text: string): ImportDecl[] {
  const decls: ImportDecl[] = [];
  for (const node of root.namedChildren) {
    if (node.type !== 'import_declaration') continue;
    const list = node.namedChildren.find((c) => c.type === 'import_spec_list');
    const specNodes = list
      ? list.namedChildren.filter((c) => c.type === 'import_spec')
      : node.namedChildren.filter((c) => c.type === 'import_spec');
    const groups: Spec[][] = [];
    let previous: Node | null = null;
    for (const s of specNodes) {
      const spec: Spec = { name: s.childForFieldName('name')?.text ?? null, path: pathOf(s), node: s };
      const blankBetween =
        previous !== null && /\n[ \t]*\n/.test(text.slice(previous.endIndex, s.startIndex));
      if (previous === null || blankBetween) groups.push([spec]);
      else groups[groups.length - 1]?.push(spec);
      previous = s;
    }
    decls.push({ node, groups, parenthesized: list !== undefined });
  }
  return decls;
}

/** Names declared at package level in this file: an import may not reuse them. */
function packageLevelNames(root: Node): string[] {
  const names: string[] = [];
  for (const decl of root.namedChildren) {
    if (decl.type === 'function_declaration') names.push(decl.childForFieldName('name')?.text ?? '');
    const specs =
      decl.type === 'type_declaration'
        ? decl.namedChildren
        : decl.type === 'var_declaration' || decl.type === 'const_declaration'
          ? decl.descendantsOfType(['var_spec', 'const_spec'])
          : [];
    for (const spec of specs) for (const n of spec.childrenForFieldName('name')) names.push(n.text);
  }
  return names;
}

const isStd = (path: string) => !(path.split('/')[0] ?? '').includes('.');

export class ImportPlan {
  private readonly decls: ImportDecl[];
  private readonly localNames = new Map<GoPackage, string>();
  private readonly added = new Set<GoPackage>();
  /** Names a new import must not take: other imports, package-level declarations, names the edited functions use. */
  private readonly taken = new Set<string>();

  constructor(
    private readonly root: Node,
    private readonly text: string,
    /** Import path of the file's own package, to tell its module's imports from third-party ones. */
    private readonly ownPath: string,
  ) {
    this.decls = readDecls(root, text);
    for (const spec of this.specs()) this.taken.add(spec.name ?? defaultName(spec.path));
    for (const name of packageLevelNames(root)) this.taken.add(name);
  }

  /** Keeps new import names clear of `names` (every identifier of a function the plan edits). */
  avoid(names: Iterable<string>): void {
    for (const n of names) this.taken.add(n);
  }

  private specs(): Spec[] {
    return this.decls.flatMap((d) => d.groups.flat());
  }

  /** The name an existing import of `pkg` goes by, or null when the file does not import it usably. */
  existing(pkg: GoPackage): string | null {
    const spec = this.specs().find((s) => s.path === PACKAGES[pkg] && s.name !== '_' && s.name !== '.');
    return spec ? (spec.name ?? defaultName(spec.path)) : null;
  }

  /** Local names of the imports whose path passes `test` (`_` and dot imports excluded). */
  namesOf(test: (path: string) => boolean): string[] {
    return this.specs()
      .filter((s) => test(s.path) && s.name !== '_' && s.name !== '.')
      .map((s) => s.name ?? defaultName(s.path));
  }

  /** The name to write for `pkg`, importing it when the file does not yet. */
  use(pkg: GoPackage): string {
    const known = this.localNames.get(pkg) ?? this.existing(pkg);
    if (known !== null) {
      this.localNames.set(pkg, known);
      return known;
    }
    const name = freshName([pkg, `otel${pkg}`], this.taken);
    this.taken.add(name);
    this.localNames.set(pkg, name);
    this.added.add(pkg);
    return name;
  }

  /** True when `use` added at least one import. */
  get changed(): boolean {
    return this.added.size > 0;
  }

  /** Index just past the last import declaration (or the package clause): where package-level declarations may go. */
  endOfImports(): number {
    const last = this.decls[this.decls.length - 1];
    if (last) return last.node.endIndex;
    return this.root.namedChildren.find((c) => c.type === 'package_clause')?.endIndex ?? 0;
  }

  private specText(pkg: GoPackage): string {
    const name = this.localNames.get(pkg) as string;
    const path = JSON.stringify(PACKAGES[pkg]);
    return name === defaultName(PACKAGES[pkg]) ? path : `${name} ${path}`;
  }

  edits(): TextEdit[] {
    const adding = [...this.added].sort((a, b) => (PACKAGES[a] < PACKAGES[b] ? -1 : 1));
    if (adding.length === 0) return [];
    const std = adding.filter((p) => isStd(PACKAGES[p]));
    const other = adding.filter((p) => !isStd(PACKAGES[p]));
    const decl = this.targetDecl();
    if (!decl) return [this.newDeclaration(std, other)];
    if (!decl.parenthesized) return [this.parenthesize(decl, std, other)];
    return [
      ...this.addToGroup(decl, std, (g) => g.every((s) => isStd(s.path))),
      ...this.addToGroup(decl, other, (g) => this.isThirdParty(g)),
    ];
  }

  private isThirdParty(group: Spec[]): boolean {
    if (group.some((s) => s.path.startsWith('go.opentelemetry.io/'))) return true;
    const own = this.ownPath.split('/')[0] ?? '';
    return group.some((s) => !isStd(s.path)) && !group.some((s) => s.path.split('/')[0] === own);
  }

  private targetDecl(): ImportDecl | undefined {
    return (
      this.decls.find((d) => d.groups.flat().some((s) => s.path.startsWith('go.opentelemetry.io/'))) ??
      [...this.decls].reverse().find((d) => d.parenthesized) ??
      this.decls[this.decls.length - 1]
    );
  }

  private newDeclaration(std: GoPackage[], other: GoPackage[]): TextEdit {
    const groups = [std, other]
      .filter((g) => g.length > 0)
      .map((g) => g.map((p) => `\t${this.specText(p)}\n`).join(''));
    const at = this.endOfImports();
    return { start: at, end: at, text: `\n\nimport (\n${groups.join('\n')})` };
  }

  /** `import "fmt"` becomes a block holding it and the new specs. */
  private parenthesize(decl: ImportDecl, std: GoPackage[], other: GoPackage[]): TextEdit {
    const spec = decl.groups[0]?.[0];
    const existing = spec ? this.text.slice(spec.node.startIndex, spec.node.endIndex) : '';
    const existingStd = spec ? isStd(spec.path) : true;
    const line = (p: GoPackage): { path: string; line: string } => ({
      path: PACKAGES[p],
      line: this.specText(p),
    });
    const stdLines = std.map(line);
    const otherLines = other.map(line);
    (existingStd ? stdLines : otherLines).push({ path: spec?.path ?? '', line: existing });
    const render = (lines: { path: string; line: string }[]) =>
      lines
        .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
        .map((l) => `\t${l.line}\n`)
        .join('');
    const groups = [stdLines, otherLines].filter((g) => g.length > 0).map(render);
    return { start: decl.node.startIndex, end: decl.node.endIndex, text: `import (\n${groups.join('\n')})` };
  }

  /** Inserts `pkgs` into the first group of `decl` that `fits`, or into a new group placed by kind. */
  private addToGroup(decl: ImportDecl, pkgs: GoPackage[], fits: (group: Spec[]) => boolean): TextEdit[] {
    if (pkgs.length === 0) return [];
    const mixed = (g: Spec[]) => g.some((s) => isStd(s.path)) && g.some((s) => !isStd(s.path));
    const group = decl.groups.find(fits) ?? decl.groups.find(mixed);
    if (group) {
      return pkgs.map((p) => {
        const path = PACKAGES[p];
        const next = group.find((s) => s.path > path);
        const at = next
          ? lineStart(this.text, next.node.startIndex)
          : this.lineEnd(group[group.length - 1] as Spec);
        return next
          ? { start: at, end: at, text: `\t${this.specText(p)}\n` }
          : { start: at, end: at, text: `\n\t${this.specText(p)}` };
      });
    }
    const lines = pkgs.map((p) => `\t${this.specText(p)}`).join('\n');
    const stdGroup = decl.groups.find((g) => g.every((s) => isStd(s.path)));
    const pkgIsStd = isStd(PACKAGES[pkgs[0] as GoPackage]);
    if (stdGroup && !pkgIsStd) {
      const at = this.lineEnd(stdGroup[stdGroup.length - 1] as Spec);
      return [{ start: at, end: at, text: `\n\n${lines}` }];
    }
    const first = decl.groups[0]?.[0];
    if (!first) {
      const close = decl.node.endIndex - 1;
      return [{ start: close, end: close, text: `${lines}\n` }];
    }
    const at = lineStart(this.text, first.node.startIndex);
    return [{ start: at, end: at, text: `${lines}\n\n` }];
  }

  private lineEnd(spec: Spec): number {
    const nl = this.text.indexOf('\n', spec.node.endIndex);
    return nl < 0 ? this.text.length : nl;
  }
}
