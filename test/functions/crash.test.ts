/**
 * kill -9 of the whole local stack at many moments, on one data dir, each followed by the next `npm start` on it:
 * healthy within a generous bound, sign-in works, and nothing that was acknowledged is lost — applications
 * answered 201, documents whose upload or completion was answered, submits answered 202 (which must end decided).
 * Half the kills take only the stack process (what `kill -9 <npm start>` does: the emulators' supervisors then
 * stop them); the other half SIGKILL every process of the tree at once, the JVM and cognito-local included.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { apiClient, strongApplication, type Api } from '../support/api.js';

const SCRIPT = fileURLToPath(new URL('../support/crash-stack-process.ts', import.meta.url));
const APPLICANT = 'applicant@demo.kedai';
const KINDS = ['business-licence', 'legal-rep-id', 'bank-account'] as const;
/** From spawn to /api/health 200, on a slow, loaded machine: a stuck start, not a slow one, must fail it. */
const HEALTHY_WITHIN_MS = 90_000;
/** For every process of a killed stack to be gone (the supervisors give the JVM 4 s to stop). */
const GONE_WITHIN_MS = 20_000;

type Client = Pick<Api, 'call' | 'token' | 'fetch'>;

interface Stack {
  child: ChildProcess;
  ready: Promise<string>;
  lines: string[];
  client: Client;
}

interface Slot { documentId: string; url: string; headers: Record<string, string>; bytes: Buffer }
interface AckedDoc { kind: string; sha256: string; uploaded: boolean; verified: boolean; slot: Slot }
interface AckedApp { id: string; docs: Map<string, AckedDoc>; submitted: boolean }

/** What the stacks answered: the test's record of what must survive every later kill. */
const acked = new Map<string, AckedApp>();
const timings: string[] = [];
let dataDir = '';

afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true, maxRetries: 5 });
});

function startStack(): Stack {
  const env = { ...process.env };
  delete env.FAULT_TASK_FAILURE_RATE;
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, dataDir], { stdio: ['ignore', 'pipe', 'pipe'], env });
  const lines: string[] = [];
  let url = '';
  const ready = new Promise<string>((resolve, reject) => {
    let buffered = '';
    const take = (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const parts = buffered.split('\n');
      buffered = parts.pop()!;
      for (const line of parts) {
        lines.push(line);
        const m = /^READY (\S+)/.exec(line);
        if (m) { url = m[1]; resolve(url); }
      }
    };
    child.stdout!.on('data', take);
    child.stderr!.on('data', take);
    child.once('exit', (code, signal) => reject(new Error(`stack exited (${code ?? signal}) before it was ready:\n${lines.join('\n')}`)));
  });
  ready.catch(() => {});
  const fetchPath: Api['fetch'] = (path, init) => fetch(`${url}${path}`, { ...init, signal: init?.signal ?? AbortSignal.timeout(30_000) });
  return { child, ready, lines, client: { fetch: fetchPath, ...apiClient({ fetch: fetchPath }) } };
}

/** Started, healthy, sign-in works: the bound is from spawn, covering any repair the start does. */
async function startHealthy(label: string): Promise<Stack> {
  const t0 = performance.now();
  const stack = startStack();
  const until = Date.now() + HEALTHY_WITHIN_MS;
  await Promise.race([stack.ready, sleep(HEALTHY_WITHIN_MS).then(() => { throw new Error(`not ready within ${HEALTHY_WITHIN_MS} ms:\n${stack.lines.join('\n')}`); })]);
  for (;;) {
    const res = await stack.client.fetch('/api/health').catch(() => null);
    if (res?.status === 200) break;
    if (Date.now() > until) throw new Error(`/api/health was ${res?.status} ${await res?.text()} after ${HEALTHY_WITHIN_MS} ms:\n${stack.lines.join('\n')}`);
    await sleep(200);
  }
  await stack.client.token(APPLICANT);
  timings.push(`${label}: healthy in ${Math.round(performance.now() - t0)} ms`);
  return stack;
}

/** Every process of the tree under pid, from /proc. */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (!stat) continue;
    children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), Number(entry)]);
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]) ?? []));
  return tree;
}

function readStat(pid: number): { ppid: number; state: string } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(ppid), state };
  } catch {
    return null;
  }
}

