// FileFacts for one Go source file: parse once, read the top level from the tree, everything else from
// the text (see lexer.ts for why), then ask each extractor its question.
import type {
  AutoInstrumentation,
  FileFacts,
  FunctionFacts,
  MetricInstrument,
  SourceFile,
} from '../facts.js';
import { autoInstrumentationOf, wrapsHandler } from './auto.js';
import { argsOf, lastSegment } from './calls.js';
import { functionFacts } from './functions.js';
import type { LexCall, LexScope } from './lexer.js';
import { instrumentOf, isInstrumentCreation } from './metrics.js';
import { buildModel, packageNameAt } from './model.js';
import { parseErrorsOf } from './parse-errors.js';
import { parseGo } from './parser.js';
import { routesOf, unwrapHandler } from './routes.js';
import { topLevelDeclarations } from './top-level.js';

const GENERATED = /^\/\/ Code generated .* DO NOT EDIT\.$/m;

/** Go's convention: the marker line comes before the package clause. */
function isGenerated(text: string, packageStart: number): boolean {
  return GENERATED.test(text.slice(0, packageStart).replace(/\r/g, ''));
}

/** The declared function or method a call is in, through any function literals; null at package level. */
function declaredFunctionOf(call: LexCall): LexScope | null {
  let scope = call.owner;
  while (scope?.parent) scope = scope.parent;
  return scope && scope.kind !== 'literal' ? scope : null;
}

export function extractGoFacts(source: SourceFile): FileFacts {
  const tree = parseGo(source.text);
  const decls = topLevelDeclarations(tree);
  const clause = decls.find((d) => d.type === 'package_clause');
  const facts: FileFacts = {
    path: source.path,
    language: 'go',
    packageName: (clause && packageNameAt(source.text, clause)) ?? source.packageHint,
    generated: isGenerated(source.text, clause?.start ?? source.text.length),
    parseErrors: [],
    functions: [],
    autoInstrumentation: [],
    tracerVariables: [],
    metricInstruments: [],
    routes: [],
  };
  // The audit skips generated files: their functions are not worth reading.
  if (facts.generated) return facts;
  const file = buildModel(source.text, decls);

  const autoInstrumentation: AutoInstrumentation[] = [];
  const wrapped = new Map<string, AutoInstrumentation>();
  const metricInstruments: MetricInstrument[] = [];
  const declared = new Set(file.functions.map((f) => f.scope.signature?.name));
  for (const call of file.calls) {
    const auto = autoInstrumentationOf(file, call);
    if (auto) {
      const handlerArg = wrapsHandler(auto, call)
        ? argsOf(file.text, call)[call.callee.endsWith('WithRouteTag') ? 1 : 0]
        : undefined;
      const handler = handlerArg
        ? unwrapHandler(file, file.text.slice(handlerArg.start, handlerArg.end))
        : null;
      const name = handler ? lastSegment(handler.text) : '';
      // Wrapping one handler function instruments that function; wrapping a router instruments every route.
      const oneHandler =
        handler !== null &&
        (call.callee.endsWith('WithRouteTag') || handler.viaHandlerFunc || declared.has(name));
      if (handler) wrapped.set(name, auto);
      if (!oneHandler) autoInstrumentation.push(auto);
    }
    if (isInstrumentCreation(call))
      metricInstruments.push(instrumentOf(file, call, declaredFunctionOf(call)));
  }
  const instruments = new Set(file.instrumentNames);
  for (const m of metricInstruments) if (m.variable) instruments.add(m.variable);

  const functions: FunctionFacts[] = [];
  for (const fn of file.functions) {
    const facts = functionFacts(file, fn, { instruments, wrapped });
    if (facts) functions.push(facts);
  }

  return {
    ...facts,
    parseErrors: parseErrorsOf(tree.rootNode, file.pos),
    functions,
    autoInstrumentation,
    tracerVariables: file.tracerVars,
    metricInstruments,
    routes: routesOf(file, file.calls),
  };
}
