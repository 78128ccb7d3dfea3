import type { Rule } from '../rule.js';
import { gap, lineList, none } from './make.js';

export const missingErrorRecording: Rule = {
  meta: {
    id: 'OTW002',
    name: 'missing-error-recording',
    description:
      'A span does not set status Error (and record the error, when the standards ask) on every failure path.',
    help: 'A failed operation whose span keeps status Unset shows as a success in traces and error-rate views. On every path that returns, throws or raises an error, set status Error with a short message and record the error as the standards say.',
    kind: 'gap',
    gapType: 'missing_error_recording',
    defaultSeverity: 'high',
  },
  check(ctx) {
    const policy = ctx.standards.tracing.error_policy;
    const unrecorded = new Set<number>();
    const unstatused = new Set<number>();
    for (const span of ctx.fn.spans) {
      if (policy.record_exception) for (const l of span.failureExitsWithoutRecord) unrecorded.add(l);
      if (policy.set_status) for (const l of span.failureExitsWithoutStatus) unstatused.add(l);
    }
    const lines = [...new Set([...unrecorded, ...unstatused])].sort((a, b) => a - b);
    if (lines.length === 0) return none();
    const missing =
      unrecorded.size > 0 && unstatused.size > 0
        ? 'neither records the error nor sets status Error'
        : unstatused.size > 0
          ? 'does not set status Error'
          : 'does not record the error';
    const jsNote = ctx.fn.spans.some((s) => s.api === 'ts:startActiveSpan' || s.api === 'ts:startSpan')
      ? ' (startActiveSpan/startSpan never record exceptions by themselves)'
      : '';
    const rationale = `The span ${missing} on the failure path at ${lineList(lines)}${jsNote}, so these failures look like successes in traces.`;
    const severity = ctx.severity ?? 'medium';
    return { gaps: [gap(this.meta, ctx, severity, rationale, lines.map(String))], findings: [] };
  },
};
