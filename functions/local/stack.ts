/**
 * The whole portal on one machine: emulators on loopback, the same adapters as in Lambda with endpoint
 * overrides, the ASL workflow in-process, and the API plus the built SPA on one origin.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { compress } from 'hono/compress';
import { warmUp } from '../../shared/decision.js';
import { BRANCHES } from '../../shared/divisions.js';
import { DynamoNegativeList } from '../adapters/dynamodb/bank-config.js';
import { demoNegativeListEntries } from '../adapters/negative-list/local-negative-list.js';
import { LocalRegistry } from '../adapters/registry/local-registry.js';
import { createApp } from '../api/app.js';
import { errorBody, errorJson } from '../api/http.js';
import { loadConfig } from '../config.js';
import { ensureTable } from '../adapters/dynamodb/table.js';
import { prepareContractPdf } from '../adapters/pdf/contract-pdf.js';
import { LocalWorkflowRunner } from './workflow-runner.js';
import { runDay } from '../core/use-cases/dev-clock.js';
import { escalateOverdue } from '../core/use-cases/staff-casework.js';
import { wire, type Wired } from '../wiring.js';
import { ensureCognito } from './cognito-setup.js';
import { DEMO_PASSWORD, demoAccounts, demoConfigSeed } from './demo-accounts.js';
import { seedDemoEnterprises } from './demo-enterprises.js';
import { clockOffsetFile, persistClockOffset } from './clock-offset.js';
import { startEmulators, type EmulatorEndpoints, type Emulators } from './emulators.js';
import { inlineStyleSources } from './web-build.js';

export const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));
const REDRIVE_EVERY_MS = 15_000;
const MONITOR_EVERY_MS = 6 * 3600_000;

export interface LocalStackOptions {
  port?: number;
  dataDir?: string;
  /** Reuse running emulators (tests); otherwise they are started under dataDir. */
  endpoints?: EmulatorEndpoints;
  /**
   * Emulators already starting under dataDir, which this stack then owns (stops with it): a caller that starts them
   * before importing this module lets the JVM boot while the app's modules load.
   */
  emulators?: Promise<Emulators>;
  cognito?: { userPoolId: string; clientId: string };
  /** Isolates one test file's data from another's on shared emulators. */
  tableName?: string;
  faultRate?: number;
  /** Keep the clock's offset across restarts under dataDir/clock/; by default when the stack starts its own emulators (npm start). */
  persistClock?: boolean;
  log?: (line: string) => void;
}

export interface LocalStack {
  url: string;
  port: number;
  wired: Wired & { localRunner: LocalWorkflowRunner };
  endpoints: EmulatorEndpoints;
  /** The demo applicants' verified enterprises. */
  demoEnterprises: { username: string; creditCode: string; name: string }[];
  stop(): Promise<void>;
}

