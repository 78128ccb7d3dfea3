import { describe, expect, it } from 'vitest';
import type { SpanFacts } from '../facts.js';
import { factsOf, fnOf, lineOf, py } from './test-support.js';

const HEADER = py`
  from opentelemetry import context, trace
  from opentelemetry.trace import Status, StatusCode
  tracer = trace.get_tracer(__name__)
  SPAN_NAME = "orders.create"
`;

function spansIn(body: string, name = 'run'): { spans: SpanFacts[]; text: string } {
  const text = `${HEADER}\n${body}`;
  return { spans: fnOf(factsOf(text), name).spans, text };
}

describe('span API shapes and how they end', () => {
  it('with start_as_current_span ... as span: a context manager', () => {
    const { spans, text } = spansIn(py`
      def run(order_id):
          with tracer.start_as_current_span("orders.run") as span:
              span.set_attribute("k", 1)
    `);
    expect(spans).toEqual([
      expect.objectContaining({
        line: lineOf(text, 'with tracer'),
        column: 10,
        api: 'py:start_as_current_span',
        variable: 'span',
        nameKind: 'literal',
        nameText: 'orders.run',
        end: 'context-manager',
        unendedExitLines: [],
        languageRecordsExceptions: true,
        inLoop: false,
        loopLine: null,
        parentContext: 'implicit',
        backgroundLine: null,
      }),
    ]);
  });

  it('async with, several items in one with, and no `as`', () => {
    const { spans } = spansIn(py`
      async def run():
          async with lock, tracer.start_as_current_span("a"):
              pass
          with open(p) as f, self.tracer.start_as_current_span("b") as s2:
              pass
    `);
    expect(spans.map((s) => [s.nameText, s.variable, s.end])).toEqual([
      ['a', null, 'context-manager'],
      ['b', 's2', 'context-manager'],
    ]);
  });

  it('the decorator form covers the whole function', () => {
    const text = `${HEADER}\n@tracer.start_as_current_span("orders.run", attributes={"service.operation": "run"})\ndef run():\n    raise ValueError()\n`;
    const [span] = fnOf(factsOf(text), 'run').spans;
    expect(span).toMatchObject({
      api: 'py:decorator',
      line: lineOf(text, '@tracer'),
      column: 2,
      end: 'context-manager',
      failureExitLines: [lineOf(text, 'raise')],
      failureExitsWithoutRecord: [],
      failureExitsWithoutStatus: [],
    });
    expect(span!.startAttributes.map((a) => a.key)).toEqual(['service.operation']);
  });

  it('start_span ended in finally', () => {
    const { spans } = spansIn(py`
      def run():
          span = tracer.start_span("orders.run")
          try:
              return work()
          finally:
              span.end()
    `);
    expect(spans[0]).toMatchObject({
      api: 'py:start_span',
      variable: 'span',
      end: 'finally',
      unendedExitLines: [],
    });
  });

  it('start_span started inside the try that ends it', () => {
    const { spans } = spansIn(py`
      def run():
          try:
              span = tracer.start_span("orders.run")
              work()
          finally:
              span.end()
    `);
    expect(spans[0]!.end).toBe('finally');
  });

  it('explicit ends on every path, on some, or never', () => {
    const all = spansIn(py`
      def run(x):
          span = tracer.start_span("a")
          if x:
              span.end()
              return 1
          span.end()
          return 2
    `);
    expect(all.spans[0]).toMatchObject({ end: 'explicit-all-paths', unendedExitLines: [] });

    const some = spansIn(py`
      def run(x):
          span = tracer.start_span("a")
          if x:
              return 1
          span.end()
    `);
    expect(some.spans[0]).toMatchObject({
      end: 'explicit-some-paths',
      unendedExitLines: [lineOf(some.text, 'return 1')],
    });

    const never = spansIn(py`
      def run(x):
          span = tracer.start_span("a")
          if x:
              return 1
          work()
    `);
    expect(never.spans[0]).toMatchObject({
      end: 'never',
      unendedExitLines: [lineOf(never.text, 'return 1'), lineOf(never.text, 'work()')],
    });
  });

  it('a span started in a loop body must be ended before the iteration ends', () => {
    const ended = spansIn(py`
      def run(items):
          for item in items:
              span = tracer.start_span("each")
              work(item)
              span.end()
          return len(items)
    `);
    expect(ended.spans[0]).toMatchObject({ end: 'explicit-all-paths', unendedExitLines: [], inLoop: true });
    const leaked = spansIn(py`
      def run(items):
          for item in items:
              span = tracer.start_span("each")
              if item.skip:
                  span.end()
          return len(items)
    `);
    expect(leaked.spans[0]).toMatchObject({
      end: 'explicit-some-paths',
      unendedExitLines: [lineOf(leaked.text, 'span.end()')],
    });
  });

  it('use_span(..., end_on_exit=True) and ExitStack.enter_context end the span', () => {
    const used = spansIn(py`
      def run():
          span = tracer.start_span("a")
          with trace.use_span(span, end_on_exit=True):
              work()
    `);
    expect(used.spans[0]!.end).toBe('context-manager');
    const stacked = spansIn(py`
      def run(stack):
          stack.enter_context(tracer.start_as_current_span("a"))
          work()
    `);
    expect(stacked.spans[0]!.end).toBe('context-manager');
  });

  it('a span handed to another object is ended by it; one kept to itself is never ended', () => {
    const handed = spansIn(py`
      def run(scope, active):
          span = tracer.start_span("http.server")
          telemetry = RequestTelemetry(span=span, scope=scope)
          active.append(telemetry)
    `);
    expect(handed.spans[0]!.end).toBe('explicit-all-paths');
    const kept = spansIn(py`
      def run(scope):
          span = tracer.start_span("http.server")
          span.set_attribute("route", scope["route"])
          return scope
    `);
    expect(kept.spans[0]!.end).toBe('never');
  });

  it('a span entered nowhere is never ended; a returned one belongs to the caller', () => {
    expect(spansIn('def run():\n    tracer.start_as_current_span("a")\n').spans[0]!.end).toBe('never');
    expect(spansIn('def run():\n    return tracer.start_span("a")\n').spans).toEqual([]);
  });

  it('a span kept on self and ended by another method counts as ended', () => {
    const text = `${HEADER}\nclass Job:\n    def start(self):\n        self._span = tracer.start_span("job")\n        self.running = True\n\n    def stop(self):\n        self._span.end()\n`;
    expect(fnOf(factsOf(text), 'Job.start').spans[0]).toMatchObject({
      variable: 'self._span',
      end: 'explicit-all-paths',
    });
  });

  it('end_on_exit=False makes the with form manual', () => {
    const { spans } = spansIn(
      'def run():\n    with tracer.start_as_current_span("a", end_on_exit=False) as span:\n        work()\n',
    );
    expect(spans[0]!.end).toBe('never');
  });
});

