import { describe, expect, it } from 'vitest';
import { GAP_TYPES, type Report } from '../audit/model.js';
import { SEVERITIES } from '../standards/types.js';
import { sampleReport } from './__fixtures__/sample-report.js';
import { parseReport, toJson } from './json.js';
import { ANTI_PATTERN_RULE_IDS } from './rule-ids.js';
import { reportValidators } from './schemas.js';

/** The item at `index`, or a test failure naming it. */
function nth<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`no item at ${index}`);
  return item;
}

const SEED_ONLY = {
  files_audited: 3,
  gaps: [
    {
      file: 'internal/orders/service.go',
      function: 'ProcessPayment',
      line: 42,
      gap_type: 'missing_span',
      severity: 'high',
      rationale: 'exported, calls the gateway',
    },
    {
      file: 'web/checkout.tsx',
      function: 'submit',
      gap_type: 'missing_error_recording',
      severity: 'critical',
    },
    { file: 'billing/invoices.py', function: 'create_invoice', gap_type: 'missing_metric', severity: 'low' },
  ],
  coverage_score: 62.5,
};

function withGap(patch: Record<string, unknown>, index = 3): string {
  const report = JSON.parse(toJson(sampleReport())) as { gaps: Record<string, unknown>[] };
  report.gaps[index] = { ...report.gaps[index], ...patch };
  return JSON.stringify(report);
}

describe('toJson', () => {
  it('writes the seed fields first, then ours, 2-space indented with a trailing newline', () => {
    const text = toJson(sampleReport());
    expect(Object.keys(JSON.parse(text))).toEqual([
      'files_audited',
      'gaps',
      'coverage_score',
      'findings',
      'summary',
      'skipped',
      'parse_errors',
      'suppressed',
      'functions',
      'tool',
    ]);
    expect(text.startsWith('{\n  "files_audited": 14,\n  "gaps": [\n    {\n      "file": ')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.endsWith('\n\n')).toBe(false);
  });

  it('orders every gap like the seed: file, function, line, gap_type, severity, rationale, then ours', () => {
    const shuffled = sampleReport();
    const g = nth(shuffled.gaps, 0);
    shuffled.gaps[0] = Object.fromEntries(Object.entries(g).reverse()) as typeof g;
    const first = nth((JSON.parse(toJson(shuffled)) as { gaps: object[] }).gaps, 0);
    expect(Object.keys(first)).toEqual([
      'file',
      'function',
      'line',
      'gap_type',
      'severity',
      'rationale',
      'rule_id',
      'column',
      'end_line',
      'language',
      'suggested_span_name',
      'details',
    ]);
  });

  it('keeps absent values as null instead of dropping them', () => {
    const report = { ...sampleReport(), functions: null };
    const parsed = JSON.parse(toJson(report)) as Record<string, unknown> & {
      gaps: { suggested_span_name: unknown }[];
      findings: { function: unknown }[];
    };
    expect(parsed).toHaveProperty('functions', null);
    expect(parsed.gaps[1]).toHaveProperty('suggested_span_name', null);
    expect(parsed.findings.at(-1)).toHaveProperty('function', null);
  });

  it('is deterministic, keeps the audit item order and does not touch its input', () => {
    const report = sampleReport();
    const before = structuredClone(report);
    const text = toJson(report);
    expect(report).toEqual(before);
    expect(toJson(structuredClone(report))).toBe(text);
    const gaps = (JSON.parse(text) as Report).gaps;
    expect(gaps.map((g) => `${g.file}:${g.line}:${g.gap_type}`)).toEqual(
      report.gaps.map((g) => `${g.file}:${g.line}:${g.gap_type}`),
    );
  });

  it('counts every anti-pattern rule, 0 when it found nothing, and keeps unknown rule keys', () => {
    const report = sampleReport();
    report.summary.findings_by_rule = { OTW107: 2, OTW999: 1, OTW101: 1 };
    const byRule = (JSON.parse(toJson(report)) as Report).summary.findings_by_rule;
    expect(Object.keys(byRule)).toEqual([...ANTI_PATTERN_RULE_IDS, 'OTW999']);
    expect(byRule).toMatchObject({ OTW101: 1, OTW102: 0, OTW107: 2, OTW109: 0, OTW999: 1 });
  });

  it('writes severity and gap type counts in a fixed order', () => {
    const report = sampleReport();
    report.summary.gaps_by_severity = { low: 1, high: 2, critical: 3, medium: 4 };
    const summary = (JSON.parse(toJson(report)) as Report).summary;
    expect(Object.keys(summary.gaps_by_severity)).toEqual([...SEVERITIES]);
    expect(Object.keys(summary.gaps_by_type)).toEqual([...GAP_TYPES]);
    expect(summary.gaps_by_severity.medium).toBe(4);
  });
});

describe('toJson output against both schemas', () => {
  const { base, strict } = reportValidators();
  const cases: [string, Report][] = [
    ['the sample report', sampleReport()],
    ['a report without the function list', { ...sampleReport(), functions: null }],
    [
      'an empty report',
      {
        ...sampleReport(),
        files_audited: 0,
        gaps: [],
        coverage_score: 100,
        findings: [],
        skipped: [],
        parse_errors: [],
        suppressed: [],
        functions: [],
        summary: { ...sampleReport().summary, packages: [], findings_by_rule: {} },
      },
    ],
  ];
  it.each(cases)('%s validates against the seed schema and the strict schema', (_name, report) => {
    const value: unknown = JSON.parse(toJson(report));
    expect(base(value), JSON.stringify(base.errors)).toBe(true);
    expect(strict(value), JSON.stringify(strict.errors)).toBe(true);
  });

  it('fails the strict schema for a property the model does not have (the check can fail)', () => {
    const value = JSON.parse(toJson(sampleReport())) as Record<string, unknown>;
    value.extra = 1;
    expect(strict(value)).toBe(false);
    expect(base(value)).toBe(true);
  });
});

