// Everything `otelwright instrument` needs for Python.
import type { LanguageToolkit } from '../../../instrument/types.js';
import { pythonDependencies } from './dependencies.js';
import { pythonFormatter } from './formatter.js';
import { pythonPlanner } from './planner.js';
import { pythonValidator } from './validator.js';

export const pythonToolkit: LanguageToolkit = {
  planner: pythonPlanner,
  formatter: pythonFormatter,
  validator: pythonValidator,
  dependencies: pythonDependencies,
  handlesFailures: /\bexcept\b/,
};