describe('tracers', () => {
  it('recognises self.tracer, self._tracer, get_tracer(...) and any *tracer* name, not other receivers', () => {
    const facts = factsOf(py`
      from opentelemetry import trace
      otel = trace.get_tracer("x")

      class S:
          def a(self):
              with self._tracer.start_as_current_span("a"):
                  pass
          def b(self):
              with trace.get_tracer(__name__).start_as_current_span("b"):
                  pass
          def c(self):
              with otel.start_as_current_span("c"):
                  pass
          def d(self):
              with ORDERS_TRACER.start_as_current_span("d"):
                  pass
          def e(self):
              with recorder.start_span("e"):
                  pass
    `);
    expect(facts.tracerVariables).toEqual(['otel']);
    expect(facts.functions.map((f) => f.spans.length)).toEqual([1, 1, 1, 1, 0]);
  });

  it('leaves spans of nested closures to them', () => {
    const { spans } = spansIn(py`
      def run(items):
          def one(item):
              with tracer.start_as_current_span("one"):
                  raise ValueError(item)
          for item in items:
              one(item)
    `);
    expect(spans).toEqual([]);
  });
});

describe('failure exits', () => {
  it('the context manager records what propagates; a swallowed exception is not recorded', () => {
    const { spans, text } = spansIn(py`
      def run(order_id):
          with tracer.start_as_current_span("a") as span:
              order = repo.load(order_id)
              if order is None:
                  raise LookupError(order_id)
              try:
                  gateway.charge(order)
              except PaymentError:
                  logger.warning("charge failed")
                  return None
    `);
    const except = lineOf(text, 'except PaymentError');
    expect(spans[0]).toMatchObject({
      failureExitLines: [lineOf(text, 'repo.load'), lineOf(text, 'raise LookupError'), except],
      failureExitsWithoutRecord: [except],
      failureExitsWithoutStatus: [except],
      languageRecordsExceptions: true,
    });
  });

  it('a swallowed exception that is recorded, or only partly, or re-raised', () => {
    const { spans, text } = spansIn(py`
      def run():
          with tracer.start_as_current_span("a") as span:
              try:
                  gateway.charge()
              except TimeoutError as exc:
                  span.record_exception(exc)
                  span.set_status(Status(StatusCode.ERROR, "timeout"))
                  return None
              except PaymentError as exc:
                  span.record_exception(exc)
                  return None
              except Exception:
                  raise
    `);
    const partial = lineOf(text, 'except PaymentError');
    expect(spans[0]).toMatchObject({
      failureExitLines: [lineOf(text, 'except TimeoutError'), partial, lineOf(text, 'raise')],
      failureExitsWithoutRecord: [],
      failureExitsWithoutStatus: [partial],
    });
  });

  it('ignores expected exceptions and try blocks that cannot fail', () => {
    const { spans } = spansIn(py`
      def run(d, s):
          with tracer.start_as_current_span("a"):
              try:
                  value = d["k"]
              except KeyError:
                  value = None
              try:
                  n = int(s)
              except ValueError:
                  n = 0
              try:
                  cache.get(s)
              except (KeyError, IndexError):
                  pass
    `);
    expect(spans[0]!.failureExitLines).toEqual([]);
  });

  it('record_exception=False: raises need an explicit record; set_status_on_exception=False: an explicit status', () => {
    const { spans, text } = spansIn(py`
      def run(x):
          with tracer.start_as_current_span("a", record_exception=False, set_status_on_exception=False) as span:
              if x:
                  raise ValueError("bad")
              try:
                  work()
              except OSError as exc:
                  span.record_exception(exc)
                  span.set_status(StatusCode.ERROR)
                  raise
    `);
    const bad = lineOf(text, 'raise ValueError');
    expect(spans[0]).toMatchObject({
      languageRecordsExceptions: false,
      failureExitLines: [bad, lineOf(text, 'raise', 1)],
      failureExitsWithoutRecord: [bad],
      failureExitsWithoutStatus: [bad],
    });
  });

  it('counts a project helper that records the error on the span', () => {
    const { spans } = spansIn(py`
      def run(span_name):
          with tracer.start_as_current_span("a"):
              try:
                  repo.save()
              except OSError as exc:
                  record_span_error(exc)
                  return None
    `);
    expect(spans[0]).toMatchObject({ failureExitsWithoutRecord: [], failureExitsWithoutStatus: [] });
    expect(spans[0]!.failureExitLines).toHaveLength(1);
  });

  it('manual spans record nothing by themselves', () => {
    const { spans, text } = spansIn(py`
      def run(x):
          span = tracer.start_span("a")
          try:
              if x:
                  span.record_exception(ValueError())
                  span.set_status(Status(StatusCode.ERROR))
                  raise ValueError()
              repo.save(x)
              raise RuntimeError()
          finally:
              span.end()
    `);
    const save = lineOf(text, 'repo.save');
    const runtime = lineOf(text, 'raise RuntimeError');
    expect(spans[0]).toMatchObject({
      end: 'finally',
      languageRecordsExceptions: false,
      failureExitLines: [lineOf(text, 'raise ValueError'), save, runtime],
      failureExitsWithoutRecord: [save, runtime],
      failureExitsWithoutStatus: [save, runtime],
    });
  });

  it('a manual span used with use_span records what leaves that block', () => {
    const { spans } = spansIn(py`
      def run():
          span = tracer.start_span("a")
          with trace.use_span(span, end_on_exit=True):
              repo.save()
    `);
    expect(spans[0]).toMatchObject({
      failureExitLines: [expect.any(Number)],
      failureExitsWithoutRecord: [],
      failureExitsWithoutStatus: [],
    });
  });
});

