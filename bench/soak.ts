/**
 * `npm run soak`: steady load on a fresh loopback stack for SOAK_MINUTES (default 10) at SOAK_RATE applications
 * a minute (default 60), to show what a burst cannot: latency and memory that drift over time.
 * Every 10 s a batch of RATE/6 enterprises applies (the burst of bench/support/burst.ts: duplicate creates and
 * submits, three documents each). Per ten: seven strong (approved automatically), two weak (declined
 * automatically), one asking ¥2,000,000 (referred to people). Head office reads the queue and an application,
 * and an applicant polls its list, every 2 s in between. At most MAX_BATCHES batches run at once: when the stack
 * falls behind, arrivals wait rather than pile up, and the lag is printed.
 * One line per minute, then the totals, a check that every submitted application reached exactly one decision
 * (read from its events), and the memory trend.
 * Exits 1 on a lost, stuck or duplicated application or any 5xx; a memory trend only warns.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensureCognito } from '../functions/local/cognito-setup.js';
import { DEMO_PASSWORD } from '../functions/local/demo-accounts.js';
import { startLocalStack } from '../functions/local/stack.js';
import { burstApplications, cachedSignIn, loadApplicants, percentiles, runBurst } from './support/burst.js';
import { memoryOf, stackChildren } from './proc-memory.js';

const minutes = Number(process.env.SOAK_MINUTES ?? 10);
const rate = Number(process.env.SOAK_RATE ?? 60);
if (!(minutes > 0 && minutes <= 24 * 60)) throw new RangeError('SOAK_MINUTES is a number of minutes from 0 to 1440.');
if (!Number.isInteger(rate) || rate < 6 || rate > 600) throw new RangeError('SOAK_RATE is a whole number of applications a minute, 6 to 600.');

const BATCH_EVERY_MS = 10_000;
const perBatch = Math.round(rate / 6);
/** Three batches in flight is 30 s of arrivals at any rate; beyond that the stack is not keeping up. */
const MAX_BATCHES = 3;
/**
 * Sustained growth above this is a leak, not settling: the stack idles at ~0.7 GiB against a 1.5 GiB goal, and
 * 2 MiB a minute would eat that headroom in about six hours, less than a working day's uptime. Below it, a run of
 * minutes cannot tell growth from GC and JIT noise anyway.
 */
const LEAK_MIB_PER_MIN = 2;
const MIB = 1024 * 1024;
const SHORT: Record<string, string> = {
  'DynamoDB Local (java)': 'ddb',
  'cognito-local (node)': 'cognito',
  'emulator supervisor (node)': 'supervisor',
};

/** Per-minute buckets, filled by the minute each thing happens in. */
interface Minute { latencies: number[]; s2d: number[]; errors: string[] }
const rows: Minute[] = [];
/** The soak's start, once the stack is up and everyone is signed in. */
let t0 = performance.now();
const minuteNow = () => {
  const m = Math.floor((performance.now() - t0) / 60_000);
  while (rows.length <= m) rows.push({ latencies: [], s2d: [], errors: [] });
  return rows[m]!;
};
const counts = { created: 0, submitted: 0, decided: 0 };
const outcomes: Record<string, number> = {};
const ids = new Set<string>();
/** Submitted applications, the ones head office may read (a draft is 404 to staff). */
const submitted: string[] = [];

/** RSS of this process (API, workflow, s3rver and the load client) and of each emulator, in bytes. */
const memoryParts = () => {
  const usage = process.memoryUsage();
  // The JS heap in use apart from the RSS: growth there is retained objects, growth only in RSS is the allocator.
  const parts = new Map([['node', usage.rss], ['node heap used', usage.heapUsed]]);
  for (const c of stackChildren()) parts.set(SHORT[c.label] ?? c.label, memoryOf(c.pid)?.rss ?? 0);
  return parts;
};
const sum = (parts: Map<string, number>) => [...parts].reduce((a, [k, v]) => (k === 'node heap used' ? a : a + v), 0);
const memory: { t: number; parts: Map<string, number> }[] = [];
const sample = () => { const parts = memoryParts(); memory.push({ t: (performance.now() - t0) / 60_000, parts }); return parts; };

