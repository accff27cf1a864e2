/**
 * vitest globalSetup: the local emulators (DynamoDB Local in memory, s3rver, cognito-local with the demo
 * accounts) start once per test run in a fresh temp dir; every test file reaches them through `inject`.
 */
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureCognito } from '../functions/local/cognito-setup.js';
import { DEMO_PASSWORD, demoAccounts } from '../functions/local/demo-accounts.js';
import { startEmulators, type EmulatorEndpoints } from '../functions/local/emulators.js';

declare module 'vitest' {
  export interface ProvidedContext {
    endpoints: EmulatorEndpoints;
    cognito: { userPoolId: string; clientId: string };
  }
}

/** Branch codes: each division's lowercase English name, as DESIGN.md §6 names the staff accounts. */
async function branchCodes(): Promise<string[]> {
  const csv = await readFile(new URL('../shared/data/henan-divisions.csv', import.meta.url), 'utf8');
  const [header, ...rows] = csv.trim().split(/\r?\n/);
  const nameEn = header.split(',').indexOf('name_en');
  return rows.map((row) => row.split(',')[nameEn].trim().toLowerCase());
}

interface Shared { ready: Promise<{ endpoints: EmulatorEndpoints; cognito: { userPoolId: string; clientId: string }; stop: () => Promise<void> }>; users: number }
/**
 * Two projects (isolated files, and files that share one module cache) use the same emulators: vitest runs each
 * project's global setup in its own module graph but in one process, so the first starts them and the last stops them.
 */
const shared = globalThis as typeof globalThis & { __kedaiEmulators?: Shared };

async function start() {
  // Dummy credentials: the SDK insists on some, and tests must never sign with real ones.
  process.env.AWS_ACCESS_KEY_ID = 'local';
  process.env.AWS_SECRET_ACCESS_KEY = 'local';
  process.env.AWS_REGION = 'cn-north-1';
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;

  const dataDir = await mkdtemp(join(tmpdir(), 'kedai-test-'));
  const emulators = await startEmulators({ dataDir, inMemory: true });
  const stop = async () => {
    await emulators.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const users = demoAccounts(await branchCodes()).map((a) => ({ username: a.username, groups: a.groups, password: DEMO_PASSWORD }));
    const cognito = await ensureCognito({ endpoint: emulators.endpoints.cognito, users });
    return { endpoints: emulators.endpoints, cognito, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

export default async function setup({ provide }: TestProject) {
  const run = shared.__kedaiEmulators ??= { ready: start(), users: 0 };
  run.users++;
  const { endpoints, cognito, stop } = await run.ready;
  provide('endpoints', endpoints);
  provide('cognito', cognito);
  return async () => {
    if (--run.users > 0) return;
    delete shared.__kedaiEmulators;
    await stop();
  };
}