describe('span names', () => {
  it.each([
    ['"orders.run"', 'literal', 'orders.run'],
    ['"orders" ".run"', 'literal', 'orders.run'],
    ['f"orders.run"', 'literal', 'orders.run'],
    ['f"orders.{name}"', 'template', 'f"orders.{name}"'],
    ['"orders." + name', 'concatenation', '"orders." + name'],
    ['"orders.%s" % name', 'format-call', '"orders.%s" % name'],
    ['"orders.{}".format(name)', 'format-call', '"orders.{}".format(name)'],
    ['SPAN_NAME', 'constant', 'orders.create'],
    ['names.CREATE_ORDER', 'constant', 'names.CREATE_ORDER'],
    ['IMPORTED_NAME', 'constant', 'IMPORTED_NAME'],
    ['name', 'expression', 'name'],
    ['name="orders.kw"', 'literal', 'orders.kw'],
  ])('%s → %s', (arg, kind, text) => {
    const { spans } = spansIn(
      `def run(name):\n    with tracer.start_as_current_span(${arg}):\n        pass\n`,
    );
    expect(spans[0]).toMatchObject({ nameKind: kind, nameText: text });
  });

  it('resolves class constants through self', () => {
    const text = `${HEADER}\nclass S:\n    SPAN = "s.run"\n\n    def run(self):\n        with tracer.start_as_current_span(self.SPAN):\n            pass\n`;
    expect(fnOf(factsOf(text), 'S.run').spans[0]).toMatchObject({ nameKind: 'constant', nameText: 's.run' });
  });
});

