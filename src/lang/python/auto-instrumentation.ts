// Auto-instrumentation set up in this file: OpenTelemetry instrumentors (`FastAPIInstrumentor.
// instrument_app(app)`, `RequestsInstrumentor().instrument()`), the ASGI/WSGI middleware, the
// programmatic form of `opentelemetry-instrument`, and distros that instrument everything they find.
import type { AutoInstrumentation } from '../facts.js';
import { argumentText, callsNamed, type FileContext, receiverOf } from './context.js';

type Covers = AutoInstrumentation['covers'];

const SERVER_AND_METRICS: Covers = { serverSpans: true, serverMetrics: true, clientSpans: false };
const SERVER_ONLY: Covers = { serverSpans: true, serverMetrics: false, clientSpans: false };
const CLIENT: Covers = { serverSpans: false, serverMetrics: false, clientSpans: true };
const EVERYTHING: Covers = { serverSpans: true, serverMetrics: true, clientSpans: true };

/** Instrumentors of servers; every other `*Instrumentor` instruments a client library. */
const SERVER_INSTRUMENTORS: Readonly<Record<string, Covers>> = {
  FastAPIInstrumentor: SERVER_AND_METRICS,
  FlaskInstrumentor: SERVER_AND_METRICS,
  DjangoInstrumentor: SERVER_AND_METRICS,
  StarletteInstrumentor: SERVER_AND_METRICS,
  FalconInstrumentor: SERVER_AND_METRICS,
  PyramidInstrumentor: SERVER_AND_METRICS,
  TornadoInstrumentor: SERVER_AND_METRICS,
  AioHttpServerInstrumentor: SERVER_AND_METRICS,
  GrpcInstrumentorServer: SERVER_ONLY,
  GrpcAioInstrumentorServer: SERVER_ONLY,
  AwsLambdaInstrumentor: SERVER_ONLY,
};
/** Instrumentors that produce no spans for requests or calls (logs, runtime metrics, context propagation). */
const NOT_SPANS = new Set([
  'LoggingInstrumentor',
  'SystemMetricsInstrumentor',
  'ThreadingInstrumentor',
  'AsyncioInstrumentor',
]);

/** Logfire's `instrument_*` helpers wrap the OpenTelemetry instrumentors of the same libraries. */
const LOGFIRE: Readonly<Record<string, string>> = {
  instrument_fastapi: 'FastAPIInstrumentor',
  instrument_flask: 'FlaskInstrumentor',
  instrument_django: 'DjangoInstrumentor',
  instrument_starlette: 'StarletteInstrumentor',
  instrument_aiohttp_server: 'AioHttpServerInstrumentor',
  instrument_requests: 'RequestsInstrumentor',
  instrument_httpx: 'HTTPXClientInstrumentor',
  instrument_aiohttp_client: 'AioHttpClientInstrumentor',
  instrument_sqlalchemy: 'SQLAlchemyInstrumentor',
  instrument_psycopg: 'PsycopgInstrumentor',
  instrument_redis: 'RedisInstrumentor',
};

const CALL_NAMES = [
  'instrument',
  'instrument_app',
  'OpenTelemetryMiddleware',
  'add_middleware',
  'configure_azure_monitor',
  ...Object.keys(LOGFIRE),
];

function instrumentor(library: string, line: number): AutoInstrumentation | null {
  if (NOT_SPANS.has(library)) return null;
  return { library, line, covers: SERVER_INSTRUMENTORS[library] ?? CLIENT };
}

export function autoInstrumentation(ctx: FileContext): AutoInstrumentation[] {
  const out: AutoInstrumentation[] = [];
  for (const m of ctx.module.importedModules) {
    const all = [m.module, ...m.targets];
    if (all.some((t) => t.startsWith('opentelemetry.instrumentation.auto_instrumentation'))) {
      out.push({ library: 'opentelemetry-instrument', line: ctx.lines.line(m.at), covers: EVERYTHING });
    }
  }
  for (const call of callsNamed(ctx, CALL_NAMES)) {
    const method = call.method;
    const line = () => ctx.lines.line(call.start);
    if (method === 'instrument' || method === 'instrument_app') {
      const receiver = receiverOf(call).replace(/\(.*\)$/s, '');
      const library = receiver.slice(receiver.lastIndexOf('.') + 1);
      if (library.endsWith('Instrumentor') || /^GrpcAio?Instrumentor(Server|Client)$/.test(library)) {
        const found = instrumentor(library, line());
        if (found) out.push(found);
      }
    } else if (LOGFIRE[method] && /(^|\.)logfire$/.test(receiverOf(call))) {
      const found = instrumentor(LOGFIRE[method]!, line());
      if (found) out.push(found);
    } else if (
      method === 'OpenTelemetryMiddleware' ||
      (method === 'add_middleware' && /\bOpenTelemetryMiddleware\b/.test(argumentText(ctx, call)))
    ) {
      out.push({ library: 'OpenTelemetryMiddleware', line: line(), covers: SERVER_AND_METRICS });
    } else if (method === 'configure_azure_monitor') {
      out.push({ library: 'azure-monitor-opentelemetry', line: line(), covers: EVERYTHING });
    }
  }
  return out;
}
