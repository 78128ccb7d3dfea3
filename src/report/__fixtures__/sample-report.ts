// A realistic report for the writers' tests: three languages, every gap type and severity, several
// anti-patterns (two of one rule in one function), a module-level finding, the --all function list,
// skipped files, a parse error and a suppression. Summary counts agree with the lists.
import type { Finding, FunctionRecord, Gap, Report } from '../../audit/model.js';
import type { Language } from '../../lang/facts.js';
import { SEVERITIES } from '../../standards/types.js';
import { GAP_TYPES } from '../../audit/model.js';
import { GAP_RULE_IDS } from '../rule-ids.js';

type GapInput = Pick<Gap, 'file' | 'function' | 'line' | 'gap_type' | 'severity' | 'rationale'> & Partial<Gap>;

function languageOf(file: string): Language {
  if (file.endsWith('.go')) return 'go';
  if (file.endsWith('.py')) return 'python';
  return file.endsWith('.ts') ? 'typescript' : 'javascript';
}

export function gap(input: GapInput): Gap {
  return {
    rule_id: GAP_RULE_IDS[input.gap_type],
    column: 1,
    end_line: input.line + 20,
    language: languageOf(input.file),
    suggested_span_name: null,
    details: [],
    ...input,
  };
}

export function finding(input: Pick<Finding, 'rule_id' | 'rule' | 'file' | 'function' | 'line' | 'severity' | 'message'> & Partial<Finding>): Finding {
  return { column: 2, language: languageOf(input.file), ...input };
}

const GAPS: Gap[] = [
  gap({
    file: 'internal/orders/handler.go',
    function: 'OrderHandler.Create',
    line: 31,
    column: 1,
    gap_type: 'missing_span',
    severity: 'critical',
    rationale: 'HTTP handler POST /orders with no span and no otelhttp middleware: every request is invisible.',
    suggested_span_name: 'orders.Create',
  }),
  gap({
    file: 'internal/orders/handler.go',
    function: 'OrderHandler.Create',
    line: 31,
    gap_type: 'missing_metric',
    severity: 'high',
    rationale: 'Request handler without a duration histogram or request counter.',
  }),
  gap({
    file: 'internal/orders/service.go',
    function: 'OrderService.ProcessPayment',
    line: 42,
    gap_type: 'missing_span',
    severity: 'high',
    rationale: 'Exported method that calls the payment gateway and returns an error has no span.',
    suggested_span_name: 'orders.ProcessPayment',
  }),
  gap({
    file: 'internal/orders/service.go',
    function: 'OrderService.Refund',
    line: 80,
    gap_type: 'missing_error_recording',
    severity: 'high',
    rationale: 'The span is not marked as failed when Refund returns an error.',
    details: ['88', '95'],
  }),
  gap({
    file: 'internal/orders/service.go',
    function: 'OrderService.Refund',
    line: 80,
    gap_type: 'missing_attributes',
    severity: 'medium',
    rationale: 'The span lacks business.entity_id although the function takes orderID.',
    details: ['business.entity_id'],
  }),
  gap({
    file: 'web/src/api/checkout.ts',
    function: 'CheckoutController.submit',
    line: 18,
    column: 3,
    gap_type: 'missing_span',
    severity: 'critical',
    rationale: 'Express route POST /checkout is not covered by auto-instrumentation.',
    suggested_span_name: 'checkout.submit',
  }),
  gap({
    file: 'web/src/api/checkout.ts',
    function: 'fetchInventory',
    line: 57,
    gap_type: 'missing_error_recording',
    severity: 'medium',
    rationale: 'The catch block rethrows without span.recordException or setStatus(ERROR).',
    details: ['63'],
  }),
  gap({
    file: 'services/billing/billing/invoices.py',
    function: 'create_invoice',
    line: 12,
    gap_type: 'missing_span',
    severity: 'medium',
    // Markdown cells must survive pipes, backticks and HTML in rationales.
    rationale: 'Public function `create_invoice` writes to the DB | cache with no span <br> at all.',
    suggested_span_name: 'billing.create_invoice',
  }),
  gap({
    file: 'services/billing/billing/invoices.py',
    function: 'InvoiceService._render',
    line: 40,
    gap_type: 'missing_attributes',
    severity: 'low',
    rationale: 'Private helper with I/O lacks service.operation.',
    details: ['service.operation'],
  }),
];

