// The standards' metric name template filled in, the same for every language's generated code.
import type { Standards } from './types.js';

/**
 * `metrics.name_template` (`{service}.{subsystem}.{metric}`) filled in; empty segments are dropped so
 * no name has `..` (a service or subsystem that is empty, or a template without one of them).
 */
export function metricName(standards: Standards, service: string, subsystem: string, metric: string): string {
  return standards.metrics.name_template
    .replaceAll('{service}', service)
    .replaceAll('{subsystem}', subsystem)
    .replaceAll('{metric}', metric)
    .split('.')
    .filter((part) => part !== '')
    .join('.');
}
