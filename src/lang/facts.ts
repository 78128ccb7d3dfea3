// The language-neutral facts an adapter extracts from one source file. Rules read only these, never a
// syntax tree, so a rule written once judges Go, TypeScript/JavaScript and Python alike.
//
// Positions are 1-based lines and 1-based columns (what editors and SARIF show). Range offsets are
// 0-based indices into the JavaScript string of the file (UTF-16 code units, what tree-sitter's
// `node.startIndex` gives for a string input), so planners can slice and edit the text directly.

export type Language = 'go' | 'typescript' | 'javascript' | 'python';

export interface Position {
  line: number;
  column: number;
}

export interface ByteRange {
  startByte: number;
  endByte: number;
}

/** What the workspace knows about a file before it is parsed. */
export interface SourceFile {
  /** Path relative to the audit root, POSIX separators: what reports show. */
  path: string;
  text: string;
  language: Language;
  /**
   * The label used for `{package}` in span-name templates: Go's package clause wins when the adapter
   * sees one; otherwise the workspace's guess (directory or module name).
   */
  packageHint: string;
  /** Instrumentation scope name for a new tracer: Go import path, npm package name, Python module. */
  scopeHint: string;
}

export interface FileFacts {
  path: string;
  language: Language;
  /** Package label for span names (`orders` in `orders.ProcessPayment`). */
  packageName: string;
  /** `Code generated ... DO NOT EDIT.` and the like: the audit skips such files. */
  generated: boolean;
  /** Syntax errors tree-sitter recovered from; a file with any is reported as not parsed cleanly. */
  parseErrors: Position[];
  functions: FunctionFacts[];
  /** Auto-instrumentation set up in this file (middleware, instrumentors, SDK auto-loader). */
  autoInstrumentation: AutoInstrumentation[];
  /** Module/package-level tracer variables (`var tracer = otel.Tracer(..)`, `tracer = trace.get_tracer(..)`). */
  tracerVariables: string[];
  /** Metric instruments created in this file, wherever they are created. */
  metricInstruments: MetricInstrument[];
  /** Handler registrations seen in this file (`mux.HandleFunc("/orders", h.Create)`, `@app.post(...)`). */
  routes: RouteRegistration[];
  /**
   * Routers mounted under a prefix in this file (`app.use('/api/orders', ordersRouter)`,
   * `app.include_router(orders.router, prefix="/api")`): the audit prefixes the routes registered on them.
   */
  mounts?: RouterMount[];
}

/** A router mounted under a prefix, so every route registered on it starts with that prefix. */
export interface RouterMount {
  /** What the mount adds in front of the router's routes (`/api/orders`). */
  prefix: string;
  /**
   * The router mounted: its name in the module that defines it (`ordersRouter`, `router`, `default` for
   * a default export) and that module as a root-relative path without extension (`src/routes/orders`,
   * `app/routers/orders`), or null when it is defined in this file.
   */
  router: { name: string; module: string | null };
  /** The router or app it is mounted on, by its name in this file (`app`, `api`): mounts chain. */
  parent: string | null;
  line: number;
}

export type FunctionKind =
  | 'function'
  | 'method'
  | 'arrow'
  | 'function-expression'
  | 'constructor'
  | 'getter'
  | 'setter';

/** Why a function is not worth a span whatever else it does. */
export type TrivialReason =
  | 'getter'
  | 'setter'
  | 'stringer' // String(), __repr__, toString(), toJSON(), Error()...
  | 'assign-only-constructor'
  | 'pure-formatting' // no calls except formatting/string helpers, no I/O, no errors
  | 'empty'
  | 'dunder'; // Python protocol methods other than __call__/__aenter__...

export type ParamRole =
  | 'context' // Go context.Context
  | 'request' // *http.Request, Express req, FastAPI Request, Flask request...
  | 'response' // http.ResponseWriter, Express res
  | 'framework-context' // *gin.Context, echo.Context, Koa ctx, fastify request/reply
  | 'id' // orderID, order_id, userId, id...
  | 'other';

export interface ParamFacts {
  name: string;
  /** Type as written (`context.Context`, `string`, `Request`), or null when untyped. */
  type: string | null;
  role: ParamRole;
}

