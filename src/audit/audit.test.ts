import { describe, expect, it } from 'vitest';
import type { FileFacts } from '../lang/facts.js';
import { defaultStandards } from '../standards/defaults.js';
import type { Standards } from '../standards/types.js';
import { ctxParam, dbCall, file, fn, idParam, span } from './__fixtures__/facts.js';
import { audit } from './audit.js';

function run(files: FileFacts[], standards: Standards = defaultStandards(), includeFunctions = true) {
  return audit({
    files,
    standards,
    externalAuto: [],
    skipped: [],
    parseErrors: [],
    service: 'checkout',
    includeFunctions,
    toolVersion: 'test',
  });
}

const handlerFacts = { framework: 'net/http' as const, route: null, method: null };

describe('which functions deserve a span, and how severe the gap is', () => {
  it('rates a request handler critical and says why', () => {
    const report = run([
      file([
        fn({ name: 'CreateOrder', handler: { framework: 'net/http', route: '/orders', method: 'POST' } }),
      ]),
    ]);
    const gap = report.gaps.find((g) => g.gap_type === 'missing_span');
    expect(gap?.severity).toBe('critical');
    expect(gap?.rationale).toContain('net/http request handler for POST /orders');
    expect(gap?.suggested_span_name).toBe('orders.CreateOrder');
  });

  it('rates an exported method that does I/O and returns an error high', () => {
    const report = run([
      file([
        fn({
          owner: 'OrderService',
          kind: 'method',
          params: [ctxParam],
          returnsError: true,
          failureExits: 2,
          ioCalls: [dbCall],
        }),
      ]),
    ]);
    expect(report.gaps).toMatchObject([
      {
        function: 'OrderService.ProcessPayment',
        gap_type: 'missing_span',
        severity: 'high',
        rule_id: 'OTW001',
      },
    ]);
    expect(report.gaps[0]?.rationale).toMatch(
      /exported method that calls s\.db\.ExecContext and returns an error/,
    );
  });

  it('rates exported work that cannot both do I/O and fail medium, internal I/O low', () => {
    const report = run([
      file([
        fn({ name: 'Validate', returnsError: true, failureExits: 1 }),
        fn({ name: 'loadRates', exported: false, ioCalls: [dbCall], line: 40 }),
      ]),
    ]);
    expect(report.gaps.map((g) => [g.function, g.severity])).toEqual([
      ['Validate', 'medium'],
      ['loadRates', 'low'],
    ]);
  });

  it('treats I/O as a way to fail in TypeScript and Python, not in Go', () => {
    const ts = run([
      file([fn({ name: 'charge', ioCalls: [{ callee: 'fetch', line: 3, kind: 'http' }] })], {
        language: 'typescript',
        path: 'src/pay.ts',
      }),
    ]);
    const go = run([file([fn({ name: 'Charge', ioCalls: [dbCall] })])]);
    expect(ts.gaps[0]?.severity).toBe('high');
    expect(go.gaps[0]?.severity).toBe('medium');
  });

  it('does not report trivial, excluded, pure or tiny helper functions', () => {
    const report = run([
      file([
        fn({ name: 'String', trivial: 'stringer', ioCalls: [dbCall] }),
        fn({ name: 'main', excluded: { reason: 'program entry point' }, ioCalls: [dbCall] }),
        fn({ name: 'FormatMoney' }),
        fn({ name: 'Wrap', returnsError: true, failureExits: 1, statementCount: 1 }),
        fn({ name: 'New', kind: 'constructor', ioCalls: [dbCall] }),
      ]),
    ]);
    expect(report.gaps).toEqual([]);
    expect(report.functions).toEqual([]);
    expect(report.coverage_score).toBe(100);
  });

  it('counts I/O done through a method of the same class, and only that', () => {
    const charge = fn({
      name: 'charge',
      owner: 'Gateway',
      kind: 'method',
      params: [],
      ioCalls: [
        { callee: 'this.post', line: 3, kind: 'internal' },
        { callee: 'this.format', line: 4, kind: 'internal' },
      ],
    });
    const post = fn({
      name: 'post',
      owner: 'Gateway',
      kind: 'method',
      exported: false,
      line: 40,
      ioCalls: [{ callee: 'fetch', line: 41, kind: 'http' }],
    });
    const format = fn({ name: 'format', owner: 'Gateway', kind: 'method', exported: false, line: 60 });
    const report = run([file([charge, post, format], { language: 'typescript', path: 'src/gateway.ts' })]);
    const gap = report.gaps.find((g) => g.function === 'Gateway.charge');
    expect(gap?.severity).toBe('high');
    expect(gap?.rationale).toContain('calls this.post');
    expect(gap?.rationale).not.toContain('this.format');
  });

  it('does not ask the methods of a response-writer wrapper for spans', () => {
    const report = run([
      file([
        fn({
          name: 'Write',
          owner: 'statusRecorder',
          kind: 'method',
          exported: true,
          returnsError: true,
          ioCalls: [{ callee: 'r.ResponseWriter.Write', line: 3, kind: 'dependency' }],
        }),
      ]),
    ]);
    expect(report.gaps).toEqual([]);
  });

  it('ignores unexported helpers when the standards say so', () => {
    const standards = defaultStandards();
    standards.tracing.helpers.report_unexported = false;
    expect(
      run([file([fn({ name: 'loadRates', exported: false, ioCalls: [dbCall] })])], standards).gaps,
    ).toEqual([]);
  });

  it('notes a Go function that has no context to parent a span on', () => {
    const report = run([file([fn({ returnsError: true, failureExits: 1, ioCalls: [dbCall] })])]);
    expect(report.gaps[0]?.rationale).toContain('takes no context.Context');
  });
});

