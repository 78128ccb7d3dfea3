import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../../edit/apply-text.js';
import type { GaugeSpec, SiblingFile } from '../../../instrument/types.js';
import { defaultStandards } from '../../../standards/defaults.js';
import { goAdapter } from '../adapter.js';
import { planGoGauges } from './gauges.js';

function plan(text: string, gauges: GaugeSpec[], siblings: SiblingFile[] = []) {
  const facts = goAdapter.extractFacts({
    path: 'w.go',
    text,
    language: 'go',
    packageHint: 'w',
    scopeHint: 'example.com/w',
  });
  const result = planGoGauges({
    path: 'w.go',
    text,
    facts,
    standards: defaultStandards(),
    service: 'shop',
    scopeName: 'example.com/w',
    gauges,
    siblings,
  });
  return { ...result, text: applyEdits('w.go', text, result.edits) };
}

const JOBS: GaugeSpec[] = [{ name: 'queue_depth', source: 's.jobs' }];

describe('go gauge planner', () => {
  it('returns no entry for a file that only uses the source', () => {
    const text = `package w

type W struct{ jobs chan int }

func (s *W) Push(n int) { s.jobs <- n }

func (s *W) Drain() { s.jobs = append(s.jobs, 1)[:0] }
`;
    const result = plan(text, JOBS);
    expect(result).toMatchObject({ edits: [], planned: [], skipped: [] });
  });

  it('skips a literal returned directly, without restructuring', () => {
    const text = `package w

type W struct{ jobs chan int }

func NewW() *W {
	return &W{jobs: make(chan int, 4)}
}
`;
    const result = plan(text, JOBS);
    expect(result.edits).toEqual([]);
    expect(result.skipped).toEqual([
      expect.objectContaining({
        function: 'NewW',
        line: 6,
        gauge: 'queue_depth',
        gapType: 'missing_metric',
        reason: expect.stringContaining('returned directly'),
      }),
    ]);
  });

  it('skips a source of a type it cannot read, naming the call form that would work', () => {
    const text = `package w

type Ring struct{}

type W struct{ jobs *Ring }

func NewW() *W {
	s := &W{}
	s.jobs = &Ring{}
	return s
}
`;
    const result = plan(text, JOBS);
    expect(result.edits).toEqual([]);
    expect(result.skipped[0]?.reason).toMatch(
      /type \*Ring\), whose depth otelwright cannot read.*`s\.jobs\.Len\(\)`/,
    );
    expect(result.skipped[0]?.gauge).toBe('queue_depth');
  });

  it('reads a field typed as a channel even when the value does not show it', () => {
    const text = `package w

import (
	"context"
	"fmt"

	"go.opentelemetry.io/otel"
)

var _ = otel.Tracer

type W struct{ jobs chan int }

func NewW(ctx context.Context, jobs chan int) *W {
	fmt.Println(ctx)
	return newW(jobs)
}

func newW(jobs chan int) *W {
	w := W{jobs: jobs}
	return &w
}
`;
    const result = plan(text, JOBS);
    expect(result.skipped).toEqual([]);
    expect(result.planned[0]?.summary).toContain('reads len(w.jobs)');
    // metric sits beside the otel import; context is reused.
    expect(result.text).toContain('\t"go.opentelemetry.io/otel"\n\t"go.opentelemetry.io/otel/metric"\n)');
    expect(result.text.match(/"context"/g)).toHaveLength(1);
  });

  it('names the observer clear of the captured variable, and imports into a file without imports', () => {
    const text = `package w

type W struct{ jobs []int }

func NewW() *W {
	o := &W{jobs: []int{}}
	return o
}
`;
    const result = plan(text, JOBS);
    expect(result.text).toContain('func(_ context.Context, observer metric.Int64Observer) error {');
    expect(result.text).toContain('observer.Observe(int64(len(o.jobs)))');
    expect(result.text).toMatch(
      /import \(\n\t"context"\n\n\t"go.opentelemetry.io\/otel"\n\t"go.opentelemetry.io\/otel\/metric"\n\)/,
    );
    expect(result.planned[0]?.summary).toContain('take that lock in the callback');
  });

  it('leaves a gauge another file of the package registers', () => {
    const text =
      'package w\n\ntype W struct{ jobs chan int }\n\nfunc NewW() *W {\n\ts := &W{}\n\ts.jobs = make(chan int)\n\treturn s\n}\n';
    const sibling = {
      path: 'metrics.go',
      text: 'package w\n\nfunc init() { m.Int64ObservableGauge(\n\t"shop.w.queue_depth") }\n',
    };
    const result = plan(text, JOBS, [sibling]);
    expect(result.edits).toEqual([]);
    expect(result.skipped[0]?.reason).toBe(
      'already observed: metrics.go registers an observable gauge named shop.w.queue_depth',
    );
  });

  it('registers after the error check that follows sql.Open', () => {
    const text = `package w

import "database/sql"

func NewStore() (*sql.DB, error) {
	db, err := sql.Open("pgx", "")
	if err != nil {
		return nil, err
	}
	return db, nil
}
`;
    const result = plan(text, [{ name: 'db.in_use', source: 'db' }]);
    expect(result.text).toMatch(/return nil, err\n\t}\n\t\/\/ db.in_use: observe db.Stats\(\).InUse/);
    expect(result.text).toContain('metric.WithUnit("{connection}")');
  });
});