const dataDir = await mkdtemp(join(tmpdir(), 'kedai-soak-'));
const stack = await startLocalStack({ port: 0, dataDir, tableName: 'kedai-soak' });
let sampler: NodeJS.Timeout | undefined;
let failed = true;
try {
  if (new URL(stack.url).hostname !== 'localhost') throw new Error(`refusing to load anything but loopback: ${stack.url}`);
  const applicants = loadApplicants(20);
  await ensureCognito({ endpoint: stack.endpoints.cognito, users: applicants.map((username) => ({ username, groups: ['applicant'], password: DEMO_PASSWORD })) });
  const token = cachedSignIn(stack.url, DEMO_PASSWORD);
  await Promise.all([...applicants, 'hq@demo.kedai'].map(token));
  t0 = performance.now();
  sample();
  sampler = setInterval(sample, 10_000);
  console.log(`soak: ${minutes} min at ${rate} applications/min (${perBatch} every ${BATCH_EVERY_MS / 1000} s, at most ${MAX_BATCHES} batches at once), ${applicants.length} applicant accounts, ${stack.url}`);
  console.log('latency in ms; created/submitted/decided are totals so far; RSS in MiB (node = API, workflow, s3rver and this load client)');
  console.log('min  created submitted decided  errors    API p50/p95/p99     submit→decision p50/p95  RSS');

  // Staff and applicants read while others apply: the queue of all branches, one application, one applicant's list.
  const reads = async () => {
    const known = submitted;
    const reads: [string, string, string][] = [
      ['GET /api/staff/queue', 'hq@demo.kedai', '/api/staff/queue'],
      ['GET /api/applications', applicants[0]!, '/api/applications'],
    ];
    if (known.length) reads.push(['GET /api/applications/{id}', 'hq@demo.kedai', `/api/applications/${known[Math.floor(Math.random() * known.length)]}`]);
    await Promise.all(reads.map(async ([label, user, path]) => {
      try {
        const started = performance.now();
        const res = await fetch(`${stack.url}${path}`, { headers: { authorization: `Bearer ${await token(user)}` } });
        await res.arrayBuffer();
        const row = minuteNow();
        row.latencies.push(performance.now() - started);
        if (res.status !== 200) row.errors.push(`${label}: ${res.status}`);
      } catch (err) {
        minuteNow().errors.push(`${label}: ${(err as Error).message}`);
      }
    }));
  };
  const readers: Promise<void>[] = [];
  const reader = setInterval(() => readers.push(reads()), 2_000);

  const until = t0 + minutes * 60_000;
  const running = new Set<Promise<void>>();
  const undecided: string[] = [];
  let batchNo = 0;
  let printed = 0;
  let maxLagMs = 0;
  let next = t0;
  while (next < until) {
    const wait = next - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (running.size >= MAX_BATCHES) await Promise.race(running);
    maxLagMs = Math.max(maxLagMs, performance.now() - next);
    const seed = 1_000 + batchNo++;
    // Verification is the applicant's work before the form, so it is outside the batch's timed requests.
    const inputs = await burstApplications({ baseUrl: stack.url, token }, applicants, perBatch, (i) => i % 10 === 3 || i % 10 === 6);
    const batch = runBurst({ baseUrl: stack.url, token }, {
      enterprises: inputs.length, inputs, applicants, seed, decisionTimeoutMs: 120_000,
      onCall: (_, ms) => minuteNow().latencies.push(ms),
      onCreated: (id) => { counts.created++; ids.add(id); },
      onSubmitted: (id) => { counts.submitted++; submitted.push(id); },
      onDecided: (_, outcome, ms) => { counts.decided++; outcomes[outcome] = (outcomes[outcome] ?? 0) + 1; minuteNow().s2d.push(ms); },
    }).then((r) => {
      minuteNow().errors.push(...r.errors);
      undecided.push(...r.undecided);
    }, (err) => { minuteNow().errors.push(`batch: ${(err as Error).message}`); });
    running.add(batch);
    void batch.finally(() => running.delete(batch));
    next += BATCH_EVERY_MS;
    // Print each minute once it is over.
    while (printed < Math.floor((performance.now() - t0) / 60_000)) printMinute(printed++);
  }
  clearInterval(reader);
  await Promise.all([...running, ...readers]);
  // The trend covers the load, not the checks below.
  clearInterval(sampler);
  sample();
  while (printed < rows.length) printMinute(printed++);

  // Runs finish (and clear their in-flight markers) a moment after the decision a poll saw.
  await stack.wired.localRunner!.idle();

  // Every application, read by head office: exactly one submitted and one decision event, none left submitted.
  const hq = await token('hq@demo.kedai');
  const problems: string[] = [];
  const all = [...ids];
  for (let i = 0; i < all.length; i += 20) {
    await Promise.all(all.slice(i, i + 20).map(async (id) => {
      const res = await fetch(`${stack.url}/api/applications/${id}`, { headers: { authorization: `Bearer ${hq}` } });
      if (res.status !== 200) { problems.push(`${id}: read ${res.status}`); return; }
      const app = await res.json() as { status: string; events: { type: string }[] };
      const decisions = app.events.filter((e) => e.type.startsWith('decision-')).length;
      const submits = app.events.filter((e) => e.type === 'submitted').length;
      if (decisions !== 1 || submits !== 1 || app.status === 'submitted') problems.push(`${id}: status ${app.status}, ${submits} submitted, ${decisions} decision events`);
    }));
  }
  const inflight = await stack.wired.deps.applications.listInflight();
  const allErrors = rows.flatMap((m) => m.errors);
  const serverErrors = allErrors.filter((e) => /: 5\d\d\b/.test(e));
  const api = percentiles(rows.flatMap((m) => m.latencies));
  const s2d = percentiles(rows.flatMap((m) => m.s2d));
  console.log(`\ntotal: ${counts.created} created, ${counts.submitted} submitted, ${counts.decided} decided in ${minutes} min; outcomes ${JSON.stringify(outcomes)}`);
  console.log(`  API p50/p95/p99 ${api.p50.toFixed(0)}/${api.p95.toFixed(0)}/${api.p99.toFixed(0)} ms over ${api.n} calls; submit→decision p50/p95 ${s2d.p50.toFixed(0)}/${s2d.p95.toFixed(0)} ms, max ${s2d.max.toFixed(0)} ms`);
  console.log(`  arrivals: ${batchNo} batches, at most ${(maxLagMs / 1000).toFixed(1)} s behind schedule`);
  for (const e of allErrors.slice(0, 5)) console.log(`  error: ${e}`);
  const check = (ok: boolean, what: string, detail: string) => console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}: ${detail}`);
  check(allErrors.length === 0, 'zero errors', `${allErrors.length} (${serverErrors.length} 5xx)`);
  check(undecided.length === 0 && inflight.length === 0 && counts.decided === counts.submitted,
    'zero stuck', `${undecided.length} without a decision after 120 s, ${inflight.length} still in flight, ${counts.decided}/${counts.submitted} submitted decided`);
  check(problems.length === 0 && counts.submitted === counts.created, 'exactly once',
    problems.length ? `${problems.length} applications without exactly one submitted and one decision event` : `all ${all.length} have one submitted and one decision event`);
  for (const p of problems.slice(0, 5)) console.log(`    ${p}`);

  memoryTrend();
  failed = problems.length > 0 || serverErrors.length > 0 || undecided.length > 0 || inflight.length > 0 || counts.decided < counts.submitted;
} finally {
  clearInterval(sampler);
  await stack.stop();
  await rm(dataDir, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;

function printMinute(m: number) {
  const row = rows[m] ?? { latencies: [], s2d: [], errors: [] };
  const api = percentiles(row.latencies);
  const s2d = percentiles(row.s2d);
  const byStatus = new Map<string, number>();
  for (const e of row.errors) { const code = /: (\d{3})\b/.exec(e)?.[1] ?? 'other'; byStatus.set(code, (byStatus.get(code) ?? 0) + 1); }
  const errors = byStatus.size ? [...byStatus].map(([c, n]) => `${c}×${n}`).join(' ') : '0';
  const parts = memoryParts();
  const rss = [...parts].filter(([k]) => k !== 'node heap used').map(([k, v]) => `${k} ${(v / MIB).toFixed(0)}`).join(' + ') + ` = ${(sum(parts) / MIB).toFixed(0)}`;
  console.log(`${String(m + 1).padStart(3)}  ${String(counts.created).padStart(7)} ${String(counts.submitted).padStart(9)} ${String(counts.decided).padStart(7)}  ${errors.padEnd(8)}  ` +
    `${api.p50.toFixed(0)}/${api.p95.toFixed(0)}/${api.p99.toFixed(0)}`.padEnd(20) + `${s2d.p50.toFixed(0)}/${s2d.p95.toFixed(0)}`.padEnd(25) + rss);
}

/** Least squares of total RSS against time over the last two thirds, after JIT, JVM heap and caches settle. */
function memoryTrend() {
  const tail = memory.slice(Math.floor(memory.length / 3));
  const first = memory[0]!.parts;
  const last = memory.at(-1)!.parts;
  const peak = Math.max(...memory.map((p) => sum(p.parts))) / MIB;
  console.log(`  memory: total RSS ${(sum(first) / MIB).toFixed(0)} → ${(sum(last) / MIB).toFixed(0)} MiB, peak ${peak.toFixed(0)} MiB`);
  if (tail.length < 6) { console.log('  memory trend: run too short (needs a minute of samples after the first third)'); return; }
  const fit = (ys: number[]) => {
    const xs = tail.map((p) => p.t);
    const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
    const my = ys.reduce((a, b) => a + b, 0) / ys.length;
    const sxx = xs.reduce((s, x) => s + (x - mx) ** 2, 0);
    const slope = xs.reduce((s, x, i) => s + (x - mx) * (ys[i]! - my), 0) / sxx;
    const residual = xs.reduce((s, x, i) => s + (ys[i]! - my - slope * (x - mx)) ** 2, 0);
    return { slope: slope / MIB, se: Math.sqrt(residual / (xs.length - 2) / sxx) / MIB };
  };
  const total = fit(tail.map((p) => sum(p.parts)));
  // Growth must clear the threshold and be told apart from GC saw-teeth: more than twice its standard error above zero.
  const verdict = total.slope <= LEAK_MIB_PER_MIN ? `ok, flat (within ${LEAK_MIB_PER_MIN} MiB/min)`
    : total.slope - 2 * total.se > 0 ? `WARNING: growing faster than ${LEAK_MIB_PER_MIN} MiB/min, looks like a leak`
      : `inconclusive: above ${LEAK_MIB_PER_MIN} MiB/min but within the noise, run longer`;
  console.log(`  memory trend over the last two thirds: ${total.slope >= 0 ? '+' : ''}${total.slope.toFixed(1)} ± ${total.se.toFixed(1)} MiB/min — ${verdict}`);
  // Per process; the node line's heap is inside its RSS, so it is not in the total.
  for (const [label] of last) {
    const p = fit(tail.map((s) => s.parts.get(label) ?? 0));
    console.log(`    ${label.padEnd(15)} ${((tail[0]!.parts.get(label) ?? 0) / MIB).toFixed(0)} → ${((last.get(label) ?? 0) / MIB).toFixed(0)} MiB, ${p.slope >= 0 ? '+' : ''}${p.slope.toFixed(1)} MiB/min`);
  }
}