describe('parseReport', () => {
  it('reads back what toJson wrote', () => {
    const text = toJson(sampleReport());
    const parsed = parseReport(text, 'report.json');
    expect(toJson(parsed)).toBe(text);
    expect(parsed.gaps).toEqual(sampleReport().gaps);
  });

  it('reads a report that has only the seed fields, filling defaults', () => {
    const report = parseReport(JSON.stringify(SEED_ONLY), 'otel-gaps.json');
    expect(report.files_audited).toBe(3);
    expect(report.coverage_score).toBe(62.5);
    expect(report.gaps[0]).toEqual({
      file: 'internal/orders/service.go',
      function: 'ProcessPayment',
      line: 42,
      gap_type: 'missing_span',
      severity: 'high',
      rationale: 'exported, calls the gateway',
      rule_id: 'OTW001',
      column: 0,
      end_line: 42,
      language: 'go',
      suggested_span_name: null,
      details: [],
    });
    expect(report.gaps.map((g) => [g.rule_id, g.language, g.line, g.rationale])).toEqual([
      ['OTW001', 'go', 42, 'exported, calls the gateway'],
      ['OTW002', 'typescript', 0, ''],
      ['OTW004', 'python', 0, ''],
    ]);
    expect(report.findings).toEqual([]);
    expect(report.skipped).toEqual([]);
    expect(report.parse_errors).toEqual([]);
    expect(report.suppressed).toEqual([]);
    expect(report.functions).toBeNull();
    expect(report.tool).toEqual({ name: 'otelwright', version: 'unknown' });
    expect(report.summary.gaps_by_severity).toEqual({ critical: 1, high: 1, medium: 0, low: 1 });
    expect(report.summary.gaps_by_type).toEqual({
      missing_span: 1,
      missing_error_recording: 1,
      missing_attributes: 0,
      missing_metric: 1,
    });
  });

  it('writes a seed-only report back in a form both schemas accept', () => {
    const { base, strict } = reportValidators();
    const value: unknown = JSON.parse(toJson(parseReport(JSON.stringify(SEED_ONLY), 'otel-gaps.json')));
    expect(base(value)).toBe(true);
    expect(strict(value)).toBe(true);
  });

  it('reads a strict-schema report whose optional values are null', () => {
    const strictStyle = {
      ...SEED_ONLY,
      gaps: [
        {
          file: 'a/b.py',
          function: 'f',
          line: null,
          gap_type: 'missing_attributes',
          severity: 'medium',
          rationale: null,
          rule_id: null,
          column: null,
          end_line: null,
          language: null,
          suggested_span_name: null,
          details: null,
        },
      ],
      findings: null,
      summary: null,
      skipped: null,
      parse_errors: null,
      suppressed: null,
      functions: null,
      tool: null,
    };
    const report = parseReport(JSON.stringify(strictStyle), 'codex.json');
    expect(report.gaps[0]).toMatchObject({
      line: 0,
      rationale: '',
      rule_id: 'OTW003',
      language: 'python',
      details: [],
    });
    expect(report.summary.gaps_by_type.missing_attributes).toBe(1);
  });

  it('names the file, the JSON pointer and the allowed values of a bad enum', () => {
    expect(() => parseReport(withGap({ severity: 'urgent' }), 'baseline.json')).toThrow(
      new Error('baseline.json: /gaps/3/severity must be one of critical, high, medium, low'),
    );
    expect(() => parseReport(withGap({ gap_type: 'missing_log' }, 0), 'baseline.json')).toThrow(
      'baseline.json: /gaps/0/gap_type must be one of missing_span, missing_error_recording, missing_attributes, missing_metric',
    );
  });

  it('names a missing required property by its pointer', () => {
    const { gap_type: _dropped, ...rest } = nth(SEED_ONLY.gaps, 0);
    const text = JSON.stringify({ ...SEED_ONLY, gaps: [rest] });
    expect(() => parseReport(text, 'baseline.json')).toThrow('baseline.json: /gaps/0/gap_type is required');
    const { coverage_score: _score, ...noScore } = SEED_ONLY;
    expect(() => parseReport(JSON.stringify(noScore), 'b.json')).toThrow(
      'b.json: /coverage_score is required',
    );
  });

  it('names wrong types and out-of-range scores', () => {
    expect(() => parseReport(JSON.stringify({ ...SEED_ONLY, files_audited: '3' }), 'b.json')).toThrow(
      'b.json: /files_audited must be integer',
    );
    expect(() => parseReport(JSON.stringify({ ...SEED_ONLY, coverage_score: 120 }), 'b.json')).toThrow(
      'b.json: /coverage_score must be <= 100',
    );
    expect(() => parseReport(withGap({ line: 'forty' }), 'b.json')).toThrow(
      'b.json: /gaps/3/line must be integer',
    );
    expect(() => parseReport('[]', 'b.json')).toThrow('b.json: / must be object');
  });

  it('says when the text is not JSON at all', () => {
    expect(() => parseReport('{"files_audited": 3,', 'baseline.json')).toThrow(
      /^baseline\.json: not valid JSON \(/,
    );
  });
});
