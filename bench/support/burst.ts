/**
 * The pressure test the seeds call for: N enterprises apply at once, each creating its application with an
 * Idempotency-Key (and a concurrent duplicate of that create), uploading three core documents, and submitting
 * (twice, concurrently). Shared by test/hardening/load.test.ts and bench/load.ts; it talks HTTP only.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { STRONG_APPLICANT, WEAK_APPLICANT } from '../../shared/fixtures.js';
import type { CreateApplicationInput } from '../../shared/schemas/application.js';
import { httpCall, verifyFirm as verifyDemoFirm } from './verify-firm.js';

export interface BurstClient {
  baseUrl: string;
  token(username: string): Promise<string>;
}

export interface BurstOptions {
  enterprises: number;
  /** Applicant accounts, used round-robin: one per enterprise is what the bank will see. */
  applicants?: string[];
  /** Kept for callers' labels; the firms are unclaimed demo firms picked at random, verified before the clock starts. */
  seed?: number;
  /** How long to wait for every decision after the last submit. */
  decisionTimeoutMs?: number;
  /** Called on every poll while decisions are outstanding (the fault test re-drives here). */
  onPoll?: () => Promise<void>;
  /** Called as each submit is answered 202 (the restart test kills the stack part-way). */
  onSubmitted?: (id: string, count: number) => void;
  /** The applications to send instead of burstApplications(…) (the soak mixes in weak applicants); each must be for a firm verified for the account sending it (applicants round-robin). */
  inputs?: CreateApplicationInput[];
  /** Called on every timed request as it is answered (the soak buckets latencies by the minute they happen). */
  onCall?: (label: string, ms: number) => void;
  /** Called when an application's create is answered 201. */
  onCreated?: (id: string) => void;
  /** Called the first time a poll sees an application's decision. */
  onDecided?: (id: string, outcome: string, submitToDecisionMs: number) => void;
}

export interface BurstResult {
  ids: string[];
  /** Every unexpected status or failed request, as text. */
  errors: string[];
  /** Latencies in ms per route label. */
  latencies: Map<string, number[]>;
  /** Submit (first 202) to the first poll that saw a decision, per application, in ms. */
  submitToDecision: number[];
  undecided: string[];
  outcomes: Record<string, number>;
  wallMs: number;
}

export const APPLICANTS = ['applicant@demo.kedai', 'applicant2@demo.kedai'];
/** Extra applicant accounts for the burst, one per enterprise (created in cognito-local by the caller). */
export const loadApplicants = (n: number) => Array.from({ length: n }, (_, i) => `load-${String(i + 1).padStart(3, '0')}@load.kedai`);
const DIVISIONS = ['410100', '410300', '410200', '410411', '410502', '410702', '411302', '411502', '419001', '411102'];
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** Codes handed out per stack, so parallel bursts on one stack never pick the same firm. */
const picked = new Map<string, Set<string>>();

/** An unclaimed demo firm of the division verified for the token's account over HTTP; returns its credit code. */
export async function verifyFirm(baseUrl: string, token: string, division: string, kind: 'strong' | 'weak' = 'strong'): Promise<string> {
  const used = picked.get(baseUrl) ?? new Set<string>();
  picked.set(baseUrl, used);
  return (await verifyDemoFirm(httpCall(baseUrl), token, division, kind, used)).creditCode;
}

/** The form pre-filled from the verified enterprise's profile, with `base`'s loan request. */
export async function profileInput(baseUrl: string, token: string, creditCode: string, base: CreateApplicationInput = STRONG_APPLICANT): Promise<CreateApplicationInput> {
  const res = await fetch(`${baseUrl}/api/enterprises/${creditCode}/profile`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`profile ${creditCode}: ${res.status}`);
  const p = await res.json() as any;
  const v = (f: string) => p.financials[f].value as number;
  return {
    ...base,
    enterprise: {
      name: p.name, creditCode: p.creditCode, industry: p.industry, establishedOn: p.establishedOn, employees: p.employees, techStaff: p.techStaff,
      labels: p.labels.map((l: { label: string }) => l.label),
      financials: { revenue: v('revenue'), totalAssets: v('totalAssets'), totalLiabilities: v('totalLiabilities'), netProfit: v('netProfit'), rdExpense: v('rdExpense') },
    },
  };
}

