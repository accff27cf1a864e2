import { configDefaults, defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The longest files, longest first (measured on the shared 2-core machine, 2026-12-02): each must start early or the
 * run ends with one worker idle while the other finishes it. Without a results cache (a fresh clone, CI) vitest
 * orders files by size, which started the load and crash tests among the last. Files not named keep vitest's order.
 */
const LONGEST_FIRST = [
  'test/hardening/load.test.ts',
  'test/e2e/a11y.test.ts',
  'test/functions/crash.test.ts',
  'test/infra/app-checks.test.ts',
  'test/functions/workflow.test.ts',
  'test/e2e/staff.test.ts',
  'test/infra/bundling.test.ts',
  'test/infra/workflows.test.ts',
  'test/functions/emulators.test.ts',
  'test/functions/contract/contract-pdf.test.ts',
  'test/functions/event-chain.test.ts',
  'test/functions/contract-flow.test.ts',
];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const base = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = LONGEST_FIRST.findIndex((path) => f.moduleId.endsWith(path));
      return i < 0 ? LONGEST_FIRST.length : i;
    };
    return base.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map(({ f }) => f);
  }
}

/**
 * Suites that run in the test process only (pure shared/ code, the in-memory app, files in a temp dir): no emulator,
 * no child process, no browser, no module patched. They run one after another in a worker with one module cache:
 * isolated, each re-imported the AWS SDK, Hono, the ASL interpreter and the registry data set in a fresh process
 * (measured on 22 of them: 98.8 → 58.6 s CPU, import 41.5 → 13.1 s, all green). Every other file, and any new one
 * until it is listed here, runs isolated with the emulators.
 */
const IN_PROCESS = [
  'test/shared/**/*.test.ts',
  'test/core/**/*.test.ts',
  'test/architecture/**/*.test.ts',
  'test/functions/contract/**/*.test.ts',
  ...['accounts', 'api', 'aws-notifier', 'enterprises', 'gateway-registry', 'loans', 'memory-auth', 'openapi', 's3-repair',
    'staff-casework', 'staff', 'target-lists', 'verified-party'].map((name) => `test/functions/${name}.test.ts`),
  'test/hardening/access-matrix.test.ts',
  'test/hardening/fuzz.test.ts',
  'test/infra/workflows.test.ts',
];

/**
 * Suites on the run's emulators that leave nothing behind in the process (each starts its own stack on its own table
 * and stops it): they share one module cache per worker, so each file does not re-import the AWS SDK, Hono and the
 * app. Files that spawn processes, patch modules or run a browser stay isolated.
 */
const EMULATORS_SHARED = [
  ...['accounts-emulators', 'api-emulators', 'application-edit', 'bank-config-emulators', 'bank-config-port', 'bank-config',
    'clock-offset', 'cognito-auth', 'contract-text', 'enterprise-store', 'event-chain', 'lead-invitation',
    'lead-store-ports', 'leaks', 'loan-ports', 'loans-emulators', 'loan-restructure', 'monitoring-fresh-data', 'port-contract', 'post-loan-monitoring',
    'status-notices', 'verified-facts', 'contract-flow'].map((name) => `test/functions/${name}.test.ts`),
  'test/infra/accounts.test.ts',
  'test/infra/wave2.test.ts',
];

export default defineConfig({
  test: {
    // Budgets for a slow, shared machine: a test that fails only because the box is busy is a broken test.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // vitest's default is cores − 1, which on CI's two cores runs one file at a time; most suites wait on the
    // emulators and Chromium rather than compute, so two files side by side halve the wall time.
    maxWorkers: 2,
    sequence: { sequencer: LongestFirst },
    projects: [
      { extends: true, test: { name: 'in-process', include: IN_PROCESS, isolate: false } },
      { extends: true, test: { name: 'emulators-shared', include: EMULATORS_SHARED, isolate: false, globalSetup: ['test/global-setup.ts'] } },
      {
        extends: true,
        test: {
          name: 'isolated', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, ...IN_PROCESS, ...EMULATORS_SHARED], globalSetup: ['test/global-setup.ts'],
        },
      },
    ],
  },
});
