/**
 * Test harness on the in-memory adapters: the Hono app of functions/api/app.ts, wired by the same composition
 * root with ADAPTERS=memory, workflows on the real ASL interpreter, called with app.request(). No emulator,
 * no port, no Java: for use-case and API-behaviour suites. Same Api as local-stack.ts, so a suite switches by
 * its import. Presigned storage URLs are answered by the memory storage itself: fetch() to its origin is routed
 * to it for the file's lifetime.
 */
import { afterAll, beforeAll } from 'vitest';
import { BRANCHES } from '../../shared/divisions.js';
import { warmUp } from '../../shared/decision.js';
import { MEMORY_STORAGE_ORIGIN } from '../../functions/adapters/memory/document-storage.js';
import { LocalWorkflowRunner } from '../../functions/local/workflow-runner.js';
import { createApp } from '../../functions/api/app.js';
import { errorJson } from '../../functions/api/http.js';
import { loadConfig } from '../../functions/config.js';
import { DEMO_PASSWORD, demoAccounts, demoConfigSeed } from '../../functions/local/demo-accounts.js';
import { seedDemoEnterprises } from '../../functions/local/demo-enterprises.js';
import { wireMemory } from '../../functions/memory-wiring.js';
import { apiClient, type Api } from './api.js';

export * from './api.js';

export function useMemoryApp(opts: { faultRate?: number } = {}): Api {
  const api = {} as Api;
  const realFetch = globalThis.fetch;
  beforeAll(async () => {
    const config = loadConfig({ ADAPTERS: 'memory', STAGE: 'local', FAULT_TASK_FAILURE_RATE: String(opts.faultRate ?? 0) });
    warmUp();
    const accounts = demoAccounts(BRANCHES.map((b) => b.code));
    const localRunner = new LocalWorkflowRunner({ faultRate: config.FAULT_TASK_FAILURE_RATE });
    const wired = wireMemory(config, { localRunner, configSeed: demoConfigSeed(), users: accounts.map((a) => ({ username: a.username, groups: a.groups, password: DEMO_PASSWORD })) });
    await Promise.all(accounts.filter((a) => a.groups.some((g) => g !== 'applicant')).map((a) =>
      wired.deps.staff.putStaff({ username: a.username, branch: a.branch ?? null, roles: a.groups })));
    // As the local stack seeds them: each demo applicant owns one verified enterprise.
    await seedDemoEnterprises(wired.deps);
    const app = createApp({ deps: wired.deps, ping: wired.ping, connectSources: [MEMORY_STORAGE_ORIGIN] });
    // As the local stack serves it (functions/local/stack.ts): paths no route matches still answer in the error shape.
    app.notFound((c) => c.json(errorJson(c, { code: 'not-found', message: `Nothing at ${c.req.path}.`, status: 404 }), 404));
    api.stack = { wired: { ...wired, localRunner } };
    api.fetch = async (path, init) => app.request(path, init);

    const storages = [wired.memory!.documentsStorage, wired.memory!.contractsStorage];
    globalThis.fetch = async (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (!url.startsWith(`${MEMORY_STORAGE_ORIGIN}/`)) return realFetch(input, init);
      const request = new Request(input, init);
      for (const storage of storages) {
        const res = await storage.handle(request);
        if (res) return res;
      }
      return new Response('<Error><Code>NoSuchBucket</Code></Error>', { status: 404, headers: { 'content-type': 'application/xml' } });
    };
  });
  afterAll(async () => {
    globalThis.fetch = realFetch;
    await api.stack?.wired.localRunner.idle();
  });
  Object.assign(api, apiClient(api));
  return api;
}