/**
 * One enterprise per index, verified for the account that will send it (applicants round-robin), applying with
 * its own figures: nine in ten ask for ¥300,000 (decided automatically), one in ten for ¥2,000,000 (sent to people).
 * `weak(i)` makes index i a weak firm applying for WEAK_APPLICANT's loan instead.
 */
export async function burstApplications(client: BurstClient, applicants: string[], n: number, weak: (i: number) => boolean = () => false): Promise<CreateApplicationInput[]> {
  const tokens = await Promise.all(applicants.map((u) => client.token(u)));
  return Promise.all(Array.from({ length: n }, async (_, i) => {
    const token = tokens[i % tokens.length];
    const kind = weak(i) ? 'weak' : 'strong';
    const code = await verifyFirm(client.baseUrl, token, DIVISIONS[i % DIVISIONS.length], kind);
    const input = await profileInput(client.baseUrl, token, code, kind === 'weak' ? WEAK_APPLICANT : STRONG_APPLICANT);
    return kind === 'weak' ? input : { ...input, loan: { ...input.loan, amount: i % 10 === 9 ? 200_000_000 : 30_000_000 } };
  }));
}

/** Signs each account in once over HTTP and reuses its token (load scripts; a real applicant signs in once too). */
export function cachedSignIn(baseUrl: string, password: string): (username: string) => Promise<string> {
  const tokens = new Map<string, Promise<string>>();
  return (username) => {
    let token = tokens.get(username);
    if (!token) {
      token = (async () => {
        const res = await fetch(`${baseUrl}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
        if (res.status !== 200) throw new Error(`sign-in of ${username}: ${res.status}`);
        return ((await res.json()) as { accessToken: string }).accessToken;
      })();
      token.catch(() => tokens.delete(username));
      tokens.set(username, token);
    }
    return token;
  };
}

const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)] : NaN);
export const percentiles = (xs: number[]) => ({ n: xs.length, p50: pct(xs, 50), p95: pct(xs, 95), p99: pct(xs, 99), max: xs.length ? Math.max(...xs) : NaN });

/** A reused keep-alive socket the server closed at the same moment: browsers resend on one, so the burst does too. */
const STALE_SOCKET = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

/** fetch, resent once or twice when the connection (never the server's answer) failed; other failures name their cause. */
async function fetchResending(url: string, init: RequestInit, tries = 3): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url, init);
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      if (attempt < tries && cause?.code && STALE_SOCKET.has(cause.code)) continue;
      throw new Error(`${init.method ?? 'GET'} ${new URL(url).pathname}: ${(err as Error).message}${cause ? ` (${cause.code ?? cause.message})` : ''}`);
    }
  }
}

export async function runBurst(client: BurstClient, opts: BurstOptions): Promise<BurstResult> {
  const latencies = new Map<string, number[]>();
  const errors: string[] = [];
  const record = (label: string, ms: number) => { const l = latencies.get(label) ?? []; l.push(ms); latencies.set(label, l); opts.onCall?.(label, ms); };

  async function call(label: string, method: string, path: string, token: string, body?: unknown, headers: Record<string, string> = {}) {
    const started = performance.now();
    const res = await fetchResending(`${client.baseUrl}${path}`, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), authorization: `Bearer ${token}`, ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    record(label, performance.now() - started);
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }
  const expectStatus = (what: string, res: { status: number; body: unknown }, status: number) => {
    if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    return res.body as any;
  };

  const applicants = opts.applicants ?? APPLICANTS;
  const tokens = await Promise.all(applicants.map((u) => client.token(u)));
  const inputs = opts.inputs ?? await burstApplications(client, applicants, opts.enterprises);
  const submittedAt = new Map<string, number>();
  const tokenOf = new Map<string, string>();
  const started = performance.now();

  const ids = await Promise.all(inputs.map(async (input, i) => {
    const token = tokens[i % tokens.length];
    try {
      // The same create twice at once, as a client retrying on a timeout would: one application.
      const key = randomUUID();
      const pair = await Promise.all([0, 1].map(() => call('POST /api/applications', 'POST', '/api/applications', token, input, { 'Idempotency-Key': key })));
      const [a, b] = pair.map((r) => expectStatus('create', r, 201));
      if (a.id !== b.id) throw new Error(`duplicate create: ${a.id} and ${b.id} for one key`);
      const id = a.id as string;
      tokenOf.set(id, token);
      opts.onCreated?.(id);

      for (const kind of ['business-licence', 'legal-rep-id', 'bank-account']) {
        const slot = expectStatus('document slot', await call('POST …/documents', 'POST', `/api/applications/${id}/documents`, token, {
          kind, fileName: `${kind}.pdf`, contentType: 'application/pdf', size: PDF.byteLength,
        }), 201);
        const t = performance.now();
        const put = await fetchResending(slot.upload.url, { method: 'PUT', headers: slot.upload.headers, body: PDF });
        await put.arrayBuffer();
        record('PUT upload (S3 emulator)', performance.now() - t);
        if (!put.ok) throw new Error(`upload PUT: ${put.status}`);
        expectStatus('complete', await call('POST …/complete', 'POST', `/api/applications/${id}/documents/${slot.documentId}/complete`, token), 200);
      }

      // A double-clicked submit: both answered 202, one run.
      const submits = await Promise.all([0, 1].map(() => call('POST …/submit', 'POST', `/api/applications/${id}/submit`, token)));
      submittedAt.set(id, performance.now());
      for (const s of submits) expectStatus('submit', s, 202);
      opts.onSubmitted?.(id, submittedAt.size);
      return id;
    } catch (err) {
      errors.push(`enterprise ${i + 1}: ${(err as Error).message}`);
      return null;
    }
  }));

  const live = ids.filter((id): id is string => !!id);
  const decidedAt = new Map<string, number>();
  const outcomes: Record<string, number> = {};
  const until = performance.now() + (opts.decisionTimeoutMs ?? 60_000);
  while (decidedAt.size < live.length && performance.now() < until) {
    await opts.onPoll?.();
    // Only the accounts that still wait for a decision are asked.
    const waiting = [...new Set(live.filter((id) => !decidedAt.has(id)).map((id) => tokenOf.get(id)!))];
    let lists;
    try {
      lists = await Promise.all(waiting.map((t) => call('GET /api/applications', 'GET', '/api/applications', t)));
    } catch (err) {
      errors.push(`polling: ${(err as Error).message}`);
      break;
    }
    const now = performance.now();
    for (const list of lists) {
      for (const app of expectStatus('list', list, 200) as { id: string; decision: { outcome: string } | null }[]) {
        if (app.decision && submittedAt.has(app.id) && !decidedAt.has(app.id)) {
          decidedAt.set(app.id, now);
          outcomes[app.decision.outcome] = (outcomes[app.decision.outcome] ?? 0) + 1;
          opts.onDecided?.(app.id, app.decision.outcome, now - submittedAt.get(app.id)!);
        }
      }
    }
    if (decidedAt.size < live.length) await new Promise((r) => setTimeout(r, 200));
  }

  return {
    ids: live,
    errors,
    latencies,
    submitToDecision: [...decidedAt].map(([id, at]) => at - submittedAt.get(id)!),
    undecided: live.filter((id) => !decidedAt.has(id)),
    outcomes,
    wallMs: performance.now() - started,
  };
}
