import { describe, expect, it } from 'vitest';
import { gaugesMentioned, sourceName, unassignedGauges } from './gauge-sources.js';

describe('gauge sources', () => {
  it('reads the name a creating file must mention', () => {
    expect(sourceName('s.jobs')).toBe('jobs');
    expect(sourceName('self.pending')).toBe('pending');
    expect(sourceName('queue')).toBe('queue');
    expect(sourceName('pool.size()')).toBe('pool');
    expect(sourceName('s.pool.Stat().AcquiredConns()')).toBe('pool');
    expect(sourceName('len(q)')).toBe('');
  });

  it('keeps the gauges a file mentions as a whole word', () => {
    const gauges = [
      { name: 'queue_depth', source: 's.jobs' },
      { name: 'pool_in_use', source: 'db' },
    ];
    expect(gaugesMentioned('w.jobs = make(chan Job, 8)', gauges)).toEqual([gauges[0]]);
    expect(gaugesMentioned('jobsDone := 1; dbx := 2', gauges)).toEqual([]);
    expect(gaugesMentioned('this.$jobs = []', gauges)).toEqual([]);
  });

  it('reports every configured gauge nobody planned, pointing at the standards', () => {
    const gauges = [
      { name: 'queue_depth', source: 's.jobs' },
      { name: 'pool_in_use', source: 'db' },
    ];
    const skipped = unassignedGauges(gauges, new Set(['queue_depth']), 'otelwright.yaml');
    expect(skipped).toEqual([
      expect.objectContaining({
        file: 'otelwright.yaml',
        function: 'metrics.gauges[1]',
        gauge: 'pool_in_use',
        gapType: 'missing_metric',
        reason: expect.stringContaining('no audited file creates db'),
      }),
    ]);
  });
});
