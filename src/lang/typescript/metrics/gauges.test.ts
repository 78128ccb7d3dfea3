import { describe, expect, it } from 'vitest';
import type { GaugeSpec } from '../../../instrument/types.js';
import { defaultStandards } from '../../../standards/defaults.js';
import { typescriptAdapter } from '../adapter.js';
import { planTypeScriptGauges } from './gauges.js';

function plan(text: string, gauges: GaugeSpec[], path = 'src/q.ts') {
  const language = path.endsWith('.js') ? 'javascript' : 'typescript';
  const facts = typescriptAdapter.extractFacts({ path, text, language, packageHint: 'q', scopeHint: 'q' });
  return planTypeScriptGauges({
    path,
    text,
    facts,
    standards: defaultStandards(),
    service: 'shop',
    scopeName: 'q',
    gauges,
  });
}

describe('typescript gauge planner', () => {
  it('returns no entry for a file that only uses the source', () => {
    const text = 'export function push(q: { jobs: string[] }, id: string) {\n  q.jobs.push(id);\n}\n';
    expect(plan(text, [{ name: 'queue_depth', source: 'jobs' }])).toEqual({
      edits: [],
      planned: [],
      skipped: [],
    });
  });

  it('skips an assignment outside the constructor, naming the gauge', () => {
    const text = 'class Q {\n  jobs: string[] = [];\n  reset() {\n    this.jobs = [];\n  }\n}\n';
    const result = plan(text.replace('jobs: string[] = [];', 'jobs!: string[];'), [
      { name: 'queue_depth', source: 'this.jobs' },
    ]);
    expect(result.edits).toEqual([]);
    expect(result.skipped).toEqual([
      expect.objectContaining({
        gauge: 'queue_depth',
        function: 'Q.reset',
        line: 4,
        reason: expect.stringContaining('not the constructor'),
      }),
    ]);
  });

  it('skips a source of a type it cannot read, and a class field without a constructor', () => {
    const withCtor = 'class Q {\n  jobs = new Ring();\n  constructor() {}\n}\nclass Ring {}\n';
    const unknown = plan(withCtor, [{ name: 'queue_depth', source: 'this.jobs' }]);
    expect(unknown.skipped[0]).toMatchObject({
      function: 'Q.constructor',
      reason: expect.stringContaining('`new Ring()`, whose depth otelwright cannot read'),
    });
    const noCtor = plan('class Q {\n  jobs: number[] = [];\n}\n', [
      { name: 'queue_depth', source: 'this.jobs' },
    ]);
    expect(noCtor.skipped[0]?.reason).toContain('has no constructor');
  });

  it('adds a CommonJS require in a CommonJS module', () => {
    const text =
      "'use strict';\nconst os = require('os');\nconst pending = new Set();\nmodule.exports = { pending, os };\n";
    const result = plan(text, [{ name: 'pending', source: 'pending' }], 'src/q.js');
    expect(result.edits[0]?.text).toBe("\nconst { metrics } = require('@opentelemetry/api');");
    expect(result.planned[0]?.summary).toContain('reads pending.size (Set)');
  });
});
