import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    // sqlite3 is a native module: separate processes, not worker threads
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
