import { goToolkit } from '../lang/go/instrument/toolkit.js';
import { goGaugePlanner } from '../lang/go/metrics/gauges.js';
import { goMetricsPlanner } from '../lang/go/metrics/planner.js';
import { pythonToolkit } from '../lang/python/instrument/toolkit.js';
import { pythonGaugePlanner } from '../lang/python/metrics/gauges.js';
import { pythonMetricsPlanner } from '../lang/python/metrics/planner.js';
import { typescriptToolkit } from '../lang/typescript/instrument/toolkit.js';
import { typescriptGaugePlanner } from '../lang/typescript/metrics/gauges.js';
import { typescriptMetricsPlanner } from '../lang/typescript/metrics/planner.js';
import type { Family } from './run-instrument.js';
import type { LanguageToolkit } from './types.js';

/** The language toolkits instrument and metrics use, one per language family. */
export const toolkits: Partial<Record<Family, LanguageToolkit>> = {
  go: { ...goToolkit, metricsPlanner: goMetricsPlanner, gaugePlanner: goGaugePlanner },
  node: {
    ...typescriptToolkit,
    metricsPlanner: typescriptMetricsPlanner,
    gaugePlanner: typescriptGaugePlanner,
  },
  python: { ...pythonToolkit, metricsPlanner: pythonMetricsPlanner, gaugePlanner: pythonGaugePlanner },
};
