import { defineConfig } from 'tsup';

export default defineConfig({
  // run-job.js is the small supervisor each job runs in, apart from the `distill` process.
  entry: ['src/index.ts', 'src/run-job.ts'],
  format: ['esm'],
  dts: { entry: 'src/index.ts' },
  sourcemap: true,
  clean: true,
  target: 'node22',
});
