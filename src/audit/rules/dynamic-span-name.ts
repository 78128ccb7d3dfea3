import type { Rule } from '../rule.js';
import { finding } from './make.js';

const HOW: Record<string, string> = {
  concatenation: 'string concatenation',
  template: 'an interpolated string',
  'format-call': 'a format call',
};

export const dynamicSpanName: Rule = {
  meta: {
    id: 'OTW102',
    name: 'dynamic-span-name',
    description: 'A span name is built at run time (concatenation, template literal, f-string, format call).',
    help: 'Span names must be low-cardinality so backends can group them; put the variable part in an attribute and use a constant name.',
    kind: 'anti-pattern',
    gapType: null,
    defaultSeverity: 'low',
  },
  check(ctx) {
    const findings = ctx.fn.spans
      .filter((s) => HOW[s.nameKind])
      .map((s) =>
        finding(
          this.meta,
          ctx,
          s,
          `Span name is built with ${HOW[s.nameKind]} (${s.nameText}); use a constant name and move the variable part to an attribute.`,
        ),
      );
    return { gaps: [], findings };
  },
};
