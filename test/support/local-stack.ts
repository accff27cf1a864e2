/**
 * Test harness: a local stack on the run's shared emulators (see test/global-setup.ts), with its own table.
 * For suites that test the real adapters and the end-to-end paths; use-case and API behaviour runs on
 * memory-app.ts, which offers the same Api.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, inject } from 'vitest';
import { startLocalStack, type LocalStack } from '../../functions/local/stack.js';
import { apiClient, type Api } from './api.js';

export * from './api.js';

export interface StackApi extends Api {
  stack: LocalStack;
}

export function useLocalStack(opts: { faultRate?: number } = {}): StackApi {
  const api = {} as StackApi;
  beforeAll(async () => {
    api.stack = await startLocalStack({
      port: 0,
      endpoints: inject('endpoints'),
      cognito: inject('cognito'),
      tableName: `kedai-test-${randomUUID().slice(0, 8)}`,
      faultRate: opts.faultRate,
    });
  });
  afterAll(async () => { await api.stack?.stop(); });
  api.fetch = (path, init) => fetch(`${api.stack.url}${path}`, init);
  Object.assign(api, apiClient(api));
  return api;
}
