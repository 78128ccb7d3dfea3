// One Python file's facts. The scanner delimits the code (blocks, statements, calls) in one pass over
// the text; tree-sitter gives the syntax errors and the expressions the scanner does not read.
import type { FileFacts, FunctionFacts, ParamFacts, RouteRegistration, SourceFile } from '../facts.js';
import { autoInstrumentation } from './auto-instrumentation.js';
import { collectBindings } from './bindings.js';
import { callsByMethod, type FileContext } from './context.js';
import { decoratorsOf } from './decorators.js';
import { type FileEnv, functionFacts } from './functions.js';
import { isGenerated } from './generated.js';
import { isRouteDecorator } from './handlers.js';
import { metricInstruments } from './metrics.js';
import { readModule } from './module.js';
import { routerMounts } from './mounts.js';
import { parseParams } from './params.js';
import { parsePython } from './parser.js';
import { routeRegistrations, routerPrefixes } from './routes.js';
import { scan } from './scan.js';
import { computeScopes } from './scopes.js';
import { suppressionFinder } from './suppressions.js';
import { syntaxErrors } from './syntax-errors.js';
import { LineIndex } from './text.js';
import { collectUnits } from './units.js';

/**
 * A module-level function registered in its own file (`bp.add_url_rule("/ping", view_func=ping)`) is a
 * handler whatever its signature; Flask views usually take no parameters at all.
 */
function linkRegisteredHandlers(functions: FunctionFacts[], routes: readonly RouteRegistration[]): void {
  for (const route of routes) {
    if (!/^[\p{L}_][\p{L}\p{N}_]*$/u.test(route.handler)) continue;
    const fn = functions.find(
      (f) => f.owner === null && f.name === route.handler && f.qualifiedName === f.name,
    );
    if (fn && !fn.handler)
      fn.handler = {
        framework: route.framework,
        route: route.route,
        method: route.method,
        ...(route.router ? { router: route.router } : {}),
      };
  }
}

export function extractPythonFacts(file: SourceFile): FileFacts {
  const { text, path } = file;
  const base: FileFacts = {
    path,
    language: 'python',
    packageName: file.packageHint,
    generated: isGenerated(path, text),
    parseErrors: [],
    functions: [],
    autoInstrumentation: [],
    tracerVariables: [],
    metricInstruments: [],
    routes: [],
  };
  // The audit skips generated files: do not spend a parse on them.
  if (base.generated) return base;

  const tree = parsePython(text);
  const skeleton = scan(text, { comments: text.includes('otelwright-ignore') });
  const lines = new LineIndex(skeleton.lineStarts);
  const scopes = computeScopes(skeleton.blocks);
  const module = readModule(text, skeleton, scopes);
  const ctx: FileContext = {
    path,
    text,
    tree,
    skeleton,
    lines,
    scopes,
    module,
    callsByMethod: callsByMethod(skeleton.calls),
  };

  const units = collectUnits(
    skeleton,
    scopes,
    (def) => def.decorators.length > 0 && decoratorsOf(text, skeleton, def.decorators).some(isRouteDecorator),
  );
  const params = new Map<number, ParamFacts[]>();
  for (const unit of units) {
    const def = unit.def;
    params.set(
      unit.block,
      def.open >= 0 && def.close > def.open ? parseParams(text.slice(def.open + 1, def.close)) : [],
    );
  }
  const instruments = metricInstruments(ctx);
  const env: FileEnv = {
    ctx,
    bindings: collectBindings(ctx, params),
    instruments,
    prefixes: routerPrefixes(ctx),
    suppressions: suppressionFinder(text, skeleton, lines),
    params,
  };
  const routes: RouteRegistration[] = [];
  for (const unit of units) {
    const { facts, routes: declared } = functionFacts(env, unit);
    base.functions.push(facts);
    routes.push(...declared);
  }
  const registered = routeRegistrations(ctx, env.prefixes);
  linkRegisteredHandlers(base.functions, registered);
  routes.push(...registered);
  const mounts = routerMounts(ctx);
  return {
    ...base,
    parseErrors: syntaxErrors(tree),
    autoInstrumentation: autoInstrumentation(ctx),
    tracerVariables: module.tracerVariables,
    metricInstruments: instruments,
    routes: routes.sort((a, b) => a.line - b.line),
    ...(mounts.length > 0 ? { mounts } : {}),
  };
}
