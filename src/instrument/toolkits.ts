import { goToolkit } from '../lang/go/instrument/toolkit.js';
import { pythonToolkit } from '../lang/python/instrument/toolkit.js';
import type { Family } from './run-instrument.js';
import type { LanguageToolkit } from './types.js';

/** The language toolkits instrument can use; a family without one reports its gaps as not supported yet. */
export const toolkits: Partial<Record<Family, LanguageToolkit>> = {
  go: goToolkit,
  python: pythonToolkit,
};
