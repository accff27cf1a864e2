import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Budgets for a slow, shared machine: a test that fails only because the box is busy is a broken test.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // vitest's default is cores − 1, which on CI's two cores runs one file at a time; most suites wait on the
    // emulators and Chromium rather than compute, so two files side by side halve the wall time.
    maxWorkers: 2,
  },
});
