// Everything `otelwright instrument` needs for TypeScript and JavaScript.
import type { LanguageToolkit } from '../../../instrument/types.js';
import { typescriptDependencies } from './dependencies.js';
import { typescriptFormatter } from './formatter.js';
import { typescriptPlanner } from './planner.js';
import { typescriptValidator } from './validator.js';

export const typescriptToolkit: LanguageToolkit = {
  planner: typescriptPlanner,
  formatter: typescriptFormatter,
  validator: typescriptValidator,
  dependencies: typescriptDependencies,
  handlesFailures: /\bcatch\b|\bnext\s*\(/,
};