describe('start attributes, loops and parent context', () => {
  it('reads attributes={...} and a local dict passed as attributes', () => {
    const { spans, text } = spansIn(py`
      def run(order_id, email):
          attrs = {"business.entity_id": order_id}
          with tracer.start_as_current_span("a", attributes={"service.operation": "run", "user.email": email, key: 1}):
              pass
          with tracer.start_as_current_span("b", attributes=attrs):
              pass
    `);
    const line = lineOf(text, 'attributes={');
    const column = (needle: string) => text.split('\n')[line - 1]!.indexOf(needle) + 1;
    expect(spans[0]!.startAttributes).toEqual([
      {
        key: 'service.operation',
        dynamicKey: false,
        line,
        column: column('"service'),
        valueText: '"run"',
        target: 'span-start',
      },
      {
        key: 'user.email',
        dynamicKey: false,
        line,
        column: column('"user'),
        valueText: 'email',
        target: 'span-start',
      },
      { key: 'key', dynamicKey: true, line, column: column('key:'), valueText: '1', target: 'span-start' },
    ]);
    expect(spans[1]!.startAttributes.map((a) => [a.key, a.line])).toEqual([
      ['business.entity_id', lineOf(text, 'attrs = {')],
    ]);
  });

  it('knows loop bodies and comprehensions, not loop headers', () => {
    const { spans, text } = spansIn(py`
      def run(items):
          for item in items:
              with tracer.start_as_current_span("each"):
                  pass
          while pending():
              span = tracer.start_span("poll")
              span.end()
          spans = [tracer.start_span(i) for i in items]
          for s in tracer.start_span("header").links:
              pass
    `);
    expect(spans.map((s) => [s.nameText, s.inLoop, s.loopLine])).toEqual([
      ['each', true, lineOf(text, 'for item')],
      ['poll', true, lineOf(text, 'while pending')],
      ['i', true, lineOf(text, 'spans = [')],
      ['header', false, null],
    ]);
  });

  it('reads context=: none, a parameter, something derived, or an empty (root) context', () => {
    const { spans, text } = spansIn(py`
      def run(ctx, headers):
          with tracer.start_as_current_span("a", context=None): pass
          with tracer.start_as_current_span("b", context=ctx): pass
          with tracer.start_as_current_span("c", context=extract(headers)): pass
          with tracer.start_as_current_span("d", context=context.Context()): pass
          with tracer.start_as_current_span("e", ctx): pass
    `);
    expect(spans.map((s) => [s.parentContext, s.backgroundLine])).toEqual([
      ['implicit', null],
      ['parameter', null],
      ['derived', null],
      ['background', lineOf(text, '"d"')],
      ['parameter', null],
    ]);
  });
});
