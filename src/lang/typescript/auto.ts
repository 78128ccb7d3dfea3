import type Parser from 'tree-sitter';
import type { AutoInstrumentation } from '../facts.js';
import type { CallSite } from './collect.js';
import type { FunctionDecl } from './functions.js';
import type { ModuleInfo } from './module.js';

type Covers = AutoInstrumentation['covers'];

const ALL: Covers = { serverSpans: true, serverMetrics: true, clientSpans: true };
const SERVER_SPANS: Covers = { serverSpans: true, serverMetrics: false, clientSpans: false };
const CLIENT_SPANS: Covers = { serverSpans: false, serverMetrics: false, clientSpans: true };

/** Package (or `/register` entry) → library label and what it covers. */
const PACKAGES: [RegExp, string, Covers][] = [
  [/^@opentelemetry\/auto-instrumentations-node(\/register)?$/, 'auto-instrumentations-node', ALL],
  [/^@opentelemetry\/instrumentation-http$/, 'instrumentation-http', ALL],
  [/^@opentelemetry\/instrumentation-express$/, 'instrumentation-express', SERVER_SPANS],
  [/^@opentelemetry\/instrumentation-fastify$/, 'instrumentation-fastify', SERVER_SPANS],
  [/^@fastify\/otel$/, '@fastify/otel', SERVER_SPANS],
  [/^@opentelemetry\/instrumentation-koa$/, 'instrumentation-koa', SERVER_SPANS],
  [/^@opentelemetry\/instrumentation-nestjs-core$/, 'instrumentation-nestjs-core', SERVER_SPANS],
  [/^@opentelemetry\/instrumentation-hapi$/, 'instrumentation-hapi', SERVER_SPANS],
  [/^@opentelemetry\/instrumentation-aws-lambda$/, 'instrumentation-aws-lambda', SERVER_SPANS],
  [/^@hono\/otel$/, '@hono/otel', SERVER_SPANS],
  [/^@vercel\/otel$/, '@vercel/otel', SERVER_SPANS],
  // Client libraries (database drivers, HTTP clients...): spans around outgoing calls only.
  [/^@opentelemetry\/instrumentation-([\w-]+)$/, 'instrumentation-$1', CLIENT_SPANS],
];

/** Calls that switch instrumentation on, for files that import a wrapper package rather than the above. */
const CALLS: [string, string, Covers][] = [
  ['getNodeAutoInstrumentations', 'auto-instrumentations-node', ALL],
  ['registerOTel', '@vercel/otel', SERVER_SPANS],
];

const CONSTRUCTORS: Record<string, [string, Covers]> = {
  HttpInstrumentation: ['instrumentation-http', ALL],
  ExpressInstrumentation: ['instrumentation-express', SERVER_SPANS],
  FastifyInstrumentation: ['instrumentation-fastify', SERVER_SPANS],
  FastifyOtelInstrumentation: ['@fastify/otel', SERVER_SPANS],
  KoaInstrumentation: ['instrumentation-koa', SERVER_SPANS],
  NestInstrumentation: ['instrumentation-nestjs-core', SERVER_SPANS],
  AwsLambdaInstrumentation: ['instrumentation-aws-lambda', SERVER_SPANS],
};
// Decorators and higher-order wrappers that start a span around one function.
const SPAN_WRAPPERS =
  /^(withSpan|withActiveSpan|traced|withTracing|withTrace|instrument|instrumented|wrapWithSpan|traceFunction)$/;
const SPAN_DECORATORS = /^@(Span|Trace|Traced|WithSpan|Instrument|Instrumented|OtelSpan)\b/;
const NEW_INSTRUMENTATION = /\bnew\s+([A-Z]\w*Instrumentation)\s*\(/g;

export function autoInstrumentation(
  module: ModuleInfo,
  calls: CallSite[],
  root: Parser.SyntaxNode,
  text: string,
): AutoInstrumentation[] {
  const found = new Map<string, AutoInstrumentation>();
  const add = (library: string, line: number, covers: Covers) => {
    if (!found.has(library)) found.set(library, { library, line, covers: { ...covers } });
  };
  for (const { source, line } of module.importSources) {
    const match = PACKAGES.find(([pattern]) => pattern.test(source));
    if (match) add(source.replace(match[0], match[1]), line, match[2]);
  }
  for (const call of calls) {
    const name = call.callee?.segments[call.callee.segments.length - 1];
    const known = CALLS.find(([callee]) => callee === name);
    if (known) add(known[1], call.row + 1, known[2]);
  }
  if (text.includes('Instrumentation(')) {
    for (const m of text.matchAll(NEW_INSTRUMENTATION)) {
      const known = Object.hasOwn(CONSTRUCTORS, m[1] as string) ? CONSTRUCTORS[m[1] as string] : undefined;
      const at = m.index ?? 0;
      // Commented-out set-up code does not instrument anything.
      if (!known || /comment|string/.test(root.descendantForIndex(at).type)) continue;
      add(known[0], lineAt(text, at), known[1]);
    }
  }
  return [...found.values()].sort((a, b) => a.line - b.line);
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** A tracing decorator (`@Span()` from nestjs-otel) or wrapper (`withSpan(fn)`) around the function. */
export function autoInstrumentedAt(
  decl: FunctionDecl,
  module: ModuleInfo,
  node: Parser.SyntaxNode,
): AutoInstrumentation | null {
  const covers = { serverSpans: true, serverMetrics: false, clientSpans: false };
  for (const decorator of decl.decorators) {
    const m = SPAN_DECORATORS.exec(decorator.text);
    if (!m) continue;
    const name = m[1] as string;
    return {
      library: module.imports.get(name)?.source ?? `@${name}`,
      line: decorator.startPosition.row + 1,
      covers,
    };
  }
  const wrapper = decl.wrapper?.split('.').pop();
  if (wrapper && SPAN_WRAPPERS.test(wrapper)) {
    return {
      library: module.imports.get(wrapper)?.source ?? wrapper,
      line: node.startPosition.row + 1,
      covers,
    };
  }
  return null;
}
