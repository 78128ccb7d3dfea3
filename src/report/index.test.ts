import { describe, expect, it } from 'vitest';
import { RULE_METAS } from '../audit/rules/index.js';
import { sampleReport } from './__fixtures__/sample-report.js';
import { type ReportFormat, renderReport } from './index.js';

const OPTS = { rules: RULE_METAS, toolVersion: '9.9.9' };

describe('renderReport', () => {
  const report = sampleReport();
  const cases: [ReportFormat, (out: string) => void][] = [
    ['json', (out) => expect(JSON.parse(out)).toMatchObject({ files_audited: 14, coverage_score: 41.3 })],
    [
      'sarif',
      (out) =>
        expect(JSON.parse(out)).toMatchObject({
          version: '2.1.0',
          runs: [{ tool: { driver: { version: '9.9.9' } } }],
        }),
    ],
    ['markdown', (out) => expect(out.startsWith('## OpenTelemetry coverage: 41.3 / 100\n')).toBe(true)],
    ['text', (out) => expect(out.startsWith('internal/orders/handler.go\n')).toBe(true)],
  ];
  it.each(cases)('renders %s', (format, check) => check(renderReport(report, format, OPTS)));

  it('passes the format options through', () => {
    expect(renderReport(report, 'text', { ...OPTS, color: true })).toContain('\u001b[');
    expect(renderReport(report, 'text', OPTS)).not.toContain('\u001b[');
    expect(renderReport(report, 'markdown', { ...OPTS, maxGaps: 2 })).toContain('- 7 more gaps');
    const sarif = JSON.parse(
      renderReport(report, 'sarif', {
        ...OPTS,
        informationUri: 'https://example.com/otelwright',
        uriPrefix: 'svc',
      }),
    );
    expect(sarif.runs[0].tool.driver.informationUri).toBe('https://example.com/otelwright');
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe(
      'svc/internal/orders/handler.go',
    );
  });
});