describe('existing spans', () => {
  it('passes a fully instrumented function', () => {
    const report = run([
      file([
        fn({
          params: [ctxParam],
          returnsError: true,
          failureExits: 1,
          ioCalls: [dbCall],
          spans: [span({ failureExitLines: [14] })],
        }),
      ]),
    ]);
    expect(report.gaps).toEqual([]);
    expect(report.functions?.[0]).toMatchObject({ status: 'covered' });
    expect(report.coverage_score).toBe(100);
  });

  it('reports failure paths without recording or status, listing the lines', () => {
    const s = span({
      failureExitLines: [14, 20],
      failureExitsWithoutRecord: [20],
      failureExitsWithoutStatus: [14, 20],
    });
    const report = run([
      file([fn({ params: [ctxParam], returnsError: true, failureExits: 2, ioCalls: [dbCall], spans: [s] })]),
    ]);
    expect(report.gaps).toMatchObject([
      { gap_type: 'missing_error_recording', severity: 'high', details: ['14', '20'] },
    ]);
    expect(report.gaps[0]?.rationale).toContain('lines 14 and 20');
  });

  it('follows the error policy: no recording asked, no recording demanded', () => {
    const standards = defaultStandards();
    standards.tracing.error_policy.record_exception = false;
    const s = span({ failureExitLines: [14], failureExitsWithoutRecord: [14] });
    expect(
      run([file([fn({ params: [ctxParam], returnsError: true, ioCalls: [dbCall], spans: [s] })])], standards)
        .gaps,
    ).toEqual([]);
  });

  it('requires business.entity_id only when the function takes an id', () => {
    const withId = run([file([fn({ params: [ctxParam, idParam], ioCalls: [dbCall], spans: [span()] })])]);
    expect(withId.gaps).toMatchObject([
      { gap_type: 'missing_attributes', details: ['business.entity_id'], severity: 'medium' },
    ]);
    expect(withId.gaps[0]?.rationale).toContain('parameter orderID');
    const withoutId = run([file([fn({ params: [ctxParam], ioCalls: [dbCall], spans: [span()] })])]);
    expect(withoutId.gaps).toEqual([]);
  });

  it('counts attributes set after the span starts', () => {
    const s = span({ startAttributes: [] });
    const report = run([
      file([
        fn({
          params: [ctxParam],
          ioCalls: [dbCall],
          spans: [s],
          attributes: [
            {
              key: 'service.operation',
              dynamicKey: false,
              line: 12,
              column: 2,
              valueText: '"x"',
              target: 'span',
            },
          ],
        }),
      ]),
    ]);
    expect(report.gaps).toEqual([]);
  });
});

