import { defineConfig } from 'vitest/config';

// CLI tests spawn the built binary (and the mock server) as a user would; on a busy 2-core
// machine one spawn can take seconds, so the per-test budget is larger than vitest's 5 s.
export default defineConfig({ test: { testTimeout: 120_000, hookTimeout: 120_000 } });
