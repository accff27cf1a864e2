/**
 * The pressure test as a benchmark: a fresh local stack (its own emulators, on loopback only), 100 enterprises
 * applying at once (one account each, duplicate creates and submits included), then figures:
 *  - API latency p50/p95/p99 per route, and submit-to-decision p50/p95, over HTTP;
 *  - peak resident memory: this process (API, workflow, s3rver) and each emulator child (DynamoDB Local's
 *    JVM, cognito-local), read from /proc, plus the peak of their sum sampled every 200 ms.
 * `LOAD_ENTERPRISES` changes the count (1–500). Run: `npx tsx bench/load.ts`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCognito } from '../functions/local/cognito-setup.js';
import { DEMO_PASSWORD } from '../functions/local/demo-accounts.js';
import { startLocalStack } from '../functions/local/stack.js';
import { cachedSignIn, loadApplicants, percentiles, runBurst } from './support/burst.js';
import { memoryOf, stackChildren, totalRss } from './proc-memory.js';

const enterprises = Number(process.env.LOAD_ENTERPRISES ?? 100);
if (!Number.isInteger(enterprises) || enterprises < 1 || enterprises > 500) throw new RangeError('LOAD_ENTERPRISES is a whole number from 1 to 500.');

const MIB = 1024 * 1024;
const mib = (bytes: number) => `${(bytes / MIB).toFixed(0)} MiB`;

const dataDir = await mkdtemp(join(tmpdir(), 'kedai-load-'));
const stack = await startLocalStack({ port: 0, dataDir, tableName: 'kedai-load' });
let peakTotal = 0;
const sampler = setInterval(() => {
  peakTotal = Math.max(peakTotal, totalRss());
}, 200);
try {
  if (new URL(stack.url).hostname !== 'localhost') throw new Error(`refusing to load anything but loopback: ${stack.url}`);
  const applicants = loadApplicants(enterprises);
  await ensureCognito({ endpoint: stack.endpoints.cognito, users: applicants.map((username) => ({ username, groups: ['applicant'], password: DEMO_PASSWORD })) });

  const token = cachedSignIn(stack.url, DEMO_PASSWORD);
  // Sign-in is not part of the burst: a real applicant signs in minutes before submitting.
  for (let i = 0; i < applicants.length; i += 10) await Promise.all(applicants.slice(i, i + 10).map(token));

  // Unloaded baseline (and JIT warm-up): five enterprises one after another, on an account outside the burst.
  const solo: Map<string, number[]> = new Map();
  const soloDecisions: number[] = [];
  for (let i = 0; i < 5; i++) {
    const r = await runBurst({ baseUrl: stack.url, token }, { enterprises: 1, applicants: ['applicant@demo.kedai'], seed: 7 + i });
    for (const [label, xs] of r.latencies) solo.set(label, [...(solo.get(label) ?? []), ...xs]);
    soloDecisions.push(...r.submitToDecision);
  }

  const result = await runBurst({ baseUrl: stack.url, token }, { enterprises, applicants, decisionTimeoutMs: 120_000 });
  await stack.wired.localRunner!.idle();

  const fmt = (xs: number[]) => { const p = percentiles(xs); return `n=${p.n} p50 ${p.p50.toFixed(0)} ms, p95 ${p.p95.toFixed(0)} ms, p99 ${p.p99.toFixed(0)} ms, max ${p.max.toFixed(0)} ms`; };
  console.log('unloaded baseline, one enterprise at a time (5 runs):');
  for (const [label, xs] of solo) console.log(`  ${label.padEnd(28)} p50 ${percentiles(xs).p50.toFixed(0)} ms`);
  console.log(`  ${'submit-to-decision'.padEnd(28)} p50 ${percentiles(soloDecisions).p50.toFixed(0)} ms`);
  console.log(`${enterprises} enterprises at once: ${result.ids.length} applications, ${result.errors.length} errors, ${result.undecided.length} undecided, outcomes ${JSON.stringify(result.outcomes)}, ${(result.wallMs / 1000).toFixed(1)} s from first create to last decision`);
  for (const e of result.errors.slice(0, 5)) console.log(`  error: ${e}`);
  console.log('API latency per route (HTTP on loopback, all enterprises concurrent):');
  for (const [label, xs] of result.latencies) console.log(`  ${label.padEnd(28)} ${fmt(xs)}`);
  const s2d = percentiles(result.submitToDecision);
  console.log(`submit-to-decision (polled every ~200 ms): p50 ${s2d.p50.toFixed(0)} ms, p95 ${s2d.p95.toFixed(0)} ms, max ${s2d.max.toFixed(0)} ms`);

  console.log('peak resident memory:');
  console.log(`  this process (API, workflow, s3rver): ${mib(process.resourceUsage().maxRSS * 1024)}`);
  let sumOfPeaks = process.resourceUsage().maxRSS * 1024;
  for (const p of stackChildren()) {
    const m = memoryOf(p.pid);
    if (!m) continue;
    sumOfPeaks += m.peak;
    console.log(`  ${p.label} (pid ${p.pid}): ${mib(m.peak)}`);
  }
  console.log(`  everything together: peak of the sum ${mib(peakTotal)} (sampled), sum of the peaks ${mib(sumOfPeaks)}`);
  process.exitCode = result.errors.length || result.undecided.length ? 1 : 0;
} finally {
  clearInterval(sampler);
  await stack.stop();
  await rm(dataDir, { recursive: true, force: true });
}
