// Builders for facts in rule tests: a test states only what matters to the rule it pins down.
import type { FileFacts, FunctionFacts, SpanFacts } from '../../lang/facts.js';

export function fn(overrides: Partial<FunctionFacts> = {}): FunctionFacts {
  const name = overrides.name ?? 'ProcessPayment';
  return {
    name,
    qualifiedName: overrides.qualifiedName ?? (overrides.owner ? `${overrides.owner}.${name}` : name),
    kind: 'function',
    owner: null,
    line: 10,
    column: 1,
    endLine: 30,
    range: { startByte: 0, endByte: 100 },
    bodyRange: { startByte: 10, endByte: 100 },
    exported: true,
    async: false,
    generator: false,
    params: [],
    returnsError: false,
    failureExits: 0,
    handler: null,
    ioCalls: [],
    callCount: 0,
    statementCount: 5,
    trivial: null,
    excluded: null,
    spans: [],
    attributes: [],
    metricRecordings: [],
    autoInstrumented: null,
    suppressions: [],
    ...overrides,
  };
}

export function span(overrides: Partial<SpanFacts> = {}): SpanFacts {
  return {
    line: 11,
    column: 2,
    api: 'go:tracer.Start',
    variable: 'span',
    nameKind: 'literal',
    nameText: 'orders.ProcessPayment',
    end: 'defer',
    unendedExitLines: [],
    failureExitLines: [],
    failureExitsWithoutRecord: [],
    failureExitsWithoutStatus: [],
    languageRecordsExceptions: false,
    inLoop: false,
    loopLine: null,
    startAttributes: [
      { key: 'service.operation', dynamicKey: false, line: 11, column: 3, valueText: '"process_payment"', target: 'span-start' },
    ],
    parentContext: 'parameter',
    backgroundLine: null,
    ...overrides,
  };
}

export function file(functions: FunctionFacts[], overrides: Partial<FileFacts> = {}): FileFacts {
  return {
    path: 'internal/orders/service.go',
    language: 'go',
    packageName: 'orders',
    generated: false,
    parseErrors: [],
    functions,
    autoInstrumentation: [],
    tracerVariables: [],
    metricInstruments: [],
    routes: [],
    ...overrides,
  };
}

export const ctxParam = { name: 'ctx', type: 'context.Context', role: 'context' as const };
export const idParam = { name: 'orderID', type: 'string', role: 'id' as const };
export const dbCall = { callee: 's.db.ExecContext', line: 12, kind: 'database' };