describe('handlers, metrics and auto-instrumentation', () => {
  it('asks a handler for a duration histogram and a request counter', () => {
    const report = run([file([fn({ name: 'CreateOrder', handler: handlerFacts, spans: [span()] })])]);
    expect(report.gaps).toMatchObject([
      { gap_type: 'missing_metric', details: ['duration histogram', 'request counter'] },
    ]);
  });

  it('asks nothing of a handler that passes every request on (a router entry point, a middleware)', () => {
    const report = run([
      file([fn({ name: 'ServeHTTP', handler: { ...handlerFacts, delegates: true }, spans: [span()] })]),
    ]);
    expect(report.gaps.filter((g) => g.gap_type === 'missing_metric')).toEqual([]);
  });

  it('accepts a handler that records both', () => {
    const f = file(
      [
        fn({
          name: 'CreateOrder',
          handler: handlerFacts,
          spans: [span()],
          metricRecordings: [
            { instrument: 'requestDuration', line: 20, attributes: [] },
            { instrument: 'requests', line: 21, attributes: [] },
          ],
        }),
      ],
      {
        metricInstruments: [
          {
            name: 'orders.http.duration',
            kind: 'histogram',
            line: 3,
            variable: 'requestDuration',
            perCall: false,
          },
          { name: 'orders.http.requests', kind: 'counter', line: 4, variable: 'requests', perCall: false },
        ],
      },
    );
    expect(run([f]).gaps).toEqual([]);
  });

  it('does not demand a span or metrics at a boundary otelhttp covers, and says so in the inventory', () => {
    const handler = file(
      [fn({ name: 'CreateOrder', owner: 'Handler', kind: 'method', handler: handlerFacts })],
      { path: 'internal/api/handlers.go' },
    );
    const main = file([], {
      path: 'cmd/server/main.go',
      autoInstrumentation: [
        {
          library: 'otelhttp',
          line: 30,
          covers: { serverSpans: true, serverMetrics: true, clientSpans: false },
        },
      ],
    });
    const report = run([handler, main]);
    expect(report.gaps).toEqual([]);
    expect(report.functions).toMatchObject([
      { function: 'Handler.CreateOrder', status: 'auto-instrumented' },
    ]);
  });

  it('still asks for metrics where auto-instrumentation records only spans', () => {
    const handler = file([
      fn({ name: 'CreateOrder', handler: { framework: 'gin', route: null, method: null } }),
    ]);
    handler.autoInstrumentation.push({
      library: 'otelgin',
      line: 5,
      covers: { serverSpans: true, serverMetrics: false, clientSpans: false },
    });
    const report = run([handler]);
    expect(report.gaps.map((g) => g.gap_type)).toEqual(['missing_metric']);
    expect(report.gaps[0]?.rationale).toContain('otelgin covers its spans');
  });

  it('learns the route of a handler from a registration in another file, and ignores namesakes', () => {
    const handlers = file(
      [
        fn({ name: 'CreateOrder', owner: 'Handler', kind: 'method', handler: handlerFacts }),
        fn({
          name: 'CreateOrder',
          owner: 'OrderService',
          kind: 'method',
          line: 80,
          params: [ctxParam],
          ioCalls: [dbCall],
          returnsError: true,
        }),
      ],
      { path: 'internal/api/handlers.go' },
    );
    const routes = file([], {
      path: 'internal/api/routes.go',
      routes: [
        {
          framework: 'net/http',
          method: 'POST',
          route: '/orders',
          handler: 'h.CreateOrder',
          line: 12,
          autoInstrumented: false,
        },
      ],
    });
    const report = run([handlers, routes]);
    const spanGaps = report.gaps.filter((g) => g.gap_type === 'missing_span');
    expect(spanGaps.map((g) => [g.function, g.severity])).toEqual([
      ['Handler.CreateOrder', 'critical'],
      ['OrderService.CreateOrder', 'high'],
    ]);
    expect(spanGaps[0]?.rationale).toContain('POST /orders');
    expect(report.gaps.filter((g) => g.gap_type === 'missing_metric').map((g) => g.function)).toEqual([
      'Handler.CreateOrder',
    ]);
  });

  it('lets auto-instrumentation cover its own project only', () => {
    const orders = file([fn({ name: 'CreateOrder', handler: handlerFacts })], { path: 'orders/api.go' });
    const inventory = file([], {
      path: 'inventory/main.go',
      autoInstrumentation: [
        {
          library: 'otelhttp',
          line: 9,
          covers: { serverSpans: true, serverMetrics: true, clientSpans: false },
        },
      ],
    });
    const projectOf = (path: string) => path.split('/')[0] ?? '';
    const report = audit({
      files: [orders, inventory],
      standards: defaultStandards(),
      externalAuto: [],
      skipped: [],
      parseErrors: [],
      service: 'shop',
      includeFunctions: false,
      toolVersion: 'test',
      projectOf,
    });
    expect(report.gaps.map((g) => g.gap_type)).toEqual(['missing_span', 'missing_metric']);
  });

  it('treats a registration wrapped in auto-instrumentation as covered', () => {
    const handlers = file([fn({ name: 'Health', params: [] })], { path: 'internal/api/health.go' });
    const routes = file([], {
      path: 'internal/api/routes.go',
      routes: [
        {
          framework: 'net/http',
          method: null,
          route: '/healthz',
          handler: 'Health',
          line: 3,
          autoInstrumented: true,
        },
      ],
    });
    expect(run([handlers, routes]).gaps).toEqual([]);
  });
});

