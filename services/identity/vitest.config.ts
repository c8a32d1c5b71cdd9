import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    silent: 'passed-only',
    testTimeout: 60_000,
    hookTimeout: 240_000,
    setupFiles: ['@yingshang/testing/audit-guard'],
  },
});