export type HandlerFramework =
  | 'net/http'
  | 'gin'
  | 'echo'
  | 'chi'
  | 'gorilla/mux'
  | 'grpc'
  | 'express'
  | 'fastify'
  | 'koa'
  | 'nestjs'
  | 'nextjs'
  | 'fastapi'
  | 'flask'
  | 'django'
  | 'aws-lambda'
  | 'other';

export interface HandlerFacts {
  framework: HandlerFramework;
  /** Route when it can be resolved statically (`/orders/{id}`), else null. */
  route: string | null;
  /** HTTP method when known (`POST`), else null. */
  method: string | null;
  /**
   * The router or app the handler is registered on, by its name in this file (`router` in
   * `@router.get(...)`, `ordersRouter` in `ordersRouter.get('/:id', ...)`), when a mount elsewhere may
   * prefix its route; absent or null otherwise.
   */
  router?: string | null;
  /**
   * It passes every request on to another handler (`s.router.ServeHTTP(w, r)`, `next.ServeHTTP(w, r)`):
   * a router entry point or a middleware. Requests are measured where they end, not here too.
   */
  delegates?: boolean;
}

/** Evidence that a function does work worth tracing: I/O, calls to other services, stores. */
export interface IoCall {
  /** The callee as written, shortened (`db.QueryContext`, `fetch`, `requests.post`, `s.repo.Save`). */
  callee: string;
  line: number;
  /**
   * Why we think this is I/O: `database`, `http`, `grpc`, `filesystem`, `queue`, `cache`, `subprocess`,
   * `dependency`; or `internal`, a call to a method of the same class (`this.post`, `self._deliver`), which
   * the audit counts only when that method does I/O itself.
   */
  kind: string;
}

export type SpanApi =
  | 'go:tracer.Start'
  | 'ts:startActiveSpan'
  | 'ts:startSpan'
  | 'py:start_as_current_span'
  | 'py:start_span'
  | 'py:decorator';

export type SpanNameKind =
  | 'literal' // "orders.ProcessPayment"
  | 'constant' // a named constant / module-level string
  | 'concatenation' // "orders." + name
  | 'template' // `orders.${name}`, f"orders.{name}"
  | 'format-call' // fmt.Sprintf(...), "...".format(...), "%s" % x
  | 'expression'; // anything else we cannot see through

export type SpanEnd =
  | 'defer' // Go `defer span.End()`
  | 'finally' // JS/Python finally block ends it
  | 'context-manager' // Python `with ... as span:` and the decorator form
  | 'explicit-all-paths' // span.End()/span.end() on every exit path
  | 'explicit-some-paths' // ended on some paths only
  | 'never'; // never ended in this function

export interface SpanFacts {
  line: number;
  column: number;
  api: SpanApi;
  /** Name of the variable the span is bound to, or null. */
  variable: string | null;
  nameKind: SpanNameKind;
  /** The literal value when nameKind is 'literal'/'constant' and resolvable, else the expression text. */
  nameText: string;
  end: SpanEnd;
  /** Lines of exit paths (returns, throws, raises) where the span is still open, when end is not complete. */
  unendedExitLines: number[];
  /** Failure exits (return err, throw, raise, rejected await) inside the span. */
  failureExitLines: number[];
  /** Failure exits on which the error is NOT recorded (RecordError/recordException or language default). */
  failureExitsWithoutRecord: number[];
  /** Failure exits on which status is NOT set to Error (SetStatus(codes.Error)/setStatus/language default). */
  failureExitsWithoutStatus: number[];
  /** Python's context manager records and sets status on exceptions unless disabled; JS never does. */
  languageRecordsExceptions: boolean;
  /** Started inside a loop body (for/while/range/forEach/map callback). */
  inLoop: boolean;
  /** Line of the enclosing loop, when inLoop. */
  loopLine: number | null;
  /** Attribute keys given at start (`trace.WithAttributes`, `attributes: {}`, `attributes=`). */
  startAttributes: AttributeWrite[];
  /**
   * Where the parent context comes from. `background` means context.Background()/TODO() (Go) in a
   * function that had a context to use; `none-available` that the function had no context at all.
   */
  parentContext: 'parameter' | 'derived' | 'background' | 'implicit' | 'none-available';
  /** Line of the context.Background()/TODO() call when parentContext is 'background'. */
  backgroundLine: number | null;
}

