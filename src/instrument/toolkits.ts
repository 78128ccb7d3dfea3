import { goToolkit } from '../lang/go/instrument/toolkit.js';
import { pythonToolkit } from '../lang/python/instrument/toolkit.js';
import { pythonMetricsPlanner } from '../lang/python/metrics/planner.js';
import { typescriptToolkit } from '../lang/typescript/instrument/toolkit.js';
import type { Family } from './run-instrument.js';
import type { LanguageToolkit } from './types.js';

/** The language toolkits instrument uses, one per language family. */
export const toolkits: Partial<Record<Family, LanguageToolkit>> = {
  go: goToolkit,
  node: typescriptToolkit,
  python: { ...pythonToolkit, metricsPlanner: pythonMetricsPlanner },
};