const FINDINGS: Finding[] = [
  finding({
    rule_id: 'OTW101',
    rule: 'span-in-loop',
    file: 'internal/orders/service.go',
    function: 'OrderService.SyncAll',
    line: 120,
    column: 3,
    severity: 'medium',
    message: 'A span is started on every iteration of the loop at line 118; trace the batch instead.',
  }),
  finding({
    rule_id: 'OTW107',
    rule: 'high-cardinality-metric-attribute',
    file: 'internal/orders/handler.go',
    function: 'OrderHandler.recordMetrics',
    line: 22,
    severity: 'medium',
    message: 'Metric attribute order.id is unbounded.',
  }),
  finding({
    rule_id: 'OTW107',
    rule: 'high-cardinality-metric-attribute',
    file: 'internal/orders/handler.go',
    function: 'OrderHandler.recordMetrics',
    line: 23,
    severity: 'medium',
    message: 'Metric attribute url.full is unbounded.',
  }),
  finding({
    rule_id: 'OTW104',
    rule: 'pii-attribute',
    file: 'services/billing/billing/invoices.py',
    function: 'create_invoice',
    line: 15,
    column: 9,
    severity: 'high',
    message: 'Attribute customer.email carries personal data (email).',
  }),
  finding({
    rule_id: 'OTW105',
    rule: 'deprecated-attribute',
    file: 'web/src/api/checkout.ts',
    function: 'CheckoutController.submit',
    line: 25,
    column: 7,
    severity: 'low',
    message: 'http.method is deprecated; use http.request.method.',
  }),
  finding({
    rule_id: 'OTW109',
    rule: 'invalid-suppression',
    file: 'web/src/api/checkout.ts',
    function: null,
    line: 3,
    column: 1,
    severity: 'low',
    message: 'otelwright-ignore without a reason is not honoured.',
  }),
];

function record(file: string, fn: string, line: number, status: FunctionRecord['status'], severity: FunctionRecord['severity'], passed: boolean[]): FunctionRecord {
  const names = ['span', 'error_recording', 'attributes', 'metric'] as const;
  const weight = { critical: 40, high: 30, medium: 20, low: 10 }[severity];
  return {
    file,
    function: fn,
    line,
    language: languageOf(file),
    status,
    severity,
    checks: passed.map((p, i) => ({ check: names[i] ?? 'span', passed: p, weight })),
  };
}

const FUNCTIONS: FunctionRecord[] = [
  record('internal/orders/handler.go', 'OrderHandler.Create', 31, 'missing', 'critical', [false, false, false, false]),
  record('internal/orders/service.go', 'OrderService.ProcessPayment', 42, 'missing', 'high', [false, false, false]),
  record('internal/orders/service.go', 'OrderService.Refund', 80, 'partial', 'high', [true, false, false]),
  record('internal/orders/service.go', 'OrderService.SyncAll', 110, 'covered', 'medium', [true, true, true]),
  record('internal/orders/health.go', 'Health', 9, 'suppressed', 'medium', [false]),
  record('web/src/api/checkout.ts', 'CheckoutController.submit', 18, 'missing', 'critical', [false, false, false, true]),
  record('web/src/api/checkout.ts', 'fetchInventory', 57, 'partial', 'medium', [true, false, true]),
  record('web/src/api/cart.ts', 'CartController.list', 10, 'auto-instrumented', 'critical', [true, true]),
  record('services/billing/billing/invoices.py', 'create_invoice', 12, 'missing', 'medium', [false, false, false]),
  record('services/billing/billing/invoices.py', 'InvoiceService._render', 40, 'partial', 'low', [true, false]),
];

function countBy<K extends string>(keys: readonly K[], values: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, values.filter((v) => v === k).length])) as Record<K, number>;
}

