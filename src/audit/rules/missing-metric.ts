import type { FileFacts, FunctionFacts, MetricKind } from '../../lang/facts.js';
import type { Rule } from '../rule.js';
import { gap, none } from './make.js';

/** The kind of instrument a recording goes to: resolved from the file's instruments, else from its name. */
function kindOf(file: FileFacts, instrument: string): MetricKind | null {
  const last = instrument.split('.').pop() ?? instrument;
  const declared = file.metricInstruments.find((m) => m.variable === instrument || m.variable === last);
  if (declared) return declared.kind;
  if (/duration|latency|hist|seconds|_ms\b|time/i.test(last)) return 'histogram';
  if (/count|requests|total|calls|counter/i.test(last)) return 'counter';
  return null;
}

function recorded(file: FileFacts, fn: FunctionFacts): { histogram: boolean; counter: boolean } {
  const kinds = fn.metricRecordings.map((r) => kindOf(file, r.instrument));
  return {
    histogram: kinds.includes('histogram'),
    counter: kinds.includes('counter') || kinds.includes('updowncounter'),
  };
}

export const missingMetric: Rule = {
  meta: {
    id: 'OTW004',
    name: 'missing-metric',
    description: 'A request handler records no request-duration histogram or no request counter.',
    help: 'Duration histograms and request counters are what dashboards and SLO alerts are built on; traces are sampled, metrics are not. Record both on every handler, with low-cardinality attributes (http.request.method, http.route, http.response.status_code).',
    kind: 'gap',
    gapType: 'missing_metric',
    defaultSeverity: 'high',
  },
  check(ctx) {
    const { fn, file, standards } = ctx;
    // A handler that passes every request on (a router entry point, a middleware) would count each
    // request twice: it is measured where the request ends.
    if (!fn.handler || fn.handler.delegates || !standards.metrics.require_handler_metrics) return none();
    if (ctx.coveredBy?.metrics && !ctx.metricsOverAuto) return none();
    const has = recorded(file, fn);
    const missing = [
      ...(has.histogram ? [] : ['duration histogram']),
      ...(has.counter ? [] : ['request counter']),
    ];
    if (missing.length === 0) return none();
    const auto = !ctx.coveredBy
      ? ''
      : ctx.coveredBy.metrics
        ? ` of its own (${ctx.coveredBy.library} records HTTP server metrics for it)`
        : ` (${ctx.coveredBy.library} covers its spans but records no server metrics)`;
    const rationale = `This request handler records no ${missing.join(' and no ')}${auto}, so its latency and throughput cannot be graphed or alerted on.`;
    return { gaps: [gap(this.meta, ctx, 'high', rationale, missing)], findings: [] };
  },
};
