/**
 * Figures from the real local stack (DynamoDB Local, s3rver, cognito-local, the ASL interpreter):
 *  - submit-to-decision p50/p95 over 50 strong small applications, through the HTTP API, and the repository
 *    calls the workflow's tasks make per decision run (counted through a wrapper of the port);
 *  - staff queue query p50/p95 with 10,000 in-review applications in one branch.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { STRONG_APPLICANT } from '../shared/fixtures.js';
import type { ApplicationRecord } from '../shared/types.js';
import { startLocalStack } from '../functions/local/stack.js';
import { APPLICATION_READS, countingPort, READS } from './counting-port.js';
import { profileInput, verifyFirm } from './support/burst.js';

const PASSWORD = 'Kedai-demo-2026!';
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
const ms = (x: number) => `${x.toFixed(1)} ms`;

const dataDir = await mkdtemp(join(tmpdir(), 'kedai-bench-'));
const stack = await startLocalStack({ port: 0, dataDir, tableName: 'kedai-bench' });
try {
  const call = async (method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${stack.url}${path}`, {
      method,
      headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: await res.json() as any };
  };
  const token = (await call('POST', '/api/auth/sign-in', undefined, { username: 'applicant@demo.kedai', password: PASSWORD })).body.accessToken;
  const pdf = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');

  // The tasks get a counting repository; the API's own reads (the polling below) are not counted.
  const counted = countingPort(stack.wired.deps.applications);
  stack.wired.localRunner.bind({ ...stack.wired.deps, applications: counted.port });
  const perRun: Map<string, number>[] = [];
  const latencies: number[] = [];
  for (let i = 0; i < 50; i++) {
    const input = await profileInput(stack.url, token, await verifyFirm(stack.url, token, '410100'));
    const { body: app } = await call('POST', '/api/applications', token, input, { 'Idempotency-Key': randomUUID() });
    for (const kind of ['business-licence', 'legal-rep-id', 'bank-account']) {
      const { body: slot } = await call('POST', `/api/applications/${app.id}/documents`, token, { kind, fileName: `${kind}.pdf`, contentType: 'application/pdf', size: pdf.byteLength });
      await fetch(slot.upload.url, { method: 'PUT', headers: slot.upload.headers, body: pdf });
      await call('POST', `/api/applications/${app.id}/documents/${slot.documentId}/complete`, token);
    }
    await stack.wired.localRunner.idle();
    counted.reset();
    const started = performance.now();
    await call('POST', `/api/applications/${app.id}/submit`, token);
    for (;;) {
      const { body } = await call('GET', `/api/applications/${app.id}`, token);
      if (body.decision) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    latencies.push(performance.now() - started);
    await stack.wired.localRunner.idle();
    perRun.push(new Map(counted.counts));
  }
  const mean = (pick: (m: Map<string, number>) => number) => perRun.reduce((s, m) => s + pick(m), 0) / perRun.length;
  const total = (m: Map<string, number>, only?: Set<string>) => [...m].filter(([k]) => !only || only.has(k)).reduce((s, [, n]) => s + n, 0);
  const byMethod = [...new Set(perRun.flatMap((m) => [...m.keys()]))].sort().map((k) => `${k} ${mean((m) => m.get(k) ?? 0).toFixed(1)}`).join(', ');
  console.log(`submit-to-decision over 50 applications (HTTP, polling every 5 ms): p50 ${ms(pct(latencies, 50))}, p95 ${ms(pct(latencies, 95))}, max ${ms(Math.max(...latencies))}`);
  console.log(`  per decision run (workflow tasks): application reads ${mean((m) => total(m, APPLICATION_READS)).toFixed(1)}, all reads ${mean((m) => total(m, READS)).toFixed(1)}, repository calls ${mean((m) => total(m)).toFixed(1)} (${byMethod})`);

  // 10,000 in-review applications in one branch, written straight through the repository.
  const repo = stack.wired.deps.applications;
  const started = Date.now();
  const base = { ...STRONG_APPLICANT, ownerId: 'bench', status: 'in-review' as const, version: 1, decision: null };
  for (let i = 0; i < 10_000; i += 50) {
    await Promise.all(Array.from({ length: 50 }, (_, j) => {
      const at = new Date(started - (i + j) * 60_000).toISOString();
      const app: ApplicationRecord = { ...base, id: randomUUID(), createdAt: at, updatedAt: at, submittedAt: at, branch: { code: 'xuchang', name: 'Xuchang', nameZh: '许昌市', distanceKm: 0 } };
      return repo.create(app);
    }));
  }
  const staffToken = (await call('POST', '/api/auth/sign-in', undefined, { username: 'rm.xuchang@demo.kedai', password: PASSWORD })).body.accessToken;
  const queueTimes: number[] = [];
  let rows = 0;
  for (let i = 0; i < 40; i++) {
    const t = performance.now();
    const res = await call('GET', '/api/staff/queue?status=in-review&limit=100', staffToken);
    queueTimes.push(performance.now() - t);
    rows = res.body.length;
  }
  console.log(`staff queue, 10,000 in-review in one branch, first page of ${rows} (HTTP, 40 runs): p50 ${ms(pct(queueTimes, 50))}, p95 ${ms(pct(queueTimes, 95))}`);
} finally {
  await stack.stop();
  await rm(dataDir, { recursive: true, force: true });
}