/** A zombie holds no port and no file: it counts as gone. */
const running = (pid: number) => { const s = readStat(pid); return s !== null && s.state !== 'Z' && s.state !== 'X'; };

/** kill -9, then every process of the stack must go by itself: no emulator left holding the data dir or a port. */
async function crash(stack: Stack, mode: 'stack' | 'tree', label: string) {
  const tree = processTree(stack.child.pid!);
  expect(tree.length, `the stack's children: ${tree}`).toBeGreaterThanOrEqual(2);
  const exited = new Promise((resolve) => stack.child.once('exit', resolve));
  for (const pid of mode === 'tree' ? tree : [stack.child.pid!]) {
    try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
  }
  await exited;
  const until = Date.now() + GONE_WITHIN_MS;
  while (tree.some(running) && Date.now() < until) await sleep(100);
  expect(tree.filter(running), `processes left after kill -9 ${mode === 'tree' ? 'of the tree' : 'of the stack'} (${label})`).toEqual([]);
}

function documentBytes(size = 0): Buffer {
  const head = Buffer.from(`%PDF-1.4\n% ${randomUUID()}\n1 0 obj<<>>endobj\n`);
  const tail = Buffer.from('trailer<<>>\n%%EOF\n');
  return Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length - tail.length), 0x20), tail]);
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function create(c: Client): Promise<AckedApp> {
  const token = await c.token(APPLICANT);
  const res = await c.call('POST', '/api/applications', { token, body: await strongApplication(c, token), headers: { 'Idempotency-Key': randomUUID() } });
  if (res.status !== 201) throw new Error(`create: ${res.status} ${JSON.stringify(res.body)}`);
  const app: AckedApp = { id: res.body.id, docs: new Map(), submitted: false };
  acked.set(app.id, app);
  return app;
}

async function slot(c: Client, app: AckedApp, kind: string, bytes = documentBytes()): Promise<AckedDoc> {
  const token = await c.token(APPLICANT);
  const res = await c.call('POST', `/api/applications/${app.id}/documents`, {
    token, body: { kind, fileName: `${kind}.pdf`, contentType: 'application/pdf', size: bytes.byteLength },
  });
  if (res.status !== 201) throw new Error(`upload slot: ${res.status} ${JSON.stringify(res.body)}`);
  const doc: AckedDoc = {
    kind, sha256: sha256(bytes), uploaded: false, verified: false,
    slot: { documentId: res.body.documentId, url: res.body.upload.url, headers: res.body.upload.headers ?? {}, bytes },
  };
  app.docs.set(doc.slot.documentId, doc);
  return doc;
}

async function put(doc: AckedDoc) {
  const res = await fetch(doc.slot.url, { method: 'PUT', headers: doc.slot.headers, body: new Uint8Array(doc.slot.bytes), signal: AbortSignal.timeout(30_000) });
  if (!res.ok) throw new Error(`upload PUT: ${res.status} ${await res.text()}`);
  doc.uploaded = true;
}

async function complete(c: Client, app: AckedApp, doc: AckedDoc) {
  const token = await c.token(APPLICANT);
  const res = await c.call('POST', `/api/applications/${app.id}/documents/${doc.slot.documentId}/complete`, { token });
  if (res.status !== 200) throw new Error(`complete: ${res.status} ${JSON.stringify(res.body)}`);
  expect(res.body.sha256).toBe(doc.sha256);
  doc.verified = true;
}

async function submit(c: Client, app: AckedApp) {
  const token = await c.token(APPLICANT);
  const res = await c.call('POST', `/api/applications/${app.id}/submit`, { token });
  if (res.status !== 202) throw new Error(`submit: ${res.status} ${JSON.stringify(res.body)}`);
  app.submitted = true;
}

/** The kinds this application has no verified document of yet get one: slot, PUT, complete. */
async function finishDocuments(c: Client, app: AckedApp) {
  for (const kind of KINDS) {
    const docs = [...app.docs.values()].filter((d) => d.kind === kind);
    if (docs.some((d) => d.verified)) continue;
    // A slot whose bytes arrived but was never completed: completing it now proves the object survived.
    const uploaded = docs.find((d) => d.uploaded);
    if (uploaded) { await complete(c, app, uploaded); continue; }
    // A cut upload is retried on a new slot: the old URL named the previous stack's S3 port.
    const doc = await slot(c, app, kind);
    await put(doc);
    await complete(c, app, doc);
  }
}

