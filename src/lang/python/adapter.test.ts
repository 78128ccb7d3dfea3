import { describe, expect, it } from 'vitest';
import { pythonAdapter } from './adapter.js';
import { factsOf, fnOf, lineOf, py } from './test-support.js';

describe('pythonAdapter paths', () => {
  it('claims .py files only', () => {
    expect(pythonAdapter.languageOf('svc/orders.py')).toBe('python');
    expect(pythonAdapter.languageOf('svc/orders.pyi')).toBeNull();
    expect(pythonAdapter.languageOf('svc/orders.ts')).toBeNull();
  });

  it.each([
    ['tests/test_orders.py', true],
    ['svc/test_orders.py', true],
    ['svc/orders_test.py', true],
    ['svc/conftest.py', true],
    ['svc/tests/helpers.py', true],
    ['svc/testing.py', false],
    ['svc/contest.py', false],
    ['svc/latest_orders.py', false],
  ])('isTestFile(%s) = %s', (path, expected) => {
    expect(pythonAdapter.isTestFile(path)).toBe(expected);
  });
});

describe('functions', () => {
  const text = py`
    import httpx

    class OrderService:
        """Orders."""

        def __init__(self, repo):
            self.repo = repo
            self.client = httpx.AsyncClient()

        async def place(self, order_id: str, *items, **options):
            """Place it."""
            order = await self.repo.load(order_id)
            def check(item):
                if not item:
                    raise ValueError(item)
                return requests.get(item.url)
            for item in items:
                check(item)
            await self.client.post("/orders", json=order)
            if not order:
                raise LookupError(order_id)

        def stream(self):
            yield from self.repo.all()

        class Line:
            def total(self):
                return self.price * self.qty
  `;
  const facts = factsOf(text);

  it('are module- and class-level defs, with nested classes qualified', () => {
    expect(facts.functions.map((f) => [f.qualifiedName, f.kind, f.owner])).toEqual([
      ['OrderService.__init__', 'constructor', 'OrderService'],
      ['OrderService.place', 'method', 'OrderService'],
      ['OrderService.stream', 'method', 'OrderService'],
      ['OrderService.Line.total', 'method', 'Line'],
    ]);
  });

  it('have positions and ranges that slice the source', () => {
    const place = fnOf(facts, 'OrderService.place');
    expect(place).toMatchObject({
      line: lineOf(text, 'async def place'),
      column: 5,
      endLine: lineOf(text, 'raise LookupError'),
    });
    expect(text.slice(place.range.startByte, place.range.endByte)).toMatch(
      /^async def place[\s\S]*raise LookupError\(order_id\)$/,
    );
    expect(text.slice(place.bodyRange.startByte, place.bodyRange.startByte + 3)).toBe('"""');
  });

  it('keep raises of nested functions out, and their calls in (as the parent’s I/O)', () => {
    const place = fnOf(facts, 'OrderService.place');
    expect(place).toMatchObject({ async: true, generator: false, failureExits: 1, returnsError: false });
    expect(place.ioCalls).toEqual([
      { callee: 'self.repo.load', line: lineOf(text, 'self.repo.load'), kind: 'dependency' },
      { callee: 'requests.get', line: lineOf(text, 'requests.get'), kind: 'http' },
      { callee: 'self.client.post', line: lineOf(text, 'self.client.post'), kind: 'http' },
    ]);
    // Own calls only: load, check, post (not ValueError/requests.get inside `check`).
    expect(place.callCount).toBe(4);
    expect(place.statementCount).toBe(10);
    expect(place.params.map((p) => `${p.name}:${p.role}`)).toEqual([
      'order_id:id',
      'items:other',
      'options:other',
    ]);
  });

  it('know generators', () => {
    expect(fnOf(facts, 'OrderService.stream').generator).toBe(true);
  });
});

