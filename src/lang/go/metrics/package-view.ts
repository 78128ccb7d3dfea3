// The package as the metrics planner must see it: a Go package is every file of its directory with the
// same package clause, and a name is declared once for all of them. What the other files (the request's
// siblings, as this run leaves them) declare is reused, never declared again; a name they take for
// something else is a clash. Pure: the siblings' texts come with the request.
import type { PlanRequest, SiblingFile } from '../../../instrument/types.js';
import type { MetricInstrument, RouteRegistration } from '../../facts.js';
import { extractGoFacts } from '../extract.js';
import { type Node, parseGo } from '../parser.js';
import type { Instruments } from './handler-recording.js';

/** One file of the package. */
interface PackageFile {
  path: string;
  text: string;
  /**
   * Its declarations exist in every build of the package: not a `_test.go` file (compiled by `go test`
   * only) and without a build constraint. The others still take their names.
   */
  reusable: boolean;
}

export interface PackageView {
  /** This file, then its siblings of the same package, in the order given. */
  files: readonly PackageFile[];
  /** Package-level name → the file that declares it (the first one). */
  declared: ReadonlyMap<string, string>;
  /** Package-level names the siblings declare (an import this file adds may not take them). */
  siblingNames: ReadonlySet<string>;
  /** Once-created instruments of the package the recording can use, by kind. */
  instruments: Partial<Instruments>;
  /**
   * Route registrations of the package's other files (this file's are in its facts), test files and
   * files behind a build constraint excluded: where a handler of this file is registered, and on what.
   */
  siblingRoutes: readonly RouteRegistration[];
  /** Import paths of this file, then of its usable siblings (what the module is known to require). */
  importPaths: readonly string[];
}

const CONSTRAINED = /^\s*\/\/(go:build|\s*\+build)\s/m;

function packageClause(root: Node): string | null {
  const clause = root.namedChildren.find((n) => n.type === 'package_clause');
  return clause?.namedChildren.find((n) => n.type === 'package_identifier')?.text ?? null;
}

/** Names of the package block a file declares: functions, types, variables, constants (not methods). */
export function packageLevelNames(root: Node): string[] {
  const names: string[] = [];
  const specsOf = (decl: Node, spec: string, list: string) =>
    decl.namedChildren.flatMap((c) =>
      c.type === spec ? [c] : c.type === list ? c.namedChildren.filter((s) => s.type === spec) : [],
    );
  for (const decl of root.namedChildren) {
    let specs: Node[] = [];
    if (decl.type === 'function_declaration') {
      const name = decl.childForFieldName('name')?.text;
      if (name && name !== 'init' && name !== '_') names.push(name);
    } else if (decl.type === 'var_declaration') specs = specsOf(decl, 'var_spec', 'var_spec_list');
    else if (decl.type === 'const_declaration') specs = specsOf(decl, 'const_spec', 'const_spec_list');
    else if (decl.type === 'type_declaration')
      specs = decl.namedChildren.filter((c) => c.type === 'type_spec' || c.type === 'type_alias');
    for (const spec of specs)
      for (const n of spec.childrenForFieldName('name')) if (n.text !== '_') names.push(n.text);
  }
  return names;
}

/** The numeric type a variable's declaration or creation names (`x metric.Int64Histogram`, `x, err = m.Float64Histogram(`). */
function numericOf(variable: string, texts: readonly string[]): 'Int64' | 'Float64' | null {
  // A Go identifier has no character special to a regular expression.
  const pattern = new RegExp(
    `(?:^|[^\\p{L}\\p{Nd}_.])${variable}\\b[^\\n]*?\\b(Int64|Float64)(?:Histogram|Counter)\\b`,
    'u',
  );
  for (const text of texts) {
    const m = pattern.exec(text);
    if (m) return m[1] as 'Int64' | 'Float64';
  }
  return null;
}

const DEFAULT_NAMES: Instruments = { histogram: 'requestDuration', counter: 'requestCount' };

/**
 * A once-created package variable of each kind, preferring the default name, then this file's, then the
 * siblings' in order. The duration histogram must take a float64 (`time.Since(start).Seconds()`).
 */
function usableInstruments(
  byFile: readonly (readonly MetricInstrument[])[],
  packageVars: ReadonlySet<string>,
  texts: readonly string[],
): Partial<Instruments> {
  const once = byFile.flatMap((instruments) =>
    instruments.filter(
      (m): m is MetricInstrument & { variable: string } =>
        !m.perCall && m.variable !== null && packageVars.has(m.variable),
    ),
  );
  const pick = (kind: keyof Instruments): string | undefined => {
    const candidates = once.filter(
      (m) => m.kind === kind && !(kind === 'histogram' && numericOf(m.variable, texts) === 'Int64'),
    );
    return (candidates.find((m) => m.variable === DEFAULT_NAMES[kind]) ?? candidates[0])?.variable;
  };
  return { histogram: pick('histogram'), counter: pick('counter') };
}

