import { defineConfig } from 'vitest/config'

// One Chromium for the whole suite (started in global-browser.ts); test files connect to it.
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/build-dist.ts', 'test/support/global-browser.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Two cores: two test files at a time keeps Chromium responsive.
    maxWorkers: 2,
    reporters: ['default', './test/support/summary-reporter.ts'],
    // `npm run test:coverage` (in CI): the share of src/ the suite runs in its own process. Code run
    // only in child processes (the CLI tests) does not count, so the floor is below what the suite
    // really exercises; it is there to catch a module that no test reaches.
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      exclude: ['src/**/*.d.ts'],
      reporter: ['text-summary', 'json-summary'],
      reportsDirectory: 'output/coverage',
      reportOnFailure: true,
      // measured 70.8% of lines, 69.0% statements, 62.8% branches, 67.9% functions (2026-12-01)
      thresholds: { lines: 68, statements: 66, branches: 60, functions: 65 },
    },
  },
})
