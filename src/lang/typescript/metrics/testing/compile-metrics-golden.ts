// Test support: type-checks and compiles the TypeScript metrics golden cases (inputs, expected outputs
// and support files) with the real compiler under strict settings, against the real @opentelemetry/api.
// Decorators are the legacy ones NestJS uses (parameter decorators need them).
import { type Compiled, compileStrict } from '../../instrument/testing/compile-golden.js';
import { METRICS_GOLDEN_DIR } from './golden-cases.js';

export type CompiledMetrics = Compiled;

export function compileMetricsGolden(): CompiledMetrics {
  return compileStrict(
    METRICS_GOLDEN_DIR,
    { exactOptionalPropertyTypes: true, experimentalDecorators: true },
    [`${METRICS_GOLDEN_DIR}/**/*.ts`],
  );
}
