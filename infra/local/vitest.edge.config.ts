import { defineConfig } from 'vitest/config';

// Layer (b): the bundled workers in workerd (miniflare) over the production driver, against the local database
// stack. One stack per file, started in memory on free ports.
export default defineConfig({
  root: import.meta.dirname,
  test: {
    include: ['test/edge/**/*.test.ts'],
    silent: 'passed-only',
    testTimeout: 60_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
