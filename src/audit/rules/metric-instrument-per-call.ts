import type { Rule } from '../rule.js';
import { finding } from './make.js';

export const metricInstrumentPerCall: Rule = {
  meta: {
    id: 'OTW108',
    name: 'metric-instrument-per-call',
    description: 'A metric instrument is created inside a function that runs per call, not once per module.',
    help: 'Creating instruments on every call costs a registry lookup (and in some SDKs a warning or a leak) per request. Create them once at module level, or in a constructor/init, and reuse them.',
    kind: 'anti-pattern',
    gapType: null,
    defaultSeverity: 'medium',
  },
  check(ctx) {
    const { fn, file } = ctx;
    const findings = file.metricInstruments
      .filter((m) => m.perCall && m.line >= fn.line && m.line <= fn.endLine)
      // An instrument inside a nested function belongs to the innermost one only.
      .filter(
        (m) =>
          !file.functions.some(
            (other) =>
              other !== fn &&
              other.line > fn.line &&
              other.endLine < fn.endLine &&
              m.line >= other.line &&
              m.line <= other.endLine,
          ),
      )
      .map((m) =>
        finding(
          this.meta,
          ctx,
          { line: m.line, column: 1 },
          `Metric instrument "${m.name}" is created on every call of ${fn.qualifiedName}; create it once at module level and reuse it.`,
        ),
      );
    return { gaps: [], findings };
  },
};
