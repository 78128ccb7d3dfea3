// OpenTelemetry contrib instrumentation set up in code: HTTP/gRPC middleware and handlers, clients.
import type { AutoInstrumentation } from '../facts.js';
import type { KnownPackage } from './imports.js';
import type { LexCall } from './lexer.js';
import type { GoFile } from './model.js';

type Covers = AutoInstrumentation['covers'];

const SERVER: Covers = { serverSpans: true, serverMetrics: false, clientSpans: false };
const SERVER_AND_METRICS: Covers = { serverSpans: true, serverMetrics: true, clientSpans: false };
const CLIENT: Covers = { serverSpans: false, serverMetrics: false, clientSpans: true };

const LIBRARIES: { pkg: KnownPackage; library: string; functions: Record<string, Covers> }[] = [
  {
    pkg: 'otelhttp',
    library: 'otelhttp',
    functions: {
      NewHandler: SERVER_AND_METRICS,
      NewMiddleware: SERVER_AND_METRICS,
      WithRouteTag: SERVER_AND_METRICS,
      NewTransport: CLIENT,
      Get: CLIENT,
      Post: CLIENT,
      Head: CLIENT,
      PostForm: CLIENT,
    },
  },
  { pkg: 'otelgin', library: 'otelgin', functions: { Middleware: SERVER } },
  { pkg: 'otelmux', library: 'otelmux', functions: { Middleware: SERVER } },
  { pkg: 'otelecho', library: 'otelecho', functions: { Middleware: SERVER } },
  { pkg: 'otelchi', library: 'otelchi', functions: { Middleware: SERVER } },
  { pkg: 'otelfiber', library: 'otelfiber', functions: { Middleware: SERVER } },
  {
    pkg: 'otelgrpc',
    library: 'otelgrpc',
    functions: {
      NewServerHandler: SERVER_AND_METRICS,
      UnaryServerInterceptor: SERVER_AND_METRICS,
      StreamServerInterceptor: SERVER_AND_METRICS,
      NewClientHandler: CLIENT,
      UnaryClientInterceptor: CLIENT,
      StreamClientInterceptor: CLIENT,
    },
  },
  {
    pkg: 'otelsql',
    library: 'otelsql',
    functions: { Open: CLIENT, OpenDB: CLIENT, Register: CLIENT, WrapDriver: CLIENT },
  },
];

/** The auto-instrumentation a call sets up, or null (`otelhttp.NewHandler(mux, "api")` → otelhttp). */
export function autoInstrumentationOf(file: GoFile, call: LexCall): AutoInstrumentation | null {
  const dot = call.callee.indexOf('.');
  if (dot < 0 || call.callee.indexOf('.', dot + 1) >= 0) return null;
  const pkg = call.callee.slice(0, dot);
  const fn = call.callee.slice(dot + 1);
  if (!file.imports.isPackage(pkg)) return null;
  for (const lib of LIBRARIES) {
    const covers = lib.functions[fn];
    if (covers && file.imports.is(pkg, lib.pkg))
      return { library: lib.library, line: file.pos.line(call.start), covers: { ...covers } };
  }
  return null;
}

/** True for the server wrappers whose argument is the handler they instrument. */
export function wrapsHandler(auto: AutoInstrumentation, call: LexCall): boolean {
  return auto.covers.serverSpans && /\.(NewHandler|WithRouteTag)$/.test(call.callee);
}
