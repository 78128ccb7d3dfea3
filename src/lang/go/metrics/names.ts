// Metric names and the constant attributes of the standards, as the generated Go code spells them.
import type { Standards } from '../../../standards/types.js';

export { metricName } from '../../../standards/metric-name.js';

export interface ConstantAttribute {
  key: string;
  /** The environment variable read once at package load. */
  variable: string;
}

/**
 * The standards' required metric attributes that come from the deployment (environment, version), each
 * with the environment variable it is read from; the rest have no source the generator knows.
 */
export function constantAttributes(standards: Standards): { known: ConstantAttribute[]; unknown: string[] } {
  const known: ConstantAttribute[] = [];
  const unknown: string[] = [];
  for (const key of standards.metrics.required_attributes) {
    if (/^(deployment\.)?environment(\.name)?$/.test(key))
      known.push({ key, variable: standards.service.environment_variable });
    else if (key === 'service.version') known.push({ key, variable: standards.service.version_variable });
    else unknown.push(key);
  }
  return { known, unknown };
}