function packageVarsOf(root: Node): string[] {
  return root.namedChildren
    .filter((d) => d.type === 'var_declaration')
    .flatMap((d) => d.descendantsOfType('var_spec'))
    .filter(
      (spec) => spec.parent?.type === 'var_declaration' || spec.parent?.parent?.type === 'var_declaration',
    )
    .flatMap((spec) => spec.childrenForFieldName('name').map((n) => n.text));
}

/** What the view needs of one file, read once per text: a run plans each file of a package in turn. */
interface FileSummary {
  clause: string | null;
  names: string[];
  packageVars: string[];
  instruments: MetricInstrument[];
  routes: RouteRegistration[];
  importPaths: string[];
}

function importPathsOf(root: Node): string[] {
  return root.namedChildren
    .filter((d) => d.type === 'import_declaration')
    .flatMap((d) => d.descendantsOfType('import_spec'))
    .map((spec) => (spec.childForFieldName('path')?.text ?? '""').slice(1, -1));
}

const summaries = new Map<string, FileSummary>();
const SUMMARIES_KEPT = 1024;

function summaryOf(path: string, text: string, root: Node | null): FileSummary {
  const key = `${path}\0${text}`;
  const known = summaries.get(key);
  if (known) return known;
  const fileRoot = root ?? parseGo(text).rootNode;
  const clause = packageClause(fileRoot);
  const facts = extractGoFacts({ path, text, language: 'go', packageHint: clause ?? '', scopeHint: '' });
  const summary: FileSummary = {
    clause,
    names: packageLevelNames(fileRoot),
    packageVars: packageVarsOf(fileRoot),
    instruments: facts.metricInstruments,
    routes: facts.routes,
    importPaths: importPathsOf(fileRoot),
  };
  if (summaries.size >= SUMMARIES_KEPT) summaries.delete(summaries.keys().next().value as string);
  summaries.set(key, summary);
  return summary;
}

export function packageView(request: PlanRequest, root: Node): PackageView {
  const own = packageClause(root);
  const files: PackageFile[] = [{ path: request.path, text: request.text, reusable: true }];
  const summaryByPath = new Map<string, Pick<FileSummary, 'names' | 'packageVars'>>([
    [request.path, { names: packageLevelNames(root), packageVars: packageVarsOf(root) }],
  ]);
  const instruments: MetricInstrument[][] = [request.facts.metricInstruments];
  const siblingRoutes: RouteRegistration[] = [];
  const importPaths = importPathsOf(root);
  for (const sibling of request.siblings ?? []) {
    if (sibling.path === request.path || !sibling.path.endsWith('.go')) continue;
    const summary = summaryOf(sibling.path, sibling.text, null);
    // `package orders_test` beside `package orders` is another package (an external test).
    if (own === null || summary.clause !== own) continue;
    const reusable = isReusable(sibling);
    files.push({ path: sibling.path, text: sibling.text, reusable });
    summaryByPath.set(sibling.path, summary);
    if (!reusable) continue;
    instruments.push(summary.instruments);
    siblingRoutes.push(...summary.routes);
    importPaths.push(...summary.importPaths);
  }
  const declared = new Map<string, string>();
  const siblingNames = new Set<string>();
  const packageVars = new Set<string>();
  for (const file of files) {
    const summary = summaryByPath.get(file.path) as FileSummary;
    for (const name of summary.names) {
      if (!declared.has(name)) declared.set(name, file.path);
      if (file.path !== request.path) siblingNames.add(name);
    }
    if (file.reusable) for (const v of summary.packageVars) packageVars.add(v);
  }
  const texts = files.filter((f) => f.reusable).map((f) => f.text);
  return {
    files,
    declared,
    siblingNames,
    instruments: usableInstruments(instruments, packageVars, texts),
    siblingRoutes,
    importPaths,
  };
}

function isReusable(file: SiblingFile): boolean {
  if (file.path.endsWith('_test.go')) return false;
  const header = file.text.slice(0, Math.max(0, file.text.search(/^package\s/m)));
  return !CONSTRAINED.test(header);
}

/** Does a file whose declarations this one can use match `pattern`? */
export function reusableDeclares(view: PackageView, pattern: RegExp): boolean {
  return view.files.some((f) => f.reusable && pattern.test(f.text));
}