export interface AttributeWrite {
  key: string;
  /** True when the key is not a literal (computed key); the key text is then the expression. */
  dynamicKey: boolean;
  line: number;
  column: number;
  /** Value expression as written, shortened to 120 characters. */
  valueText: string;
  /** Where it was written: span start options, span.SetAttributes/setAttribute, a metric call, a log. */
  target: 'span-start' | 'span' | 'metric';
}

export interface Suppression {
  /** Rule id, rule name or gap type named after `otelwright-ignore:`; null means every rule. */
  rule: string | null;
  reason: string;
  line: number;
}

export interface FunctionFacts {
  /** Bare name (`ProcessPayment`, `createOrder`, `process_payment`, `<anonymous>` never appears: anonymous functions are named after their binding). */
  name: string;
  /** Name as reports show it: `OrderService.ProcessPayment`, `createOrder`, `OrderService.process_payment`. */
  qualifiedName: string;
  kind: FunctionKind;
  /** Go receiver type or enclosing class name, without pointer/generics. */
  owner: string | null;
  line: number;
  column: number;
  endLine: number;
  /** The whole function, and its body (block or expression), as byte ranges. */
  range: ByteRange;
  bodyRange: ByteRange;
  /**
   * Exported/public: Go capitalised, TS/JS `export`ed (or a public method of an exported class, or
   * assigned to module.exports/exports), Python not starting with `_` in a module that is not private.
   */
  exported: boolean;
  async: boolean;
  generator: boolean;
  params: ParamFacts[];
  /** Go: the last result is `error`. TS: declared return type mentions Promise/throws nothing; false. Python: false. */
  returnsError: boolean;
  /** Number of `return err`-style, `throw` or `raise` exits in the body (not in nested functions). */
  failureExits: number;
  handler: HandlerFacts | null;
  ioCalls: IoCall[];
  /** Calls of any kind in the body (not in nested functions). */
  callCount: number;
  statementCount: number;
  trivial: TrivialReason | null;
  /** Test helpers, `main`, `init`, and the like the audit never asks to trace. */
  excluded: { reason: string } | null;
  spans: SpanFacts[];
  /** Attribute writes in the body outside span start options (span.SetAttributes, metric attributes...). */
  attributes: AttributeWrite[];
  /** Metric recordings in the body (`hist.Record`, `counter.add`, `.observe`). */
  metricRecordings: { instrument: string; line: number; attributes: AttributeWrite[] }[];
  /** The function body is wrapped by an auto-instrumenting decorator/middleware at its definition site. */
  autoInstrumented: AutoInstrumentation | null;
  suppressions: Suppression[];
}

export interface AutoInstrumentation {
  /** `otelhttp`, `otelgin`, `otelmux`, `otelecho`, `otelgrpc`, `auto-instrumentations-node`, `instrumentation-http`, `instrumentation-express`, `opentelemetry-instrument`, `FastAPIInstrumentor`, `FlaskInstrumentor`, `DjangoInstrumentor`... */
  library: string;
  line: number;
  /** What it covers: server spans for HTTP/gRPC handlers, and whether it also records HTTP server metrics. */
  covers: { serverSpans: boolean; serverMetrics: boolean; clientSpans: boolean };
}

export type MetricKind =
  | 'counter'
  | 'histogram'
  | 'updowncounter'
  | 'gauge'
  | 'observable-gauge'
  | 'observable-counter';

export interface MetricInstrument {
  /** Metric name when literal, else the expression text. */
  name: string;
  kind: MetricKind;
  line: number;
  /** Variable the instrument is bound to, when any. */
  variable: string | null;
  /** Created inside a function body (per call) rather than once at module level. */
  perCall: boolean;
}

export interface RouteRegistration {
  framework: HandlerFramework;
  method: string | null;
  route: string;
  /** The handler as written (`h.CreateOrder`, `createOrder`), resolved to a function name when possible. */
  handler: string;
  line: number;
  /** Wrapped in auto-instrumentation at registration (`otelhttp.NewHandler(...)`, `otelhttp.WithRouteTag`). */
  autoInstrumented: boolean;
  /** The router or app the route is registered on, by its name in this file, when a mount may prefix it. */
  router?: string | null;
}
