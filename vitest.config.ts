// Every test (unit, integration, browser end-to-end) runs under Vitest; `npm test` wraps it
// to build first and to print the closing `N passed, N failed` line CI reads.

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: keep the browser and type-check tests from starving each other.
    maxWorkers: 2,
  },
});
