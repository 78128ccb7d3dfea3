import { describe, expect, it } from 'vitest';
import type { FileFacts } from '../facts.js';
import { goAdapter } from './adapter.js';

const HEADER = `package orders

import (
	"context"
	"sync"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"
)

var meter = otel.Meter("example.com/orders")
`;

const HEADER_LINES = HEADER.split('\n').length - 1;
const at = (line: number) => HEADER_LINES + line;

function facts(body: string): FileFacts {
  const text = HEADER + body;
  return goAdapter.extractFacts({
    path: 'orders/metrics.go',
    text,
    language: 'go',
    packageHint: 'orders',
    scopeHint: 'x',
  });
}

describe('metric instruments', () => {
  it('finds instruments with their kind, name, variable and line', () => {
    const f = facts(`const latencyName = "orders.checkout.duration"

var (
	requests, _ = meter.Int64Counter("orders.checkout.requests", metric.WithUnit("{request}"))
	latency, _  = meter.Float64Histogram(latencyName)
	inflight, _ = otel.Meter("x").Int64UpDownCounter("orders.checkout.inflight")
	queue, _    = meter.Int64ObservableGauge("orders.queue.depth")
)
`);
    expect(f.metricInstruments).toEqual([
      {
        name: 'orders.checkout.requests',
        kind: 'counter',
        line: at(4),
        variable: 'requests',
        perCall: false,
      },
      {
        name: 'orders.checkout.duration',
        kind: 'histogram',
        line: at(5),
        variable: 'latency',
        perCall: false,
      },
      {
        name: 'orders.checkout.inflight',
        kind: 'updowncounter',
        line: at(6),
        variable: 'inflight',
        perCall: false,
      },
      {
        name: 'orders.queue.depth',
        kind: 'observable-gauge',
        line: at(7),
        variable: 'queue',
        perCall: false,
      },
    ]);
  });
  it('tells instruments created once from instruments created on every call', () => {
    const f = facts(`type metrics struct {
	requests metric.Int64Counter
	latency  metric.Float64Histogram
}

var once sync.Once

func init() {
	initCounter, _ = meter.Int64Counter("a")
}

func newMetrics(m metric.Meter) *metrics {
	return &metrics{
		requests: must(m.Int64Counter("b")),
	}
}

func lazy() {
	once.Do(func() {
		lazyCounter, _ = meter.Int64Counter("c")
	})
}

func (s *Service) Handle(ctx context.Context) {
	c, _ := meter.Int64Counter("d")
	s.latency, _ = meter.Float64Histogram("e")
	c.Add(ctx, 1)
}
`);
    expect(f.metricInstruments.map((m) => [m.name, m.variable, m.perCall])).toEqual([
      ['a', 'initCounter', false],
      ['b', 'requests', false],
      ['c', 'lazyCounter', false],
      ['d', 'c', true],
      ['e', 'latency', true],
    ]);
  });
});

describe('metric recordings', () => {
  it('finds recordings on known instruments and instrument-like names, with their attributes', () => {
    const f = facts(`type Handler struct {
	hits metric.Int64Counter
}

var latency, _ = meter.Float64Histogram("orders.latency")

func (h *Handler) Serve(ctx context.Context, r *http.Request, orderID string) {
	h.hits.Add(ctx, 1)
	latency.Record(ctx, 1.5, metric.WithAttributes(attribute.String("http.route", "/orders"), attribute.String("order.id", orderID)))
	h.metrics.requestCounter.Add(ctx, 1, metric.WithAttributeSet(attribute.NewSet(attribute.String("path", r.URL.Path))))
	wg.Add(1)
	set.Add(item, 1)
}
`);
    const [fn] = f.functions;
    expect(
      fn?.metricRecordings.map((r) => [
        r.instrument,
        r.line,
        r.attributes.map((a) => `${a.key}=${a.valueText}`),
      ]),
    ).toEqual([
      ['h.hits', at(8), []],
      ['latency', at(9), ['http.route="/orders"', 'order.id=orderID']],
      ['h.metrics.requestCounter', at(10), ['path=r.URL.Path']],
    ]);
    expect(fn?.attributes.map((a) => [a.key, a.target])).toEqual([
      ['http.route', 'metric'],
      ['order.id', 'metric'],
      ['path', 'metric'],
    ]);
    expect(fn?.ioCalls).toEqual([]);
  });
});