export function sampleReport(): Report {
  const findingsByRule: Record<string, number> = {};
  for (const f of FINDINGS) findingsByRule[f.rule_id] = (findingsByRule[f.rule_id] ?? 0) + 1;
  return {
    files_audited: 14,
    gaps: GAPS.map((g) => ({ ...g, details: [...g.details] })),
    coverage_score: 41.3,
    findings: FINDINGS.map((f) => ({ ...f })),
    summary: {
      functions_counted: 9,
      functions_covered: 2,
      gaps_by_severity: countBy(SEVERITIES, GAPS.map((g) => g.severity)),
      gaps_by_type: countBy(GAP_TYPES, GAPS.map((g) => g.gap_type)),
      findings_by_rule: findingsByRule,
      packages: [
        { package: 'internal/orders', language: 'go', functions: 4, gaps: 5, coverage_score: 30.4 },
        { package: 'services/billing/billing', language: 'python', functions: 2, gaps: 2, coverage_score: 22.2 },
        { package: 'web/src/api', language: 'typescript', functions: 3, gaps: 2, coverage_score: 61.9 },
      ],
    },
    skipped: [
      { file: 'internal/orders/orders.pb.go', reason: 'generated file (Code generated ... DO NOT EDIT.)' },
      { file: 'web/dist/bundle.js', reason: 'larger than 1 MiB' },
    ],
    parse_errors: [{ file: 'web/src/legacy/broken.js', line: 3, column: 14, message: 'unexpected token' }],
    suppressed: [
      { file: 'internal/orders/health.go', function: 'Health', line: 9, rule: 'OTW001', reason: 'liveness probe, traced by the mesh' },
    ],
    functions: FUNCTIONS.map((f) => ({ ...f, checks: f.checks.map((c) => ({ ...c })) })),
    tool: { name: 'otelwright', version: '0.1.0' },
  };
}

/** A report far larger than any PR comment can show: `count` gaps over `count / 4` packages. */
export function largeReport(count: number): Report {
  const base = sampleReport();
  const gaps: Gap[] = [];
  for (let i = 0; i < count; i++) {
    const severity = SEVERITIES[i % SEVERITIES.length] ?? 'low';
    gaps.push(
      gap({
        file: `pkg/mod${Math.floor(i / 4)}/file${i}.go`,
        function: `Service${i}.Handle`,
        line: 10 + i,
        gap_type: GAP_TYPES[i % GAP_TYPES.length] ?? 'missing_span',
        severity,
        rationale: `Generated gap number ${i} with a reasonably long rationale that explains why it matters in production.`,
      }),
    );
  }
  const findings: Finding[] = [];
  for (let i = 0; i < count; i++) {
    findings.push(
      finding({
        rule_id: `OTW10${(i % 9) + 1}`,
        rule: `rule-${(i % 9) + 1}`,
        file: `pkg/mod${Math.floor(i / 4)}/file${i}.go`,
        function: `Service${i}.Handle`,
        line: 12 + i,
        severity: SEVERITIES[i % SEVERITIES.length] ?? 'low',
        message: `Finding ${i}.`,
      }),
    );
  }
  const findingsByRule: Record<string, number> = {};
  for (const f of findings) findingsByRule[f.rule_id] = (findingsByRule[f.rule_id] ?? 0) + 1;
  return {
    ...base,
    files_audited: count,
    gaps,
    findings,
    summary: {
      ...base.summary,
      functions_counted: count * 2,
      gaps_by_severity: countBy(SEVERITIES, gaps.map((g) => g.severity)),
      gaps_by_type: countBy(GAP_TYPES, gaps.map((g) => g.gap_type)),
      findings_by_rule: findingsByRule,
      packages: Array.from({ length: Math.ceil(count / 4) }, (_, i) => ({
        package: `pkg/mod${i}`,
        language: 'go' as const,
        functions: 8,
        gaps: 4,
        coverage_score: (i * 7) % 100,
      })),
    },
    skipped: Array.from({ length: count }, (_, i) => ({ file: `gen/file${i}.pb.go`, reason: 'generated file' })),
  };
}
