import { defineConfig } from 'vitest/config';

// Layer (c): Debian's Chromium driven by playwright-core against the stack `npm start` runs.
export default defineConfig({
  root: import.meta.dirname,
  test: {
    include: ['test/browser/**/*.test.ts'],
    silent: 'passed-only',
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
