/**
 * `npm run soak`: steady load on a fresh loopback stack for SOAK_MINUTES (default 10) at SOAK_RATE applications
 * a minute (default 60), to show what a burst cannot: latency and memory that drift over time.
 * Every 10 s a batch of RATE/6 enterprises applies (the burst of test/hardening/burst.ts: duplicate creates and
 * submits, three documents each; one in ten asks ¥2,000,000 and goes to people), while head office reads the
 * queue and applicants poll their lists. One line per minute, then the totals, a check that every submitted
 * application was decided exactly once, and the memory trend.
 * Exits 1 on a lost, stuck or duplicated application or any 5xx; a memory trend only warns.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensureCognito } from '../functions/local/cognito-setup.js';
import { DEMO_PASSWORD } from '../functions/local/demo-accounts.js';
import { startLocalStack } from '../functions/local/stack.js';
import { cachedSignIn, loadApplicants, percentiles, runBurst } from '../test/hardening/burst.js';
import { memoryOf, stackChildren, totalRss } from './proc-memory.js';

const minutes = Number(process.env.SOAK_MINUTES ?? 10);
const rate = Number(process.env.SOAK_RATE ?? 60);
if (!(minutes > 0 && minutes <= 24 * 60)) throw new RangeError('SOAK_MINUTES is a number of minutes from 0 to 1440.');
if (!Number.isInteger(rate) || rate < 6 || rate > 600) throw new RangeError('SOAK_RATE is a whole number of applications a minute, 6 to 600.');

const BATCH_EVERY_MS = 10_000;
const perBatch = Math.round(rate / 6);
/**
 * Growth above this is a leak, not noise: at 5 MiB a minute the stack would add 7 GiB a day, while a JVM heap
 * settling and DynamoDB Local's growing data set stay well under it in a run of minutes.
 */
const LEAK_MIB_PER_MIN = 5;
const MIB = 1024 * 1024;

interface Minute { latencies: Map<string, number[]>; s2d: number[]; errors: string[]; created: number; decided: number }
const minuteRows: Minute[] = [];
const minuteOf = (t: number) => {
  const m = Math.floor(t / 60_000);
  while (minuteRows.length <= m) minuteRows.push({ latencies: new Map(), s2d: [], errors: [], created: 0, decided: 0 });
  return minuteRows[m]!;
};