describe('line numbers after strings that span lines', () => {
  it('count the lines inside docstrings and other triple-quoted strings', () => {
    const text = py`
      """The module.

      Longer text.
      """
      import requests

      QUERY = f"""
      SELECT {1}
      """

      def fetch(url):
          """Fetch it.

          Really.
          """
          return requests.get(url)

      def post(url):
          return requests.post(url)
    `;
    const facts = factsOf(text);
    expect(fnOf(facts, 'fetch')).toMatchObject({
      line: lineOf(text, 'def fetch'),
      endLine: lineOf(text, 'return requests.get'),
    });
    expect(fnOf(facts, 'post').line).toBe(lineOf(text, 'def post'));
  });
});

describe('exported', () => {
  it('follows leading underscores of the function, its classes and its module path', () => {
    const facts = factsOf(
      'def run(): pass\ndef _run(): pass\nclass _Hidden:\n    def run(self): pass\nclass Shown:\n    def __call__(self): pass\n',
    );
    expect(facts.functions.map((f) => [f.qualifiedName, f.exported])).toEqual([
      ['run', true],
      ['_run', false],
      ['_Hidden.run', false],
      ['Shown.__call__', true],
    ]);
    expect(factsOf('def run(): pass\n', 'svc/_internal/db.py').functions[0]!.exported).toBe(false);
    expect(factsOf('def run(): pass\n', 'svc/__init__.py').functions[0]!.exported).toBe(true);
  });

  it('respects __all__ (including += and extend)', () => {
    const facts = factsOf(py`
      __all__ = ["listed", "Api"]
      __all__ += ["added"]
      __all__.extend(["extended"])
      def listed(): pass
      def added(): pass
      def extended(): pass
      def unlisted(): pass
      class Api:
          def call(self): pass
      class Other:
          def call(self): pass
    `);
    expect(facts.functions.map((f) => [f.qualifiedName, f.exported])).toEqual([
      ['listed', true],
      ['added', true],
      ['extended', true],
      ['unlisted', false],
      ['Api.call', true],
      ['Other.call', false],
    ]);
  });
});

describe('suppressions', () => {
  it('reads comments above the decorators, among them, and trailing the def line', () => {
    const text = py`
      # Health endpoint.
      # otelwright-ignore: OTW001 probed every second by the load balancer
      @app.get("/health")
      # otelwright-ignore: OTW004 no metrics for probes
      def health():  # otelwright-ignore[missing-attributes] nothing to add
          return {}

      # otelwright-ignore: OTW001 not this one: a blank line separates it

      def other():
          pass

      def third():  # otelwright-ignore
          pass
    `;
    const facts = factsOf(text);
    expect(fnOf(facts, 'health').suppressions).toEqual([
      { rule: 'OTW001', reason: 'probed every second by the load balancer', line: 2 },
      { rule: 'OTW004', reason: 'no metrics for probes', line: 4 },
      { rule: 'missing-attributes', reason: 'nothing to add', line: 5 },
    ]);
    expect(fnOf(facts, 'other').suppressions).toEqual([]);
    expect(fnOf(facts, 'third').suppressions).toEqual([
      { rule: null, reason: '', line: lineOf(text, 'def third') },
    ]);
  });
});

describe('client bindings make calls I/O', () => {
  it('follows constructors, with-aliases, self attributes and annotations', () => {
    const facts = factsOf(py`
      import boto3
      from redis.asyncio import Redis
      from sqlalchemy.ext.asyncio import AsyncSession

      queue = boto3.client("sqs")

      class Notifier:
          def __init__(self):
              self.kv = Redis()

          async def notify(self, msg, db: AsyncSession):
              queue.put(msg)
              await self.kv.publish("n", msg)
              async with aiohttp.ClientSession() as s:
                  s.fetch(msg)
              db.merge(msg)
    `);
    expect(fnOf(facts, 'Notifier.notify').ioCalls.map((c) => `${c.callee}:${c.kind}`)).toEqual([
      'queue.put:queue',
      'self.kv.publish:cache',
      's.fetch:http',
      'db.merge:database',
    ]);
  });
});

