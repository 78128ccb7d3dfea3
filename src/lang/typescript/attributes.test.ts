import { describe, expect, it } from 'vitest';
import { factsOf, fnOf, lineWith } from './__fixtures__/facts.js';

describe('typescript adapter: attributes written in the body', () => {
  it("reads span.setAttribute and span.setAttributes on the function's spans and active spans", () => {
    const text = `
import { trace } from '@opentelemetry/api';
import { SemanticAttributes } from '@opentelemetry/semantic-conventions';
const tracer = trace.getTracer('orders');
const ATTRS = { OUTCOME: 'business.outcome' };
export async function f(order) {
  const span = tracer.startSpan('orders.f');
  span.setAttribute('http.status_code', 200);
  span.setAttributes({ 'customer.email': order.email, [SemanticAttributes.HTTP_METHOD]: 'POST', total: order.total });
  trace.getActiveSpan()?.setAttribute(ATTRS.OUTCOME, 'success');
  span.setAttribute(keyFor(order), 1);
  map.setAttribute('not.a.span', 1);
  span.end();
}`;
    const fn = fnOf(factsOf(text), 'f');
    expect(fn.attributes.map((a) => [a.key, a.dynamicKey, a.valueText, a.target, a.line])).toEqual([
      ['http.status_code', false, '200', 'span', lineWith(text, "'http.status_code'")],
      ['customer.email', false, 'order.email', 'span', lineWith(text, 'setAttributes')],
      ['http.method', false, "'POST'", 'span', lineWith(text, 'setAttributes')],
      ['total', false, 'order.total', 'span', lineWith(text, 'setAttributes')],
      ['business.outcome', false, "'success'", 'span', lineWith(text, 'getActiveSpan')],
      ['keyFor(order)', true, '1', 'span', lineWith(text, 'keyFor')],
    ]);
    const line = text.split('\n')[lineWith(text, 'setAttributes') - 1] ?? '';
    expect(fn.attributes[1]?.column).toBe(line.indexOf("'customer.email'") + 1);
  });

  it('resolves attribute objects held in local or module constants and spread into others', () => {
    const text = `
import { metrics } from '@opentelemetry/api';
const meter = metrics.getMeter('api');
const requests = meter.createCounter('api.requests');
const BASE = { 'service.name': 'api' };
export async function handle(req, res) {
  const attrs = { 'http.method': req.method, 'http.route': '/orders' };
  requests.add(1, { ...attrs, ...BASE, 'http.status_code': 201 });
}`;
    const fn = fnOf(factsOf(text), 'handle');
    expect(fn.metricRecordings).toEqual([
      {
        instrument: 'requests',
        line: lineWith(text, 'requests.add'),
        attributes: [
          expect.objectContaining({
            key: 'http.method',
            valueText: 'req.method',
            target: 'metric',
            line: lineWith(text, 'const attrs'),
          }),
          expect.objectContaining({
            key: 'http.route',
            target: 'metric',
            line: lineWith(text, 'const attrs'),
          }),
          expect.objectContaining({
            key: 'service.name',
            target: 'metric',
            line: lineWith(text, 'const BASE'),
          }),
          expect.objectContaining({
            key: 'http.status_code',
            target: 'metric',
            line: lineWith(text, 'requests.add'),
          }),
        ],
      },
    ]);
    expect(fn.attributes.map((a) => a.key)).toEqual([
      'http.method',
      'http.route',
      'service.name',
      'http.status_code',
    ]);
  });
});

describe('typescript adapter: metric instruments and recordings', () => {
  it('finds instruments of every kind, with their variable and whether they are made per call', () => {
    const text = `
import { metrics } from '@opentelemetry/api';
const meter = metrics.getMeter('orders');
export const created = meter.createCounter('orders.created');
const latency = meter.createHistogram('orders.latency', { unit: 'ms' });
const inflight = meter.createUpDownCounter('orders.inflight');
const depth = meter.createObservableGauge('orders.queue_depth');
const g = meter.createGauge('orders.gauge');
const c = meter.createObservableCounter(NAME);
export class Orders {
  private readonly failures = meter.createCounter('orders.failures');
  constructor() { this.retries = meter.createCounter('orders.retries'); }
  async create(id: string) {
    const perRequest = meter.createCounter('orders.per_request');
    perRequest.add(1);
    this.failures.add(1, { 'order.id': id });
    latency.record(12);
  }
}
function initMetrics() { return meter.createHistogram('orders.init'); }
`;
    const facts = factsOf(text);
    expect(facts.metricInstruments.map((m) => [m.name, m.kind, m.variable, m.perCall])).toEqual([
      ['orders.created', 'counter', 'created', false],
      ['orders.latency', 'histogram', 'latency', false],
      ['orders.inflight', 'updowncounter', 'inflight', false],
      ['orders.queue_depth', 'observable-gauge', 'depth', false],
      ['orders.gauge', 'gauge', 'g', false],
      ['NAME', 'observable-counter', 'c', false],
      ['orders.failures', 'counter', 'this.failures', false],
      ['orders.retries', 'counter', 'this.retries', false],
      ['orders.per_request', 'counter', 'perRequest', true],
      ['orders.init', 'histogram', null, false],
    ]);
    expect(facts.metricInstruments[8]?.line).toBe(lineWith(text, "'orders.per_request'"));
    const create = fnOf(facts, 'Orders.create');
    expect(create.metricRecordings.map((r) => [r.instrument, r.attributes.map((a) => a.key)])).toEqual([
      ['perRequest', []],
      ['this.failures', ['order.id']],
      ['latency', []],
    ]);
  });

  it('ignores add and record on things that are not instruments', () => {
    const fn = fnOf(factsOf('export function f(set, audio) { set.add(1); audio.record(2); }'), 'f');
    expect(fn.metricRecordings).toEqual([]);
  });
});
