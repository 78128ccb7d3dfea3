import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Several suites spawn real toolchains (go, tsc, python); give them room on a 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 600_000,
    pool: 'forks',
  },
});
