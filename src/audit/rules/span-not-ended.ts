import type { Rule } from '../rule.js';
import { finding, lineList } from './make.js';

export const spanNotEnded: Rule = {
  meta: {
    id: 'OTW103',
    name: 'span-not-ended',
    description: 'A span is not ended on every path out of the function.',
    help: 'A span that is never ended is never exported, and it leaks memory in the SDK. End it in a defer (Go), a finally block (JS/TS) or use a context manager (Python).',
    kind: 'anti-pattern',
    gapType: null,
    defaultSeverity: 'high',
  },
  check(ctx) {
    const findings = ctx.fn.spans
      .filter((s) => s.end === 'never' || s.end === 'explicit-some-paths')
      .map((s) => {
        const where =
          s.end === 'never'
            ? s.api === 'ts:startActiveSpan'
              ? 'is never ended (startActiveSpan does not end the span for you)'
              : 'is never ended'
            : `is not ended on the path${s.unendedExitLines.length > 1 ? 's' : ''} leaving at ${lineList(s.unendedExitLines)}`;
        return finding(this.meta, ctx, s, `Span "${s.nameText}" ${where}; it will never be exported.`);
      });
    return { gaps: [], findings };
  },
};
