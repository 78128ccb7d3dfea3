import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../../edit/apply-text.js';
import type { PlanResult } from '../../../instrument/types.js';
import { defaultStandards } from '../../../standards/defaults.js';
import type { Standards } from '../../../standards/types.js';
import { auditGo } from '../instrument/__fixtures__/golden-harness.js';
import { planGoMetrics } from './planner.js';

function planText(
  text: string,
  standards: Standards = defaultStandards(),
): { plan: PlanResult; text: string } {
  const { facts, report } = auditGo('h.go', text, standards);
  const targets = facts.functions.flatMap((fn) => {
    const gaps = report.gaps.filter((g) => g.gap_type === 'missing_metric' && g.line === fn.line);
    return gaps.length > 0 ? [{ fn, gaps }] : [];
  });
  const plan = planGoMetrics({
    path: 'h.go',
    text,
    facts,
    targets,
    standards,
    service: 'shop',
    scopeName: 'example.com/shop/orders',
    unsafe: false,
    tracer: { existing: null, declareHere: true, name: 'tracer' },
  });
  return { plan, text: applyEdits('h.go', text, plan.edits) };
}

const HANDLER = `package orders

import (
	"net/http"
)

func List(w http.ResponseWriter, r *http.Request) {
	w.WriteHeader(http.StatusOK)
}
`;

describe('go metrics planner', () => {
  it('names instruments by the standards template and reads the required attributes from their variables', () => {
    const standards = defaultStandards();
    standards.metrics.name_template = '{subsystem}.{metric}';
    standards.metrics.required_attributes = ['deployment.environment.name', 'service.version', 'tenant.tier'];
    standards.service.environment_variable = 'APP_ENV';
    standards.service.version_variable = 'APP_VERSION';
    const { plan, text } = planText(HANDLER, standards);
    expect(text).toContain('"orders.request.duration"');
    expect(text).toContain('"orders.requests"');
    expect(text).toContain('attribute.String("deployment.environment.name", envOrUnknown("APP_ENV"))');
    expect(text).toContain('attribute.String("service.version", envOrUnknown("APP_VERSION"))');
    expect(plan.planned[0]?.summary).toContain('tenant.tier have no known source');
  });

  it('never uses the raw path, the URL or per-request values as attributes', () => {
    const { text } = planText(HANDLER);
    expect(text).not.toMatch(/r\.URL|RequestURI|r\.Host|PathValue|Header\.Get/);
    expect(text).toContain('status := rec.statusCode()');
    expect(text).toContain('requestMetricAttributes(r.Method, "List", status)');
  });

  it('leaves the file alone when a package variable takes an instrument name for something else', () => {
    const { plan } = planText(HANDLER.replace('func List', 'var requestCount int\n\nfunc List'));
    expect(plan.edits).toEqual([]);
    expect(plan.skipped[0]?.reason).toContain('declares requestCount');
  });

  it('does not reuse a statusRecorder type it did not write', () => {
    const { plan } = planText(
      HANDLER.replace('func List', 'type statusRecorder struct{ code int }\n\nfunc List'),
    );
    expect(plan.edits).toEqual([]);
    expect(plan.skipped[0]?.reason).toContain('statusRecorder');
  });
});
