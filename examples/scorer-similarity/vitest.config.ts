import { defineConfig } from 'vitest/config';

// The end-to-end test spawns the built `distill` binary several times; on a busy machine one
// spawn can take seconds, so the budget is larger than vitest's 5 s.
export default defineConfig({ test: { testTimeout: 240_000, hookTimeout: 240_000 } });
