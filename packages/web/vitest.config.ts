import { defineConfig } from 'vitest/config';

/** Unit tests and the browser end-to-end tests (`*.e2e.test.ts`, real chromium). */
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