const dataDir = await mkdtemp(join(tmpdir(), 'kedai-soak-'));
const stack = await startLocalStack({ port: 0, dataDir, tableName: 'kedai-soak' });
const memory: { t: number; rss: number; parts: Map<string, number> }[] = [];
const t0 = performance.now();
const sample = () => {
  const parts = new Map([['stack process (API, workflow, s3rver, load client)', process.memoryUsage().rss]]);
  for (const c of stackChildren()) parts.set(c.label, memoryOf(c.pid)?.rss ?? 0);
  memory.push({ t: (performance.now() - t0) / 60_000, rss: totalRss(), parts });
};
const sampler = setInterval(sample, 10_000);
let failed = false;
try {
  if (new URL(stack.url).hostname !== 'localhost') throw new Error(`refusing to load anything but loopback: ${stack.url}`);
  const applicants = loadApplicants(20);
  await ensureCognito({ endpoint: stack.endpoints.cognito, users: applicants.map((username) => ({ username, groups: ['applicant'], password: DEMO_PASSWORD })) });
  const token = cachedSignIn(stack.url, DEMO_PASSWORD);
  await Promise.all([...applicants, 'hq@demo.kedai'].map(token));
  console.log(`soak: ${minutes} min at ${rate} applications/min (${perBatch} every ${BATCH_EVERY_MS / 1000} s), ${applicants.length} applicant accounts, ${stack.url}`);
  console.log('min  created  decided  errors     API p50/p95/p99 ms       submit→decision p50/p95 ms   RSS total');

  const ids: string[] = [];
  let created = 0;
  let decided = 0;
  const batches: Promise<void>[] = [];
  const until = t0 + minutes * 60_000;

  // Staff and applicants read while others apply: the queue of all branches, and one applicant's list.
  const reader = setInterval(() => {
    const at = performance.now() - t0;
    for (const [label, user, path] of [['GET /api/staff/queue', 'hq@demo.kedai', '/api/staff/queue'], ['GET /api/applications', applicants[0]!, '/api/applications']] as const) {
      void (async () => {
        const started = performance.now();
        const res = await fetch(`${stack.url}${path}`, { headers: { authorization: `Bearer ${await token(user)}` } });
        await res.arrayBuffer();
        const row = minuteOf(at);
        row.latencies.set(label, [...(row.latencies.get(label) ?? []), performance.now() - started]);
        if (res.status !== 200) row.errors.push(`${label}: ${res.status}`);
      })().catch((err) => minuteOf(at).errors.push(`${label}: ${(err as Error).message}`));
    }
  }, 2_000);

  let batchNo = 0;
  let printed = 0;
  while (performance.now() < until) {
    const at = performance.now() - t0;
    const seed = 1_000 + batchNo++;
    batches.push(runBurst({ baseUrl: stack.url, token }, { enterprises: perBatch, applicants, seed, decisionTimeoutMs: 120_000 }).then((r) => {
      const row = minuteOf(at);
      for (const [label, xs] of r.latencies) row.latencies.set(label, [...(row.latencies.get(label) ?? []), ...xs]);
      row.s2d.push(...r.submitToDecision);
      row.errors.push(...r.errors, ...r.undecided.map((id) => `undecided: ${id}`));
      row.created += r.ids.length;
      row.decided += r.submitToDecision.length;
      created += r.ids.length;
      decided += r.submitToDecision.length;
      ids.push(...r.ids);
    }, (err) => { minuteOf(at).errors.push(`batch: ${(err as Error).message}`); }));
    await new Promise((r) => setTimeout(r, BATCH_EVERY_MS));
    // A minute's line once its batches have had time to finish (they are printed a minute late).
    const done = Math.floor((performance.now() - t0) / 60_000) - 1;
    while (printed < done) printMinute(printed++, created, decided);
  }
  clearInterval(reader);
  await Promise.all(batches);
  while (printed < minuteRows.length) printMinute(printed++, created, decided);

  // Every application, as head office sees it: decided exactly once, none left in flight.
  const hq = await token('hq@demo.kedai');
  const problems: string[] = [];
  for (let i = 0; i < ids.length; i += 20) {
    await Promise.all(ids.slice(i, i + 20).map(async (id) => {
      const res = await fetch(`${stack.url}/api/applications/${id}`, { headers: { authorization: `Bearer ${hq}` } });
      if (res.status !== 200) { problems.push(`${id}: read ${res.status}`); return; }
      const app = await res.json() as { status: string; events: { type: string }[] };
      const decisions = app.events.filter((e) => e.type.startsWith('decision-')).length;
      const submits = app.events.filter((e) => e.type === 'submitted').length;
      if (decisions !== 1 || submits !== 1 || app.status === 'submitted') problems.push(`${id}: status ${app.status}, ${submits} submitted, ${decisions} decision events`);
    }));
  }
  const inflight = await stack.wired.deps.applications.listInflight();
  const allErrors = minuteRows.flatMap((m) => m.errors);
  const serverErrors = allErrors.filter((e) => /: 5\d\d\b/.test(e));
  const all = <K extends 'latencies'>(k: K) => minuteRows.flatMap((m) => [...m[k].values()].flat());
  const api = percentiles(all('latencies'));
  const s2d = percentiles(minuteRows.flatMap((m) => m.s2d));
  console.log(`\ntotal: ${ids.length} applications in ${minutes} min, ${decided} decided, ${allErrors.length} errors (${serverErrors.length} 5xx)`);
  console.log(`  API p50/p95/p99 ${api.p50.toFixed(0)}/${api.p95.toFixed(0)}/${api.p99.toFixed(0)} ms over ${api.n} calls; submit→decision p50/p95 ${s2d.p50.toFixed(0)}/${s2d.p95.toFixed(0)} ms`);
  for (const e of allErrors.slice(0, 5)) console.log(`  error: ${e}`);
  console.log(`  decided exactly once: ${problems.length ? `NO, ${problems.length} problems` : 'yes, every one'}; in flight at the end: ${inflight.length}`);
  for (const p of problems.slice(0, 5)) console.log(`    ${p}`);

  // Memory trend: least squares over the last two thirds, after the JIT, JVM heap and caches have settled.
  const tail = memory.slice(Math.floor(memory.length / 3));
  if (tail.length >= 3) {
    const mx = tail.reduce((s, p) => s + p.t, 0) / tail.length;
    const my = tail.reduce((s, p) => s + p.rss, 0) / tail.length;
    const slope = tail.reduce((s, p) => s + (p.t - mx) * (p.rss - my), 0) / tail.reduce((s, p) => s + (p.t - mx) ** 2, 0) / MIB;
    const peak = Math.max(...memory.map((p) => p.rss)) / MIB;
    console.log(`  memory: total RSS ${(memory[0]!.rss / MIB).toFixed(0)} → ${(memory.at(-1)!.rss / MIB).toFixed(0)} MiB, peak ${peak.toFixed(0)} MiB; trend over the last two thirds ${slope >= 0 ? '+' : ''}${slope.toFixed(1)} MiB/min ` +
      (slope > LEAK_MIB_PER_MIN ? `— WARNING: above ${LEAK_MIB_PER_MIN} MiB/min, looks like a leak` : `(within ${LEAK_MIB_PER_MIN} MiB/min)`));
    const first = tail[0]!.parts;
    for (const [label, end] of memory.at(-1)!.parts) {
      console.log(`    ${label}: ${((first.get(label) ?? 0) / MIB).toFixed(0)} → ${(end / MIB).toFixed(0)} MiB over the last two thirds`);
    }
  } else {
    console.log('  memory: run too short for a trend (needs at least 30 s of samples after the first third)');
  }
  failed = problems.length > 0 || serverErrors.length > 0 || decided < ids.length || inflight.length > 0;
} finally {
  clearInterval(sampler);
  await stack.stop();
  await rm(dataDir, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;

function printMinute(m: number, created: number, decided: number) {
  const row = minuteRows[m];
  if (!row) return;
  const api = percentiles([...row.latencies.values()].flat());
  const s2d = percentiles(row.s2d);
  const byStatus = new Map<string, number>();
  for (const e of row.errors) { const code = /: (\d{3})\b/.exec(e)?.[1] ?? 'other'; byStatus.set(code, (byStatus.get(code) ?? 0) + 1); }
  const errors = byStatus.size ? [...byStatus].map(([c, n]) => `${c}×${n}`).join(' ') : '0';
  const rss = memory.filter((p) => p.t < m + 1).at(-1)?.rss ?? totalRss();
  console.log(`${String(m + 1).padStart(3)}  ${String(row.created).padStart(7)}  ${String(row.decided).padStart(7)}  ${errors.padEnd(9)}  ` +
    `${api.p50.toFixed(0)}/${api.p95.toFixed(0)}/${api.p99.toFixed(0)}`.padEnd(25) +
    `${s2d.p50.toFixed(0)}/${s2d.p95.toFixed(0)}`.padEnd(29) + `${(rss / MIB).toFixed(0)} MiB   (so far ${created} created, ${decided} decided)`);
}