describe('auto-instrumentation', () => {
  it('reads instrumentors, middleware, distros and the programmatic opentelemetry-instrument', () => {
    const text = py`
      from opentelemetry.instrumentation import auto_instrumentation
      from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor
      FastAPIInstrumentor.instrument_app(app)
      FlaskInstrumentor().instrument_app(app)
      DjangoInstrumentor().instrument()
      RequestsInstrumentor().instrument()
      HTTPXClientInstrumentor().instrument()
      LoggingInstrumentor().instrument(set_logging_format=True)
      app.add_middleware(OpenTelemetryMiddleware)
      logfire.instrument_fastapi(app)

      def configure():
          configure_azure_monitor()
    `;
    const server = { serverSpans: true, serverMetrics: true, clientSpans: false };
    const client = { serverSpans: false, serverMetrics: false, clientSpans: true };
    expect(factsOf(text).autoInstrumentation).toEqual([
      {
        library: 'opentelemetry-instrument',
        line: 1,
        covers: { serverSpans: true, serverMetrics: true, clientSpans: true },
      },
      { library: 'FastAPIInstrumentor', line: 3, covers: server },
      { library: 'FlaskInstrumentor', line: 4, covers: server },
      { library: 'DjangoInstrumentor', line: 5, covers: server },
      { library: 'RequestsInstrumentor', line: 6, covers: client },
      { library: 'HTTPXClientInstrumentor', line: 7, covers: client },
      { library: 'OpenTelemetryMiddleware', line: 9, covers: server },
      { library: 'FastAPIInstrumentor', line: 10, covers: server },
      {
        library: 'azure-monitor-opentelemetry',
        line: 13,
        covers: { serverSpans: true, serverMetrics: true, clientSpans: true },
      },
    ]);
  });
});

describe('file facts', () => {
  it('take the package from the hint and list module tracers', () => {
    const facts = factsOf(
      'from opentelemetry import trace\ntracer = trace.get_tracer(__name__)\n_t2 = get_tracer("x")\n',
    );
    expect(facts).toMatchObject({
      path: 'orders/service.py',
      language: 'python',
      packageName: 'orders',
      tracerVariables: ['tracer', '_t2'],
    });
  });

  it.each([
    ['# Generated by the protocol buffer compiler.  DO NOT EDIT!\nimport x\n', 'svc/a.py', true],
    [
      '# -*- coding: utf-8 -*-\n# Generated by Django 4.2 on 2024-01-01\nfrom django.db import migrations\n',
      'm/0001_initial.py',
      true,
    ],
    ['"""@generated by tool"""\nx = 1\n', 'svc/a.py', true],
    ['"""Helpers for tokens generated by the lexer."""\nx = 1\n', 'svc/a.py', false],
    ['import x\n# Generated by hand later in the file\n', 'svc/a.py', false],
    ['x = 1\n', 'svc/orders_pb2.py', true],
    ['x = 1\n', 'svc/orders_pb2_grpc.py', true],
  ])('generated(%j, %s) = %s', (text, path, expected) => {
    expect(factsOf(text, path).generated).toBe(expected);
  });

  it('report syntax errors and still return facts', () => {
    const facts = factsOf('def ok():\n    return db.query(x)\n\ndef broken(:\n    x = (1,\n');
    expect(facts.parseErrors.length).toBeGreaterThan(0);
    expect(facts.parseErrors[0]!.line).toBeGreaterThanOrEqual(4);
    expect(facts.functions[0]).toMatchObject({
      name: 'ok',
      ioCalls: [{ callee: 'db.query', line: 2, kind: 'database' }],
    });
  });

  it('handle empty files, unicode identifiers and deep nesting', () => {
    expect(factsOf('').functions).toEqual([]);
    expect(factsOf('\ufeff# just a comment\n').parseErrors).toEqual([]);
    expect(fnOf(factsOf('def größe(ñ):\n    return ñ.lädt()\n'), 'größe').params[0]!.name).toBe('ñ');
    const deep = `def f():\n    return ${'['.repeat(3000)}${']'.repeat(3000)}\n`;
    expect(factsOf(deep).functions.map((f) => f.name)).toEqual(['f']);
    const nested = `def f():\n${Array.from({ length: 100 }, (_, i) => `${' '.repeat(4 * (i + 1))}if x:\n`).join('')}${' '.repeat(404)}raise E\n`;
    expect(fnOf(factsOf(nested), 'f').failureExits).toBe(1);
  });
});
