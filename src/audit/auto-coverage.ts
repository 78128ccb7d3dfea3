// Which handlers a piece of auto-instrumentation already covers. Process-wide instrumentation (Node's
// auto-instrumentations, Python instrumentors, Go middleware wrapping the server's mux) covers every
// handler of the frameworks it hooks, wherever in the project it is set up.
import type { AutoInstrumentation, HandlerFramework, Language } from '../lang/facts.js';

type Family = 'go' | 'node' | 'python';

export function familyOf(language: Language): Family {
  return language === 'go' ? 'go' : language === 'python' ? 'python' : 'node';
}

const NET_HTTP_BASED: HandlerFramework[] = ['net/http', 'chi', 'gorilla/mux'];
const NODE_HTTP_BASED: HandlerFramework[] = ['express', 'fastify', 'koa', 'nestjs', 'nextjs', 'other'];

/** Frameworks whose server boundary a library instruments; `*` means every server framework of the family. */
const COVERED_FRAMEWORKS: Record<string, HandlerFramework[] | '*'> = {
  otelhttp: NET_HTTP_BASED,
  otelmux: ['gorilla/mux'],
  otelchi: ['chi'],
  otelgin: ['gin'],
  otelecho: ['echo'],
  otelfiber: ['other'],
  otelgrpc: ['grpc'],
  'auto-instrumentations-node': '*',
  'instrumentation-http': NODE_HTTP_BASED,
  'instrumentation-express': ['express'],
  'instrumentation-fastify': ['fastify'],
  '@fastify/otel': ['fastify'],
  'instrumentation-koa': ['koa'],
  'instrumentation-nestjs-core': ['nestjs'],
  '@vercel/otel': ['nextjs'],
  'opentelemetry-instrument': '*',
  FastAPIInstrumentor: ['fastapi'],
  FlaskInstrumentor: ['flask'],
  DjangoInstrumentor: ['django'],
  StarletteInstrumentor: ['fastapi'],
  AwsLambdaInstrumentor: ['aws-lambda'],
  GrpcInstrumentorServer: ['grpc'],
  GrpcAioInstrumentorServer: ['grpc'],
  'instrumentation-aws-lambda': ['aws-lambda'],
  'instrumentation-grpc': ['grpc'],
};

export interface Coverage {
  library: string;
  spans: boolean;
  metrics: boolean;
}

/** Normalises library names adapters may write with or without the npm scope. */
function key(library: string): string {
  return library.replace(/^@opentelemetry\//, '');
}

export function covers(auto: AutoInstrumentation, framework: HandlerFramework): boolean {
  const frameworks = COVERED_FRAMEWORKS[key(auto.library)];
  // A library we do not know covers nothing we could vouch for: better a gap too many than a blind spot.
  if (frameworks === undefined) return false;
  return frameworks === '*' || frameworks.includes(framework);
}

/** The strongest coverage any of the family's auto-instrumentation gives a handler of this framework. */
export function coverageFor(
  autos: readonly AutoInstrumentation[],
  framework: HandlerFramework,
): Coverage | null {
  let best: Coverage | null = null;
  for (const auto of autos) {
    if (!auto.covers.serverSpans || !covers(auto, framework)) continue;
    const candidate = { library: auto.library, spans: true, metrics: auto.covers.serverMetrics };
    if (!best || (candidate.metrics && !best.metrics)) best = candidate;
  }
  return best;
}
