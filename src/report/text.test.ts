import { describe, expect, it } from 'vitest';
import type { Report } from '../audit/model.js';
import { largeReport, sampleReport } from './__fixtures__/sample-report.js';
import { parseReport } from './json.js';
import { toText } from './text.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escape sequences is the point.
const ANSI = /\u001b\[[0-9;]*m/g;
const strip = (s: string) => s.replace(ANSI, '');

/** The lines listed under `file`, up to the blank line that ends its block. */
function block(text: string, file: string): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf(file);
  const end = lines.indexOf('', start);
  return lines.slice(start + 1, end);
}

describe('toText', () => {
  const plain = toText(sampleReport(), { color: false });

  it('groups problems under their file, ordered by file and line, gaps and findings together', () => {
    const files = plain.split('\n').filter((l) => /^\S/.test(l) && l.includes('/'));
    expect(files).toEqual([
      'internal/orders/handler.go',
      'internal/orders/service.go',
      'services/billing/billing/invoices.py',
      'web/src/api/checkout.ts',
    ]);
    expect(block(plain, 'internal/orders/service.go')).toEqual([
      '   42:1  high    missing_span             OrderService.ProcessPayment  Exported method that calls the payment gateway and returns an error has no span.',
      '   80:1  high    missing_error_recording  OrderService.Refund          The span is not marked as failed when Refund returns an error.',
      '   80:1  medium  missing_attributes       OrderService.Refund          The span lacks business.entity_id although the function takes orderID.',
      '  120:3  medium  span-in-loop             OrderService.SyncAll         A span is started on every iteration of the loop at line 118; trace the batch instead.',
    ]);
  });

  it('aligns the message column within a file and names module-level findings', () => {
    const lines = block(plain, 'web/src/api/checkout.ts');
    const starts = lines.map((l) =>
      l.indexOf(l.includes('(module)') ? 'otelwright-ignore' : l.split(/\s{2,}/).at(-1)!),
    );
    expect(new Set(starts).size).toBe(1);
    expect(lines[0]).toMatch(/^ {3}3:1 {2}low {7}invalid-suppression {6}\(module\) {19}otelwright-ignore/);
  });

  it('summarises files, functions, gaps by severity, findings by rule, skipped files, parse errors and the score', () => {
    const summary = plain.slice(plain.indexOf('✖'));
    expect(summary).toBe(
      [
        '✖ 9 gaps and 6 anti-pattern findings',
        '',
        '  files audited   14',
        '  functions       9 counted, 2 covered',
        '  gaps            9: 2 critical, 3 high, 3 medium, 1 low',
        '  findings        6: OTW101 span-in-loop 1, OTW104 pii-attribute 1, OTW105 deprecated-attribute 1, OTW107 high-cardinality-metric-attribute 2, OTW109 invalid-suppression 1',
        '  suppressed      1',
        '  skipped         2 (1 generated, 1 other)',
        '    web/dist/bundle.js  larger than 1 MiB',
        '  parse errors    1',
        '    web/src/legacy/broken.js:3:14  unexpected token',
        '  coverage score  41.3 / 100',
        '',
      ].join('\n'),
    );
  });

  it('colours only when asked, and colour never changes the layout', () => {
    expect(plain).not.toMatch(ANSI);
    const coloured = toText(sampleReport(), { color: true });
    expect(coloured).toMatch(ANSI);
    expect(coloured).toContain('\u001b[1;31mcritical\u001b[0m');
    expect(coloured).toContain('\u001b[4minternal/orders/handler.go\u001b[0m');
    expect(coloured).toContain('\u001b[1;31m41.3 / 100\u001b[0m');
    expect(strip(coloured)).toBe(plain);
  });

  it('cuts messages to the terminal width', () => {
    const narrow = toText(sampleReport(), { color: true, width: 120 });
    const rows = strip(narrow)
      .split('\n')
      .filter((l) => /^ +\d+:\d+ /.test(l));
    expect(rows).toHaveLength(15);
    for (const row of rows) expect(row.length).toBeLessThanOrEqual(120);
    expect(rows.filter((r) => r.endsWith('…')).length).toBeGreaterThan(0);
  });

  it('shows an unknown position as "-" (a seed-only report has no lines)', () => {
    const seedOnly = parseReport(
      JSON.stringify({
        files_audited: 1,
        gaps: [{ file: 'a.go', function: 'F', gap_type: 'missing_span', severity: 'high' }],
        coverage_score: 80,
      }),
      'seed.json',
    );
    const text = toText(seedOnly, { color: false });
    expect(text.startsWith('a.go\n  -  high  missing_span  F\n')).toBe(true);
  });

  it('counts routine skips and lists at most 20 of the others', () => {
    const generated = toText(largeReport(50), { color: false });
    expect(generated).toContain('  skipped         50 (50 generated)\n');
    expect(generated).not.toContain('gen/file0.pb.go');
    const report = largeReport(50);
    report.skipped = report.skipped.map((f) => ({ ...f, reason: 'binary file' }));
    const binary = toText(report, { color: false });
    expect(binary).toContain('  skipped         50 (50 other)\n');
    expect(binary).toContain('    gen/file19.pb.go  binary file\n    ... and 30 more\n');
    expect(binary).not.toContain('gen/file20.pb.go');
  });

  it('says so when there is nothing to report', () => {
    const clean: Report = {
      ...sampleReport(),
      gaps: [],
      findings: [],
      skipped: [],
      parse_errors: [],
      suppressed: [],
      coverage_score: 100,
      summary: {
        ...sampleReport().summary,
        findings_by_rule: {},
        gaps_by_severity: { critical: 0, high: 0, medium: 0, low: 0 },
      },
    };
    const text = toText(clean, { color: false });
    expect(text.startsWith('✔ No instrumentation gaps or anti-patterns\n\n  files audited   14\n')).toBe(
      true,
    );
    expect(text).toContain('  findings        0\n');
    expect(text).not.toContain('skipped');
  });
});
