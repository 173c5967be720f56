import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'strategies/**/*.test.ts', 'harness/**/*.test.ts', 'workloads/**/*.test.ts', 'reports/**/*.test.ts'],
    exclude: ['dist/**', 'node_modules/**'],
    // Every test run gets its own temporary root, which must be empty at the end; tempDir() folders are removed after each file.
    globalSetup: ['test/setup/temp-root.ts'],
    setupFiles: ['test/setup/remove-temp-dirs.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
