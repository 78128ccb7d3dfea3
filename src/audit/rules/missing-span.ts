import type { Rule } from '../rule.js';
import { gap, none } from './make.js';

export const missingSpan: Rule = {
  meta: {
    id: 'OTW001',
    name: 'missing-span',
    description:
      'A function that does business work (I/O, calls to other services, can fail, serves requests) starts no span.',
    help: "Without a span the operation's latency and failures are invisible in traces, and the spans of the calls it makes attach to the wrong parent. Start a span named by the standards' template at function entry and end it on every path.",
    kind: 'gap',
    gapType: 'missing_span',
    defaultSeverity: 'high',
  },
  check(ctx) {
    const { fn, file, severity } = ctx;
    if (!severity || fn.spans.length > 0 || ctx.coveredBy?.spans) return none();
    const noContext =
      file.language === 'go' &&
      !fn.params.some((p) => p.role === 'context' || p.role === 'request' || p.role === 'framework-context');
    const consequence = fn.handler
      ? 'requests to it leave no trace of their own'
      : 'its latency and failures are invisible in traces';
    // A handler that takes no request is a factory (`func (s *server) handleOrders() http.HandlerFunc`):
    // the function literal it returns has the request, so that is where the span goes.
    const factory = fn.handler !== null && fn.handler.framework !== 'grpc';
    const contextNote = !noContext
      ? ''
      : factory
        ? '; it returns the handler, so the span belongs at the top of the function literal it returns, parented on the request it receives'
        : '; it takes no context.Context, so one must be threaded in before a span can have the caller as parent';
    const rationale = `This is ${ctx.why} and starts no span, so ${consequence}${contextNote}.`;
    return { gaps: [gap(this.meta, ctx, severity, rationale)], findings: [] };
  },
};