/** Applications in parallel, each created, documented and submitted, until the process under them dies. */
function burst(c: Client, chains: number, onAck: (count: number) => void): Promise<void> {
  let acks = 0;
  const ack = () => onAck(++acks);
  return Promise.all(Array.from({ length: chains }, async () => {
    try {
      const app = await create(c); ack();
      for (const kind of KINDS) {
        const doc = await slot(c, app, kind); ack();
        await put(doc); ack();
        await complete(c, app, doc); ack();
      }
      await submit(c, app); ack();
    } catch { /* the kill cut this chain: what it had acknowledged is in `acked` */ }
  })).then(() => {});
}

/** Everything acknowledged so far is there: the application, each document as far as it got, the submit. */
async function expectAcknowledged(c: Client, label: string) {
  const token = await c.token(APPLICANT);
  const problems: string[] = [];
  const listed = await c.call('GET', '/api/applications', { token });
  expect(listed.status).toBe(200);
  const ids = new Set((listed.body as { id: string }[]).map((a) => a.id));
  for (const app of acked.values()) {
    if (!ids.has(app.id)) problems.push(`${app.id} missing from the list`);
    const res = await c.call('GET', `/api/applications/${app.id}`, { token });
    if (res.status !== 200) { problems.push(`${app.id}: GET ${res.status}`); continue; }
    if (app.submitted && res.body.status === 'draft') problems.push(`${app.id}: submitted (202) but draft again`);
    const docs = new Map((res.body.documents as { documentId: string; status: string; sha256?: string }[]).map((d) => [d.documentId, d]));
    for (const doc of app.docs.values()) {
      const got = docs.get(doc.slot.documentId);
      if (!got) problems.push(`${app.id}/${doc.slot.documentId}: document missing`);
      else if (doc.verified && (got.status !== 'verified' || got.sha256 !== doc.sha256)) problems.push(`${app.id}/${doc.slot.documentId}: was verified, now ${got.status} ${got.sha256}`);
    }
  }
  expect(problems, `after ${label}`).toEqual([]);
}

/** Each verified document's bytes are still in the bucket, read through the download link the API gives. */
async function expectObjectsReadable(c: Client) {
  const token = await c.token(APPLICANT);
  const verified = [...acked.values()].flatMap((app) => [...app.docs.values()].filter((d) => d.verified).map((d) => ({ app, d })));
  const problems: string[] = [];
  for (const { app, d } of verified) {
    const link = await c.call('GET', `/api/applications/${app.id}/documents/${d.slot.documentId}/download`, { token });
    if (link.status !== 200) { problems.push(`${d.slot.documentId}: link ${link.status}`); continue; }
    const res = await fetch(link.body.url, { signal: AbortSignal.timeout(30_000) });
    const bytes = Buffer.from(await res.arrayBuffer());
    if (res.status !== 200 || sha256(bytes) !== d.sha256) problems.push(`${d.slot.documentId}: ${res.status}, ${bytes.length} bytes`);
  }
  expect(problems).toEqual([]);
  expect(verified.length).toBeGreaterThan(0);
}

async function expectDecisions(c: Client) {
  const token = await c.token(APPLICANT);
  const submitted = [...acked.values()].filter((a) => a.submitted);
  const until = Date.now() + 90_000;
  const undecided = await Promise.all(submitted.map(async (app) => {
    for (;;) {
      const res = await c.call('GET', `/api/applications/${app.id}`, { token });
      if (res.body?.decision) return null;
      if (Date.now() > until) return `${app.id}: ${res.status} ${res.body?.status}`;
      await sleep(250);
    }
  }));
  expect(undecided.filter(Boolean)).toEqual([]);
  return submitted.length;
}