describe('anti-patterns', () => {
  const findingsOf = (overrides: Parameters<typeof fn>[0], fileOverrides: Partial<FileFacts> = {}) =>
    run([file([fn({ params: [ctxParam], ioCalls: [dbCall], ...overrides })], fileOverrides)]).findings.map(
      (f) => f.rule_id,
    );

  it('reports spans in loops, dynamic names, unended spans and orphan spans', () => {
    expect(findingsOf({ spans: [span({ inLoop: true, loopLine: 9 })] })).toEqual(['OTW101']);
    expect(findingsOf({ spans: [span({ nameKind: 'template', nameText: '`orders.${op}`' })] })).toEqual([
      'OTW102',
    ]);
    expect(findingsOf({ spans: [span({ nameKind: 'constant' })] })).toEqual([]);
    expect(findingsOf({ spans: [span({ end: 'explicit-some-paths', unendedExitLines: [18] })] })).toEqual([
      'OTW103',
    ]);
    expect(findingsOf({ spans: [span({ parentContext: 'background', backgroundLine: 11 })] })).toEqual([
      'OTW106',
    ]);
  });

  it('reports PII by key and by value, but not hashed values or allowed keys', () => {
    const attr = (key: string, valueText: string) => ({
      key,
      dynamicKey: false,
      line: 12,
      column: 3,
      valueText,
      target: 'span' as const,
    });
    expect(findingsOf({ spans: [span()], attributes: [attr('user.email', 'u.Email')] })).toEqual(['OTW104']);
    expect(findingsOf({ spans: [span()], attributes: [attr('customer', 'req.Email')] })).toEqual(['OTW104']);
    expect(findingsOf({ spans: [span()], attributes: [attr('customer', 'hashEmail(req.Email)')] })).toEqual(
      [],
    );
    expect(findingsOf({ spans: [span()], attributes: [attr('server.address', 'host')] })).toEqual([]);
    expect(findingsOf({ spans: [span()], attributes: [attr('order.total', 'order.Total')] })).toEqual([]);
  });

  it('names the replacement of a deprecated attribute', () => {
    const report = run([
      file([
        fn({
          params: [ctxParam],
          ioCalls: [dbCall],
          spans: [span()],
          attributes: [
            {
              key: 'http.status_code',
              dynamicKey: false,
              line: 12,
              column: 3,
              valueText: '200',
              target: 'span',
            },
          ],
        }),
      ]),
    ]);
    expect(report.findings).toMatchObject([{ rule_id: 'OTW105', line: 12 }]);
    expect(report.findings[0]?.message).toContain('http.response.status_code');
  });

  it('reports unbounded metric attributes and instruments created per call', () => {
    const report = run([
      file(
        [
          fn({
            handler: handlerFacts,
            endLine: 40,
            metricRecordings: [
              {
                instrument: 'requests',
                line: 22,
                attributes: [
                  {
                    key: 'http.route',
                    dynamicKey: false,
                    line: 22,
                    column: 5,
                    valueText: '"/orders/{id}"',
                    target: 'metric',
                  },
                  {
                    key: 'order_id',
                    dynamicKey: false,
                    line: 22,
                    column: 30,
                    valueText: 'orderID',
                    target: 'metric',
                  },
                  {
                    key: 'path',
                    dynamicKey: false,
                    line: 23,
                    column: 5,
                    valueText: 'r.URL.Path',
                    target: 'metric',
                  },
                ],
              },
            ],
          }),
        ],
        {
          metricInstruments: [
            { name: 'orders.requests', kind: 'counter', line: 15, variable: 'requests', perCall: true },
          ],
        },
      ),
    ]);
    expect(report.findings.map((f) => [f.rule_id, f.line])).toEqual([
      ['OTW108', 15],
      ['OTW107', 22],
      ['OTW107', 23],
    ]);
  });
});

