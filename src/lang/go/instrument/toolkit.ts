// Everything `otelwright instrument` needs for Go.
import type { LanguageToolkit } from '../../../instrument/types.js';
import { goDependencies } from './dependencies.js';
import { goFormatter } from './formatter.js';
import { goPlanner } from './planner.js';
import { goValidator } from './validator.js';

export const goToolkit: LanguageToolkit = {
  planner: goPlanner,
  formatter: goFormatter,
  validator: goValidator,
  dependencies: goDependencies,
};
