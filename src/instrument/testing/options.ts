// Instrument options for tests that run the real pipeline on a throw-away project: what a user's
// `otelwright instrument` would pass, with each test stating only what it changes.
import type { InstrumentOptions } from '../run-instrument.js';
import { FIXABLE_GAP_TYPES, type Selection } from '../select.js';
import { toolkits } from '../toolkits.js';

export function instrumentOptions(
  cwd: string,
  overrides: Omit<Partial<InstrumentOptions>, 'selection'> & { selection?: Partial<Selection> } = {},
): InstrumentOptions {
  const { selection, ...rest } = overrides;
  return {
    paths: ['.'],
    cwd,
    configPath: null,
    cacheDir: null,
    jobs: 1,
    reportGaps: null,
    dryRun: false,
    validate: true,
    force: true,
    unsafe: false,
    toolkits,
    ...rest,
    selection: { minSeverity: 'high', gapTypes: FIXABLE_GAP_TYPES, only: [], ...selection },
  };
}
