import { describe, expect, it } from 'vitest';
import { defaultStandards } from './defaults.js';
import { renderAgentsSection } from './render.js';
import type { Standards } from './types.js';

function withChanges(change: (standards: Standards) => void): Standards {
  const standards = defaultStandards();
  change(standards);
  return standards;
}

function bullet(section: string, start: string): string | undefined {
  return section.split('\n').find((line) => line.startsWith(start));
}

describe('renderAgentsSection', () => {
  it('renders the default standards as the golden section', async () => {
    await expect(renderAgentsSection(defaultStandards())).toMatchFileSnapshot(
      '__snapshots__/agents-section.default.md',
    );
  });

  it("has the seed article's three subsections, in order, and ends with a newline", () => {
    const section = renderAgentsSection(defaultStandards());
    const headings = section.split('\n').filter((line) => line.startsWith('#'));
    expect(headings).toEqual([
      '## OpenTelemetry Standards',
      '### Tracing',
      '### Metrics',
      '### Anti-patterns',
    ]);
    expect(section.endsWith('\n')).toBe(true);
    expect(renderAgentsSection(defaultStandards())).toBe(section);
  });

  it("shows the team's naming templates, with the service name when it is set", () => {
    const section = renderAgentsSection(
      withChanges((s) => {
        s.service.name = 'billing';
        s.tracing.span_name_template = '{service}.{type}.{function}';
        s.metrics.name_template = '{service}.{subsystem}.{metric}';
      }),
    );
    expect(bullet(section, '- Span names')).toBe(
      '- Span names follow `billing.<Type>.<Function>` (e.g. `billing.OrderService.ProcessPayment`), written as constants',
    );
    expect(bullet(section, '- Metric names')).toMatch(
      /^- Metric names follow `billing\.<subsystem>\.<metric>` \(e\.g\. `billing\.payments\.duration`\)/,
    );
  });

  it('follows the error policy', () => {
    const statusOnly = renderAgentsSection(
      withChanges((s) => (s.tracing.error_policy.record_exception = false)),
    );
    expect(bullet(statusOnly, '- On every failure path')).toMatch(
      /set status Error .*; do not record the exception on the span/,
    );
    expect(statusOnly).not.toContain('span.RecordError');

    const withType = renderAgentsSection(
      withChanges((s) => (s.tracing.error_policy.error_type_attribute = true)),
    );
    expect(bullet(withType, '- On failure, set `error.type`')).toBeDefined();
    expect(bullet(renderAgentsSection(defaultStandards()), '- On failure, set `error.type`')).toBeUndefined();
  });

  it('lists the required attributes, the outcome attribute and the metric attributes', () => {
    const section = renderAgentsSection(
      withChanges((s) => {
        s.tracing.required_attributes = [{ name: 'tenant.id', when: 'always' }];
        s.tracing.outcome_attribute = null;
        s.metrics.required_attributes = ['deployment.environment.name'];
      }),
    );
    expect(bullet(section, '- Add span attributes')).toBe('- Add span attributes: `tenant.id` on every span');
    expect(bullet(section, '- All metrics')).toBe(
      '- All metrics MUST include `deployment.environment.name` attributes',
    );
  });

  it('leaves out what the standards switch off', () => {
    const section = renderAgentsSection(
      withChanges((s) => {
        s.tracing.loops.forbid_spans_in_loops = false;
        s.metrics.require_handler_metrics = false;
        s.pii.deny = [];
        s.tracing.required_attributes = [];
        s.tracing.outcome_attribute = null;
      }),
    );
    expect(section).not.toContain('inside loops');
    expect(section).not.toContain('request handler MUST');
    expect(section).not.toContain('PII');
    expect(section).not.toContain('Add span attributes');
  });

  it('names the gauges to observe and the PII words', () => {
    const section = renderAgentsSection(
      withChanges((s) => {
        s.metrics.gauges = [{ name: 'queue_depth', source: 's.jobs' }];
        s.pii = { deny: ['email', 'iban'], allow: ['server.address'] };
      }),
    );
    expect(bullet(section, '- Observe')).toBe('- Observe `s.jobs` with a gauge named after `queue_depth`');
    expect(bullet(section, '- Do NOT add PII')).toMatch(
      /any of the words `email`, `iban`; these attribute names are allowed anyway: `server\.address`$/,
    );
  });
});