/** A PUT of which only the first half of the bytes arrives before the kill. */
function halfPut(doc: AckedDoc): Promise<void> {
  return new Promise((resolve) => {
    const url = new URL(doc.slot.url);
    const req = request(url, { method: 'PUT', headers: { ...doc.slot.headers, 'content-length': String(doc.slot.bytes.length) } });
    req.on('error', () => resolve());
    req.on('response', (res) => { res.resume(); resolve(); });
    req.write(doc.slot.bytes.subarray(0, doc.slot.bytes.length >> 1), () => setTimeout(resolve, 300));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the local stack after kill -9', () => {
  it('starts healthy on the same data dir and has lost nothing acknowledged, wherever it was killed', async () => {
    const t0 = performance.now();
    dataDir = await mkdtemp(join(tmpdir(), 'kedai-crash-'));
    const repairs: string[] = [];
    const keep = (s: Stack) => repairs.push(...s.lines.filter((l) => /quarantine|repair|re-driving/i.test(l)));

    // 1. The very first start, killed while it seeds cognito-local (a write per account).
    let s = startStack();
    for (let i = 0; i < 600 && !s.lines.some((l) => /emulators answered/.test(l)); i++) await sleep(50);
    await sleep(150);
    await crash(s, 'tree', 'first start, seeding cognito');

    // 2. An application created, a document's bytes uploaded and acknowledged; killed before completing it.
    s = await startHealthy('after kill 1 (seeding)'); keep(s);
    const a = await create(s.client);
    const aDoc = await slot(s.client, a, 'business-licence');
    await put(aDoc);
    await crash(s, 'stack', 'between upload and complete');

    // 3. Completing the earlier upload; then a PUT killed half-way through its bytes.
    s = await startHealthy('after kill 2 (between upload and complete)'); keep(s);
    await expectAcknowledged(s.client, 'kill 2');
    await complete(s.client, a, aDoc);
    const b = await create(s.client);
    const bDoc = await slot(s.client, b, 'business-licence', documentBytes(4 * 1024 * 1024));
    await halfPut(bDoc);
    await crash(s, 'tree', 'mid-upload');

    // 4. Both applications documented; A submitted and killed at once, its decision run just started.
    s = await startHealthy('after kill 3 (mid-upload)'); keep(s);
    await expectAcknowledged(s.client, 'kill 3');
    await Promise.all([finishDocuments(s.client, a), finishDocuments(s.client, b)]);
    await submit(s.client, a);
    await crash(s, 'stack', 'right after submit');

    // 5. A burst of writes, killed (the whole tree) in the middle of it.
    s = await startHealthy('after kill 4 (right after submit)'); keep(s);
    await expectAcknowledged(s.client, 'kill 4');
    await submit(s.client, b);
    let cut: Promise<void> | undefined;
    const stack5 = s;
    await burst(s.client, 6, (n) => { if (n === 30 && !cut) cut = crash(stack5, 'tree', 'burst of writes'); });
    await cut;

    // 6. Another burst; only the stack process killed, once a few submits are through.
    s = await startHealthy('after kill 5 (burst, tree)'); keep(s);
    await expectAcknowledged(s.client, 'kill 5');
    const submits = () => [...acked.values()].filter((x) => x.submitted).length;
    const before = submits();
    const stack6 = s;
    cut = undefined;
    await burst(s.client, 6, () => { if (submits() >= before + 2 && !cut) cut = crash(stack6, 'stack', 'burst with submits'); });
    await cut;

    // 7. Killed as soon as it is ready: the runs it re-drives at start are cut again.
    s = startStack();
    await s.ready;
    await crash(s, 'tree', 'right after start');

    // 8. The last start: everything acknowledged is there, every submit decided, the bytes readable; a clean stop.
    s = await startHealthy('after kill 7 (right after start)'); keep(s);
    await expectAcknowledged(s.client, 'kill 7');
    const decided = await expectDecisions(s.client);
    await expectObjectsReadable(s.client);
    await expectAcknowledged(s.client, 'the decisions');
    const tree = processTree(s.child.pid!);
    const exited = new Promise<number | null>((resolve) => s.child.once('exit', resolve));
    s.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(tree.filter(running)).toEqual([]);

    const apps = [...acked.values()];
    console.log([
      `crash test: ${Math.round((performance.now() - t0) / 1000)} s, ${apps.length} applications acknowledged, ${decided} submitted and decided, ` +
        `${apps.reduce((n, x) => n + [...x.docs.values()].filter((d) => d.verified).length, 0)} documents verified`,
      ...timings,
      ...repairs.map((l) => `  ${l}`),
    ].join('\n'));
  }, 300_000);
});
