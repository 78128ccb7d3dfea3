import { describe, expect, it } from 'vitest';
import { factsOf, fnOf, lineOf, py } from './test-support.js';

describe('metric instruments', () => {
  it('knows each kind, its name and variable, and whether it is created once or per call', () => {
    const text = py`
      from opentelemetry import metrics
      meter = metrics.get_meter(__name__)
      ORDERS = meter.create_counter("shop.orders.created", unit="1")
      LATENCY: Histogram = meter.create_histogram(name="shop.orders.duration", unit="ms")
      meter.create_observable_gauge("shop.queue.depth", callbacks=[depth])

      class Checkout:
          INFLIGHT = meter.create_up_down_counter("shop.checkout.inflight")

          def __init__(self, meter):
              self.failures = meter.create_counter("shop.checkout.failures")

          def pay(self, order):
              paid = meter.create_counter(f"shop.{order.kind}.paid")
              paid.add(1)

      def setup_metrics(meter):
          meter.create_gauge("shop.setup")

      _cached = None
      def lazy():
          global _cached
          _cached = meter.create_observable_counter("shop.lazy")
    `;
    const facts = factsOf(text);
    expect(facts.metricInstruments).toEqual([
      {
        name: 'shop.orders.created',
        kind: 'counter',
        line: lineOf(text, 'ORDERS ='),
        variable: 'ORDERS',
        perCall: false,
      },
      {
        name: 'shop.orders.duration',
        kind: 'histogram',
        line: lineOf(text, 'LATENCY'),
        variable: 'LATENCY',
        perCall: false,
      },
      {
        name: 'shop.queue.depth',
        kind: 'observable-gauge',
        line: lineOf(text, 'queue.depth'),
        variable: null,
        perCall: false,
      },
      {
        name: 'shop.checkout.inflight',
        kind: 'updowncounter',
        line: lineOf(text, 'INFLIGHT'),
        variable: 'INFLIGHT',
        perCall: false,
      },
      {
        name: 'shop.checkout.failures',
        kind: 'counter',
        line: lineOf(text, 'self.failures'),
        variable: 'self.failures',
        perCall: false,
      },
      {
        name: 'f"shop.{order.kind}.paid"',
        kind: 'counter',
        line: lineOf(text, 'paid ='),
        variable: 'paid',
        perCall: true,
      },
      { name: 'shop.setup', kind: 'gauge', line: lineOf(text, 'shop.setup'), variable: null, perCall: false },
      {
        name: 'shop.lazy',
        kind: 'observable-counter',
        line: lineOf(text, 'shop.lazy'),
        variable: '_cached',
        perCall: false,
      },
    ]);
  });
});

describe('metric recordings and their attributes', () => {
  it('reads recordings on known instruments, and attributes given inline, by keyword or through a local dict', () => {
    const text = py`
      REQUESTS = meter.create_counter("api.requests")

      class Api:
          def __init__(self):
              self.latency = meter.create_histogram("api.latency")

          def handle(self, request, user_id):
              attrs = {"http.route": "/orders", "user.id": user_id}
              REQUESTS.add(1, {"http.method": request.method})
              self.latency.record(elapsed, attributes=attrs)
              checkout_counter.add(1)
              seen.add(user_id)
    `;
    const fn = fnOf(factsOf(text), 'Api.handle');
    expect(fn.metricRecordings.map((r) => [r.instrument, r.line, r.attributes.map((a) => a.key)])).toEqual([
      ['REQUESTS', lineOf(text, 'REQUESTS.add'), ['http.method']],
      ['self.latency', lineOf(text, 'self.latency.record'), ['http.route', 'user.id']],
      ['checkout_counter', lineOf(text, 'checkout_counter'), []],
    ]);
    expect(fn.attributes.filter((a) => a.target === 'metric').map((a) => [a.key, a.valueText])).toEqual([
      ['http.method', 'request.method'],
      ['http.route', '"/orders"'],
      ['user.id', 'user_id'],
    ]);
  });
});

describe('span attributes written in the body', () => {
  it('reads set_attribute, set_attributes, add_event and the current span', () => {
    const text = py`
      from opentelemetry.semconv.trace import SpanAttributes
      ATTR_ORDER = "business.entity_id"

      def run(order, email):
          with tracer.start_as_current_span("run") as span:
              span.set_attribute("service.operation", "run")
              span.set_attribute(ATTR_ORDER, order.id)
              span.set_attribute(SpanAttributes.HTTP_METHOD, "POST")
              span.set_attribute(f"x.{order.kind}", 1)
              span.set_attributes({"customer.email": email, "business.outcome": "ok"})
              span.add_event("charged", {"amount": order.total})
              trace.get_current_span().set_attribute("deployment.environment", env)
    `;
    const fn = fnOf(factsOf(text), 'run');
    expect(fn.attributes.map((a) => [a.key, a.dynamicKey, a.line, a.target])).toEqual([
      ['service.operation', false, lineOf(text, '"service.operation"'), 'span'],
      ['business.entity_id', false, lineOf(text, 'ATTR_ORDER, order.id'), 'span'],
      ['http.method', false, lineOf(text, 'HTTP_METHOD'), 'span'],
      ['f"x.{order.kind}"', true, lineOf(text, 'f"x.'), 'span'],
      ['customer.email', false, lineOf(text, 'set_attributes'), 'span'],
      ['business.outcome', false, lineOf(text, 'set_attributes'), 'span'],
      ['amount', false, lineOf(text, 'add_event'), 'span'],
      ['deployment.environment', false, lineOf(text, 'get_current_span'), 'span'],
    ]);
    expect(fn.attributes[0]!.column).toBe(9);
    expect(fn.attributes[4]!.valueText).toBe('email');
  });
});
