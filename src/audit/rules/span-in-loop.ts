import type { Rule } from '../rule.js';
import { finding } from './make.js';

export const spanInLoop: Rule = {
  meta: {
    id: 'OTW101',
    name: 'span-in-loop',
    description: 'A span is started inside a loop body.',
    help: 'One span per iteration multiplies trace size and cost with the input and buries the signal. Put one span around the loop and record counts as attributes or events.',
    kind: 'anti-pattern',
    gapType: null,
    defaultSeverity: 'medium',
  },
  check(ctx) {
    if (!ctx.standards.tracing.loops.forbid_spans_in_loops) return { gaps: [], findings: [] };
    const findings = ctx.fn.spans
      .filter((s) => s.inLoop)
      .map((s) =>
        finding(
          this.meta,
          ctx,
          s,
          `Span "${s.nameText}" is started inside the loop at line ${s.loopLine ?? '?'}: one span per iteration; trace the loop once instead.`,
        ),
      );
    return { gaps: [], findings };
  },
};
