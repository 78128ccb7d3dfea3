import { describe, expect, it } from 'vitest';
import type { Report } from '../audit/model.js';
import { largeReport, sampleReport } from './__fixtures__/sample-report.js';
import { toMarkdown } from './markdown.js';
import { codeCell, oneLine, textCell } from './markdown-cells.js';

/** Rows of the table under `heading`, without the header and separator. */
function tableRows(markdown: string, heading: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.indexOf(heading);
  if (start < 0) return [];
  const rows: string[] = [];
  for (const line of lines.slice(start + 4)) {
    if (!line.startsWith('|')) break;
    rows.push(line);
  }
  return rows;
}

/** Cells of a row, split on unescaped pipes. */
function cells(row: string): string[] {
  return row
    .split(/(?<!\\)\|/)
    .slice(1, -1)
    .map((c) => c.trim());
}

describe('toMarkdown', () => {
  const md = toMarkdown(sampleReport());

  it('opens with the score and one line of counts', () => {
    const lines = md.split('\n');
    expect(lines[0]).toBe('## OpenTelemetry coverage: 41.3 / 100');
    expect(lines[2]).toBe(
      '**9 gaps** (2 critical, 3 high, 3 medium, 1 low) · **6 anti-pattern findings** · 14 files audited · ' +
        '2 of 9 counted functions covered · 2 files skipped · 1 parse error',
    );
  });

  it('lists the worst gaps, critical first, then high, with location, function, gap and rationale', () => {
    const rows = tableRows(md, '### Worst gaps').map(cells);
    expect(rows).toHaveLength(9);
    expect(rows.map((r) => r[0])).toEqual([
      'critical',
      'critical',
      'high',
      'high',
      'high',
      'medium',
      'medium',
      'medium',
      'low',
    ]);
    expect(rows[0]).toEqual([
      'critical',
      '`internal/orders/handler.go:31`',
      '`OrderHandler.Create`',
      '`missing_span`',
      'HTTP handler POST /orders with no span and no otelhttp middleware: every request is invisible.',
    ]);
    expect(rows[1]?.[1]).toBe('`web/src/api/checkout.ts:18`');
  });

  it('escapes pipes, backticks and HTML in cells so the table keeps its columns', () => {
    const row = tableRows(md, '### Worst gaps').find((r) => r.includes('create_invoice'))!;
    expect(cells(row)).toHaveLength(5);
    expect(row).toContain(
      'Public function \\`create\\_invoice\\` writes to the DB \\| cache with no span \\<br\\> at all.',
    );
    expect(row).not.toContain('<br>');
  });

  it('shows the packages with the lowest scores first', () => {
    const rows = tableRows(md, '### Packages with the lowest scores').map(cells);
    expect(rows).toEqual([
      ['`services/billing/billing`', 'python', '2', '2', '22.2'],
      ['`internal/orders`', 'go', '4', '5', '30.4'],
      ['`web/src/api`', 'typescript', '3', '2', '61.9'],
    ]);
  });

  it('groups anti-pattern findings by rule, most frequent first, with the first place each was seen', () => {
    const rows = tableRows(md, '### Anti-patterns').map(cells);
    expect(rows.map((r) => r[0])).toEqual([
      'OTW107 high-cardinality-metric-attribute',
      'OTW104 pii-attribute',
      'OTW101 span-in-loop',
      'OTW105 deprecated-attribute',
      'OTW109 invalid-suppression',
    ]);
    expect(rows[0]).toEqual([
      'OTW107 high-cardinality-metric-attribute',
      'medium',
      '2',
      '`internal/orders/handler.go:22` Metric attribute order.id is unbounded.',
    ]);
  });

  it('has no details note when every row fits', () => {
    expect(md).not.toContain('<details>');
  });

  it('cuts the gap table at maxGaps and says what was left out', () => {
    const cut = toMarkdown(sampleReport(), { maxGaps: 3 });
    expect(tableRows(cut, '### Worst gaps')).toHaveLength(3);
    expect(cut).toContain(
      '<details><summary>Not shown in this comment</summary>\n\n- 6 more gaps (2 high, 3 medium, 1 low)\n',
    );
    expect(cut.trimEnd().endsWith('</details>')).toBe(true);
  });

  it('stays PR-comment sized for a huge report', () => {
    const huge = toMarkdown(largeReport(4000));
    const lines = huge.trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(60);
    expect(huge.length).toBeLessThan(65_536 / 4);
    expect(tableRows(huge, '### Worst gaps')).toHaveLength(10);
    expect(tableRows(huge, '### Packages with the lowest scores')).toHaveLength(10);
    expect(tableRows(huge, '### Anti-patterns')).toHaveLength(8);
    expect(huge).toContain('- 3990 more gaps (990 critical, 1000 high, 1000 medium, 1000 low)');
    expect(huge).toContain('- 990 more packages');
    expect(huge).toContain('- 1 more rule with anti-patterns (444 findings)');
  });

  it('reports a clean audit without empty tables', () => {
    const clean: Report = {
      ...sampleReport(),
      gaps: [],
      findings: [],
      skipped: [],
      parse_errors: [],
      coverage_score: 100,
      summary: {
        ...sampleReport().summary,
        packages: [],
        gaps_by_severity: { critical: 0, high: 0, medium: 0, low: 0 },
      },
    };
    const out = toMarkdown(clean);
    expect(out).toBe(
      '## OpenTelemetry coverage: 100 / 100\n\n**No gaps** · **0 anti-pattern findings** · 14 files audited · 2 of 9 counted functions covered\n',
    );
  });
});

describe('markdown cells', () => {
  it('flattens and truncates text', () => {
    expect(oneLine('a\n  b\r\nc', 80)).toBe('a b c');
    expect(oneLine('abcdefghij', 6)).toBe('abcde…');
  });

  it('escapes Markdown punctuation in text cells', () => {
    expect(textCell('a|b`c<d>*e*_f_[g]~h\\')).toBe('a\\|b\\`c\\<d\\>\\*e\\*\\_f\\_\\[g\\]\\~h\\\\');
  });

  it('fences code spans longer than any backtick run inside and escapes pipes', () => {
    expect(codeCell('plain')).toBe('`plain`');
    expect(codeCell('a`b')).toBe('``a`b``');
    expect(codeCell('`x')).toBe('`` `x ``');
    expect(codeCell('a||b')).toBe('`a\\|\\|b`');
  });
});