export async function startLocalStack(opts: LocalStackOptions = {}): Promise<LocalStack> {
  const log = opts.log ?? (() => {});
  const dataDir = opts.dataDir ?? fileURLToPath(new URL('../../.data', import.meta.url));
  await mkdir(dataDir, { recursive: true });

  process.env.AWS_ACCESS_KEY_ID ??= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'local';

  const emulators = opts.endpoints ? null : await (opts.emulators ?? startEmulators({ dataDir, log }));
  const endpoints = opts.endpoints ?? emulators!.endpoints;
  try {
    const accounts = demoAccounts(BRANCHES.map((b) => b.code));
    const cognito = opts.cognito ?? await ensureCognito({
      endpoint: endpoints.cognito,
      users: accounts.map((a) => ({ username: a.username, groups: a.groups, password: DEMO_PASSWORD })),
    });

    const config = loadConfig({
      STAGE: 'local',
      AWS_REGION: 'cn-north-1',
      TABLE_NAME: opts.tableName ?? 'kedai-local',
      DOCUMENTS_BUCKET: 'kedai-documents',
      CONTRACTS_BUCKET: 'kedai-contracts',
      USER_POOL_ID: cognito.userPoolId,
      USER_POOL_CLIENT_ID: cognito.clientId,
      DYNAMODB_ENDPOINT: endpoints.dynamodb,
      S3_ENDPOINT: endpoints.s3,
      COGNITO_ENDPOINT: endpoints.cognito,
      DATA_DIR: dataDir,
      FAULT_TASK_FAILURE_RATE: String(opts.faultRate ?? process.env.FAULT_TASK_FAILURE_RATE ?? 0),
    });
    // Industry statistics for percentiles are built once; do it now, not in the first applicant's decision.
    warmUp();
    const localRunner = new LocalWorkflowRunner({ faultRate: config.FAULT_TASK_FAILURE_RATE, log });
    const wired = wire(config, { localRunner, configSeed: demoConfigSeed() });
    if (opts.persistClock ?? !opts.endpoints) {
      const restored = persistClockOffset(wired.deps.clock, clockOffsetFile(dataDir, config.TABLE_NAME));
      if (restored) log(`clock restored ${Math.round(restored / 86_400_000)} day(s) ahead of real time: ${wired.deps.clock.now().toISOString()}`);
    }
    const { aws } = wired;
    await Promise.all([ensureTable(aws!.dynamodb, aws!.table), aws!.documentsStorage.ensureBucket(), aws!.contractsStorage.ensureBucket()]);
    // The bank configuration's version 1 and the demo negative list, written once; later starts keep head office's changes.
    await Promise.all([
      wired.deps.bankConfig.versions(),
      new DynamoNegativeList(aws!.dynamodb, aws!.table, wired.deps.clock).seedOnce(demoNegativeListEntries(undefined, wired.deps.registry instanceof LocalRegistry ? wired.deps.registry.negativeListed() : [])),
    ]);
    // Staff directory: which branch each demo staff member works at.
    await Promise.all(accounts.filter((a) => a.groups.some((g) => g !== 'applicant')).map((a) =>
      wired.deps.staff.putStaff({ username: a.username, branch: a.branch ?? null, roles: a.groups })));
    const demoEnterprises = await seedDemoEnterprises(wired.deps);

    const app = createApp({ deps: wired.deps, ping: wired.ping, connectSources: [endpoints.s3], styleSources: () => inlineStyleSources(WEB_DIST) });
    if (existsSync(WEB_DIST)) {
      // The SPA gzipped as CloudFront serves it, so local page-speed figures match AWS; the API stays as it is.
      const gzip = compress();
      app.use('/*', (c, next) => (c.req.path.startsWith('/api/') ? next() : gzip(c, next)));
      app.use('/*', serveStatic({ root: WEB_DIST }));
      // SPA fallback: client-side routes get the bare shell (app.html; index.html is the prerendered front page), read per request so a rebuild never serves stale asset names;
      // unknown API paths keep their JSON 404.
      app.get('*', (c) => (c.req.path.startsWith('/api/')
        ? c.json(errorJson(c, { code: 'not-found', message: `No API route ${c.req.path}.`, status: 404 }), 404)
        : c.html(readFileSync(`${WEB_DIST}/${existsSync(`${WEB_DIST}/app.html`) ? 'app' : 'index'}.html`, 'utf8'))));
    }
    app.notFound((c) => c.json(errorJson(c, { code: 'not-found', message: `Nothing at ${c.req.path}.`, status: 404 }), 404));

    const server = serve({ fetch: app.fetch, port: opts.port ?? 8080, hostname: '127.0.0.1' });
    // Requests Node refuses before Hono sees them (oversized headers, malformed HTTP) still get the §6 error shape.
    server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
      if (!socket.writable) return socket.destroy();
      const [status, code, message] = err.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'headers-too-large', 'The request headers are too large; send fewer or shorter headers.']
        : [400, 'bad-request', 'The request is not valid HTTP.'];
      const body = JSON.stringify(errorBody(code, message));
      socket.end(`HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\nContent-Type: application/json; charset=UTF-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('listening', () => resolve());
      server.once('error', reject);
    });
    const port = (server.address() as AddressInfo).port;

    // In the background, so readiness does not wait: the first contract opened then skips the font and wasm set-up.
    void prepareContractPdf().catch((err) => log(`contract PDF warm-up failed: ${err.message}`));
    const runner = localRunner;
    const redriven = await runner.redrive();
    if (redriven) log(`re-driving ${redriven} application(s) that were in flight when the stack last stopped`);
    let ticks = 0;
    const timer = setInterval(() => {
      runner.redrive().catch((err) => log(`redrive failed: ${err.message}`));
      if (++ticks % 4 === 0) escalateOverdue(wired.deps).catch((err) => log(`SLA escalation failed: ${err.message}`));
    }, REDRIVE_EVERY_MS);
    timer.unref();
    // The daily servicing run and post-loan job of AWS, here every six hours: a day already serviced changes nothing,
    // loans not yet due under their cadence are skipped. POST /api/dev/clock runs the same for days moved forward.
    const monitor = () => runDay(wired.deps).then(
      (r) => { if (r.debits || r.monitoring.checked) log(`daily run ${r.date}: ${r.debits} debit(s), ${r.reclassified} reclassified, ${r.monitoring.checked} checked, ${r.monitoring.warnings} warning(s)`); },
      (err) => log(`daily run failed: ${err.message}`));
    const monitorTimer = setInterval(monitor, MONITOR_EVERY_MS);
    monitorTimer.unref();

    return {
      url: `http://localhost:${port}`,
      port,
      wired: { ...wired, localRunner },
      endpoints,
      demoEnterprises,
      async stop() {
        clearInterval(timer);
        clearInterval(monitorTimer);
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await runner.idle();
        await emulators?.stop();
      },
    };
  } catch (err) {
    await emulators?.stop();
    throw err;
  }
}