describe('suppressions', () => {
  it('a reasoned suppression of every rule removes the function from gaps and score', () => {
    const report = run([
      file([
        fn({
          ioCalls: [dbCall],
          returnsError: true,
          suppressions: [{ rule: null, reason: 'called once at start-up', line: 9 }],
        }),
      ]),
    ]);
    expect(report.gaps).toEqual([]);
    expect(report.suppressed).toMatchObject([
      { function: 'ProcessPayment', reason: 'called once at start-up', rule: null },
    ]);
    expect(report.functions?.[0]?.status).toBe('suppressed');
    expect(report.coverage_score).toBe(100);
  });

  it('a rule-specific suppression keeps the other rules', () => {
    const f = fn({
      handler: handlerFacts,
      suppressions: [{ rule: 'missing_metric', reason: 'metrics come from the mesh', line: 9 }],
    });
    expect(run([file([f])]).gaps.map((g) => g.rule_id)).toEqual(['OTW001']);
  });

  it('does not honour a suppression without a reason or with an unknown rule, and says so', () => {
    const f = fn({
      ioCalls: [dbCall],
      returnsError: true,
      suppressions: [
        { rule: 'OTW001', reason: '', line: 8 },
        { rule: 'OTW999', reason: 'typo', line: 9 },
      ],
    });
    const report = run([file([f])]);
    expect(report.gaps.map((g) => g.rule_id)).toEqual(['OTW001']);
    expect(report.findings.map((x) => [x.rule_id, x.line])).toEqual([
      ['OTW109', 8],
      ['OTW109', 9],
    ]);
  });
});

describe('rule configuration', () => {
  it('turns rules off and overrides severities by id or name', () => {
    const standards = defaultStandards();
    standards.rules = {
      'missing-span': { enabled: true, severity: 'low' },
      OTW101: { enabled: false, severity: null },
    };
    const report = run(
      [
        file([
          fn({ ioCalls: [dbCall], returnsError: true }),
          fn({ name: 'Batch', line: 50, params: [ctxParam], spans: [span({ inLoop: true })] }),
        ]),
      ],
      standards,
    );
    expect(report.gaps.map((g) => [g.rule_id, g.severity])).toEqual([['OTW001', 'low']]);
    expect(report.findings).toEqual([]);
  });
});

describe('coverage score (docs/score.md worked example)', () => {
  it('weights checks by the function severity', () => {
    // A critical handler with a span but no metrics (span, error_recording, attributes pass; metric fails),
    // and a high method with no span (span, error_recording, attributes fail).
    const handler = fn({
      name: 'CreateOrder',
      params: [ctxParam],
      handler: handlerFacts,
      returnsError: true,
      spans: [span()],
    });
    const method = fn({
      name: 'Refund',
      line: 60,
      params: [ctxParam],
      ioCalls: [dbCall],
      returnsError: true,
    });
    const report = run([file([handler, method])]);
    // passed = 3×40 = 120; total = 4×40 + 3×30 = 250 → 48.0
    expect(report.coverage_score).toBe(48);
    expect(report.summary).toMatchObject({ functions_counted: 2, functions_covered: 0 });
  });

  it('only counts the severities the standards count', () => {
    const standards = defaultStandards();
    standards.score.count_severities = ['critical', 'high'];
    const report = run([file([fn({ name: 'Validate', returnsError: true, failureExits: 1 })])], standards);
    expect(report.gaps).toHaveLength(1);
    expect(report.functions).toEqual([]);
    expect(report.coverage_score).toBe(100);
  });

  it('is deterministic and sorted', () => {
    const files = [
      file(
        [
          fn({ name: 'B', line: 20, ioCalls: [dbCall], returnsError: true }),
          fn({ name: 'A', line: 5, ioCalls: [dbCall], returnsError: true }),
        ],
        { path: 'b.go' },
      ),
      file([fn({ name: 'C', ioCalls: [dbCall], returnsError: true })], { path: 'a.go' }),
    ];
    const first = JSON.stringify(run(files));
    // The order files arrive in (discovery, workers, cache) must not show in the report.
    expect(run([...files].reverse()).gaps).toEqual(run(files).gaps);
    expect(run(files).gaps.map((g) => `${g.file}:${g.line}`)).toEqual(['a.go:10', 'b.go:5', 'b.go:20']);
    expect(JSON.stringify(run(files))).toBe(first);
  });
});
