import { words } from '../../lang/naming.js';
import type { Rule } from '../rule.js';

const FACTORY_WORDS = new Set([
  'create',
  'make',
  'new',
  'build',
  'init',
  'setup',
  'configure',
  'register',
  'instruments',
  'instrument',
  'meter',
  'meters',
  'metrics',
  'factory',
  'provider',
  'lazy',
  'ensure',
  'get',
]);

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
    // Factories, lazy initialisers and meter wrappers create instruments on purpose, once per caller.
    if (
      fn.kind === 'constructor' ||
      words(fn.name).some((w) => FACTORY_WORDS.has(w)) ||
      (fn.owner && /Meter|Provider|Factory|Registry|Telemetry/.test(fn.owner))
    ) {
      return { gaps: [], findings: [] };
    }
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
