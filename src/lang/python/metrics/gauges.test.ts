import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../../edit/apply-text.js';
import type { GaugeSpec } from '../../../instrument/types.js';
import { defaultStandards } from '../../../standards/defaults.js';
import { pythonAdapter } from '../adapter.js';
import { planPythonGauges } from './gauges.js';

function plan(text: string, gauges: GaugeSpec[]) {
  const facts = pythonAdapter.extractFacts({
    path: 'jobs/worker.py',
    text,
    language: 'python',
    packageHint: 'jobs',
    scopeHint: 'jobs.worker',
  });
  const result = planPythonGauges({
    path: 'jobs/worker.py',
    text,
    facts,
    standards: defaultStandards(),
    service: 'shop',
    scopeName: 'jobs.worker',
    gauges,
  });
  return { ...result, text: applyEdits('jobs/worker.py', text, result.edits) };
}

const JOBS: GaugeSpec[] = [{ name: 'queue_depth', source: 'self.jobs' }];

describe('python gauge planner', () => {
  it('returns no entry for a module that only uses the source', () => {
    const text =
      'class W:\n    def push(self, j):\n        self.jobs.put(j)\n        self.jobs = self.jobs\n';
    expect(plan(text, JOBS)).toMatchObject({ edits: [], planned: [], skipped: [] });
  });

  it('skips a source whose type it cannot read, with the known types', () => {
    const text = 'class W:\n    def __init__(self):\n        self.jobs = make_queue()\n';
    const result = plan(text, JOBS);
    expect(result.edits).toEqual([]);
    expect(result.skipped).toEqual([
      {
        function: 'W.__init__',
        line: 3,
        gapType: 'missing_metric',
        gauge: 'queue_depth',
        reason: expect.stringMatching(/`make_queue\(\)`, whose depth otelwright cannot read: queue.Queue/),
      },
    ]);
  });

  it('skips a module source assigned inside a function', () => {
    const text = 'import queue\njobs = None\n\ndef setup():\n    global jobs\n    jobs = queue.Queue()\n';
    const result = plan(text, [{ name: 'queue_depth', source: 'jobs' }]);
    expect(result.edits).toEqual([]);
    expect(result.skipped[0]?.reason).toMatch(/inside function setup, not at module level/);
  });

  it('keeps the indentation and line breaks of the file, and reuses the imports it has', () => {
    const text =
      'import multiprocessing as mp\r\nfrom opentelemetry.metrics import Observation\r\n\r\nclass W:\r\n\tdef __init__(me):\r\n\t\tif True:\r\n\t\t\tme.jobs = mp.Queue()\r\n';
    const result = plan(text, JOBS);
    expect(result.text).toContain('\t\t\tme.jobs = mp.Queue()\r\n\t\t\t_QUEUE_DEPTH_SOURCES.add(me)\r\n');
    expect(result.text).toContain(
      'from opentelemetry import metrics\r\nfrom opentelemetry.metrics import Observation\r\nfrom opentelemetry.metrics import CallbackOptions\r\n',
    );
    expect(result.text).toMatch(/^import weakref\r\n\r\nimport multiprocessing as mp\r\n/);
    expect(result.text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(result.text).toContain('\tdepth = sum(w.jobs.qsize() for w in list(_QUEUE_DEPTH_SOURCES))\r\n');
    expect(result.planned[0]?.summary).toMatch(/NotImplementedError on macOS/);
  });
});
