// Metric names from the standards' template (`{service}.{subsystem}.{metric}`), and the instrument kinds
// the generated recording needs: a request-duration histogram and a request counter.
import type { MetricKind } from '../../facts.js';

export interface HandlerInstrument {
  kind: Extract<MetricKind, 'histogram' | 'counter'>;
  /** `{metric}` in the template. */
  metric: string;
  /** UCUM unit, in metadata: never in the name (semantic conventions). */
  unit: string;
  description: string;
  /** Variable a new module-level instrument is bound to (a fresh name when taken). */
  variable: string;
  /** `createHistogram` / `createCounter`. */
  creator: string;
}

export const HANDLER_INSTRUMENTS: readonly HandlerInstrument[] = [
  {
    kind: 'histogram',
    metric: 'request.duration',
    unit: 's',
    description: 'Duration of the HTTP requests handled by this module.',
    variable: 'requestDuration',
    creator: 'createHistogram',
  },
  {
    kind: 'counter',
    metric: 'requests',
    unit: '{request}',
    description: 'HTTP requests handled by this module.',
    variable: 'requestCount',
    creator: 'createCounter',
  },
];

export { metricName } from '../../../standards/metric-name.js';
