import { goToolkit } from '../lang/go/instrument/toolkit.js';
import { goMetricsPlanner } from '../lang/go/metrics/planner.js';
import { pythonToolkit } from '../lang/python/instrument/toolkit.js';
import { pythonMetricsPlanner } from '../lang/python/metrics/planner.js';
import { typescriptToolkit } from '../lang/typescript/instrument/toolkit.js';
import { typescriptMetricsPlanner } from '../lang/typescript/metrics/planner.js';
import type { Family } from './run-instrument.js';
import type { LanguageToolkit } from './types.js';

/** The language toolkits instrument and metrics use, one per language family. */
export const toolkits: Partial<Record<Family, LanguageToolkit>> = {
  go: { ...goToolkit, metricsPlanner: goMetricsPlanner },
  node: { ...typescriptToolkit, metricsPlanner: typescriptMetricsPlanner },
  python: { ...pythonToolkit, metricsPlanner: pythonMetricsPlanner },
};
