import type { FileFacts, FunctionFacts, SourceFile } from '../facts.js';
import { attributeScopeOf } from './attributes.js';
import { autoInstrumentation, autoInstrumentedAt } from './auto.js';
import { bucketSites, type FunctionSites } from './body.js';
import { collect, type FileIndex } from './collect.js';
import { isGenerated, SuppressionIndex } from './comments.js';
import { expressNextParam } from './express-next.js';
import { discoverFunctions, type FunctionDecl, qualifiedNameOf } from './functions.js';
import { injectedFields } from './injection.js';
import { type InjectedFields, ioCallsOf } from './io.js';
import { instrumentsIn } from './metrics.js';
import { type ModuleInfo, readModule } from './module.js';
import { findMounts } from './mounts.js';
import { parameterListText, readParams } from './params.js';
import { parseErrors, parseForFacts } from './parse.js';
import { grammarOf, isTestFile } from './paths.js';
import { LineIndex } from './position.js';
import { registrations } from './registrations.js';
import { findRouteCalls, routerMounts } from './routes.js';
import { failureExitCount, returnsPromise, statementCount } from './shape.js';
import { isSpanStart, spansOf } from './spans.js';
import { exclusionOf, trivialReason } from './trivial.js';
import { bodyWrites } from './writes.js';

interface FileContext {
  /** Class name → fields its constructor is given (parameter properties, `this.x = x`). */
  injected: Map<string, InjectedFields>;
  index: FileIndex;
  module: ModuleInfo;
  lines: LineIndex;
  suppressions: SuppressionIndex;
  instrumentVariables: Set<string>;
  isTest: boolean;
  mayHaveJsx: boolean;
}

export function extractTypeScriptFacts(file: SourceFile): FileFacts {
  const grammar = grammarOf(file.path, file.language);
  const tree = parseForFacts(file.text, grammar);
  const root = tree.rootNode;
  const index = collect(root, file.text);
  const module = readModule(root, file.text);
  const localMounts = routerMounts(index, module);
  const routeCalls = findRouteCalls(index, module, localMounts);
  const { decls, ownerOf } = discoverFunctions({ index, module, path: file.path, routeCalls });
  const { functions: sites, moduleCalls } = bucketSites(
    index,
    ownerOf,
    decls.map((d) => d.scope),
  );
  const instruments = instrumentsIn(index.calls, decls, ownerOf);
  const routes = registrations(routeCalls, decls, index, module);
  const mounts = findMounts({
    index,
    module,
    root,
    path: file.path,
    routeCalls,
    localMounts,
    controllers: [...new Set(decls.flatMap((d) => (d.handler?.router && d.owner ? [d.owner] : [])))],
  });
  const ctx: FileContext = {
    injected: injectedFields(decls, index, module),
    index,
    module,
    lines: new LineIndex(file.text),
    suppressions: new SuppressionIndex(root, file.text),
    instrumentVariables: new Set(instruments.flatMap((i) => (i.variable ? [i.variable] : []))),
    isTest: isTestFile(file.path),
    mayHaveJsx: grammar !== 'typescript' && (file.text.includes('</') || file.text.includes('/>')),
  };
  return {
    path: file.path,
    language: file.language,
    packageName: file.packageHint,
    generated: isGenerated(file.text),
    parseErrors: parseErrors(tree, grammar),
    functions: decls.map((decl, i) => functionFacts(decl, sites[i] as FunctionSites, ctx)),
    autoInstrumentation: autoInstrumentation(module, moduleCalls, root, file.text),
    tracerVariables: [...module.tracerVariables],
    metricInstruments: instruments,
    routes,
    ...(mounts.length > 0 ? { mounts } : {}),
  };
}

function functionFacts(decl: FunctionDecl, fn: FunctionSites, ctx: FileContext): FunctionFacts {
  const { index, module } = ctx;
  const scope = fn.scope;
  const node = scope.node;
  const body = node.childForFieldName('body');
  const header = index.text.slice(scope.start, body ? body.startIndex : scope.end);
  const params = readParams(parameterListText(node, header), module);
  const attributeScope = attributeScopeOf(node, module);
  const ioCalls = ioCallsOf(
    fn.calls,
    module,
    index.text,
    decl.owner ? ctx.injected.get(decl.owner) : undefined,
  );
  const next = expressNextParam(params, decl.handler);
  const failureExits = failureExitCount(fn, next, index.text);
  const statements = statementCount(body);
  const spans = fn.calls.some((c) => isSpanStart(c, module))
    ? spansOf(fn, {
        index,
        module,
        params,
        next,
        attributes: attributeScope,
        localValue: attributeScope.localValue,
      })
    : [];
  const { attributes, metricRecordings } = bodyWrites(
    fn,
    spans.map((s) => s.variable),
    module,
    ctx.instrumentVariables,
    attributeScope,
  );
  const start = decl.start ?? { index: scope.start, row: scope.row, column: scope.column };
  const anchor = ctx.suppressions.active ? decl.anchor() : null;
  const async = decl.async || returnsPromise(node, body, header, index.text, fn);
  const withAsync = { ...decl, async };
  return {
    name: decl.name,
    qualifiedName: qualifiedNameOf(decl),
    kind: decl.kind,
    owner: decl.owner,
    line: start.row + 1,
    column: start.column + 1,
    endLine: ctx.lines.rowAt(scope.end) + 1,
    // String indices, as the facts contract has them (tree-sitter's own positions for a JS string).
    range: { startByte: scope.start, endByte: scope.end },
    bodyRange: body
      ? { startByte: body.startIndex, endByte: body.endIndex }
      : { startByte: scope.end, endByte: scope.end },
    exported: decl.exported,
    async,
    generator: decl.generator,
    params,
    returnsError: false,
    failureExits,
    handler: decl.handler,
    ioCalls,
    callCount: fn.calls.length,
    statementCount: statements,
    trivial: trivialReason(withAsync, fn, { body, statements, ioCalls: ioCalls.length, failureExits }),
    excluded: exclusionOf(withAsync, body, ctx),
    spans,
    attributes,
    metricRecordings,
    autoInstrumented: autoInstrumentedAt(decl, module, node),
    suppressions: anchor
      ? ctx.suppressions.suppressionsFor(anchor.startPosition.row, anchor.startIndex, start.row, start.index)
      : [],
  };
}
