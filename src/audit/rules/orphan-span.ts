import type { Rule } from '../rule.js';
import { finding } from './make.js';

export const orphanSpan: Rule = {
  meta: {
    id: 'OTW106',
    name: 'orphan-span',
    description:
      'A span is started from context.Background()/TODO() (or a root context) in a function that was given a context.',
    help: "A span started from a fresh root context has no parent: it starts a new trace instead of joining the caller's, which breaks the request's trace in two. Start it from the context the function was given.",
    kind: 'anti-pattern',
    gapType: null,
    defaultSeverity: 'medium',
  },
  check(ctx) {
    const given = ctx.fn.params.find(
      (p) => p.role === 'context' || p.role === 'request' || p.role === 'framework-context',
    );
    const findings = ctx.fn.spans
      .filter((s) => s.parentContext === 'background')
      .map((s) =>
        finding(
          this.meta,
          ctx,
          s,
          `Span "${s.nameText}" starts from a root context${given ? ` although the function was given ${given.name}` : ''}: it will not join the caller's trace.`,
        ),
      );
    return { gaps: [], findings };
  },
};
