/**
 * 100 enterprises applying at once, end to end on the local stack, with duplicate creates and submits fired
 * concurrently; then the same burst while half of all workflow task attempts fail. Zero errors, zero
 * duplicates, every application decided, nothing left in flight.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ensureCognito } from '../../functions/local/cognito-setup.js';
import { loadApplicants, percentiles, runBurst, type BurstResult } from './burst.js';
import { PASSWORD, useLocalStack, type Api } from '../support/local-stack.js';

const ENTERPRISES = 100;
/** One account per enterprise, as in production: per-user limits (uploads, codes) apply per enterprise. */
const APPLICANTS = loadApplicants(ENTERPRISES);

beforeAll(async () => {
  await ensureCognito({ endpoint: inject('endpoints').cognito, users: APPLICANTS.map((username) => ({ username, groups: ['applicant'], password: PASSWORD })) });
}, 120_000);

/** What the store holds after a burst: one application per enterprise, each with one of every step. */
async function expectNoDuplicates(api: Api, result: BurstResult) {
  const repo = api.stack.wired.repo;
  expect(new Set(result.ids).size).toBe(ENTERPRISES);

  const tokens = await Promise.all(APPLICANTS.map((u) => api.token(u)));
  const listed = (await Promise.all(tokens.map((token) => api.call('GET', '/api/applications', { token })))).flatMap((r) => r.body as { id: string; enterprise: { creditCode: string } }[]);
  // Each account sees exactly its own one application.
  expect(listed.length).toBe(tokens.length);
  expect(listed).toHaveLength(ENTERPRISES);
  expect(new Set(listed.map((a) => a.enterprise.creditCode)).size).toBe(ENTERPRISES);
  expect(new Set(listed.map((a) => a.id))).toEqual(new Set(result.ids));

  const counts = await Promise.all(result.ids.map(async (id) => {
    const events = await repo.events(id);
    const n = (pred: (t: string) => boolean) => events.filter((e) => pred(e.type)).length;
    const docs = await repo.listDocuments(id);
    return {
      created: n((t) => t === 'created'),
      submitted: n((t) => t === 'submitted'),
      routed: n((t) => t === 'routed'),
      decisions: n((t) => t.startsWith('decision-')),
      verifiedDocs: docs.filter((d) => d.status === 'verified').length,
    };
  }));
  const wrong = counts.map((c, i) => ({ id: result.ids[i], ...c }))
    .filter((c) => c.created !== 1 || c.submitted !== 1 || c.routed !== 1 || c.decisions !== 1 || c.verifiedDocs !== 3);
  expect(wrong).toEqual([]);

  await api.stack.wired.localRunner!.idle();
  expect(await repo.listInflight()).toEqual([]);
}

function report(what: string, r: BurstResult) {
  const line = (label: string, xs: number[]) => {
    const p = percentiles(xs);
    return `${label}: n=${p.n} p50 ${p.p50.toFixed(0)} ms, p95 ${p.p95.toFixed(0)} ms, p99 ${p.p99.toFixed(0)} ms`;
  };
  console.log([
    `${what}: ${r.ids.length} applications in ${(r.wallMs / 1000).toFixed(1)} s, outcomes ${JSON.stringify(r.outcomes)}`,
    ...[...r.latencies].map(([label, xs]) => `  ${line(label, xs)}`),
    `  ${line('submit-to-decision', r.submitToDecision)}`,
  ].join('\n'));
}

describe('100 enterprises applying at once', () => {
  const api = useLocalStack();

  it('creates, uploads, submits and decides every application, with no errors and no duplicates', async () => {
    const result = await runBurst({ baseUrl: api.stack.url, token: api.token }, { enterprises: ENTERPRISES, applicants: APPLICANTS, decisionTimeoutMs: 45_000 });
    report('burst', result);
    expect(result.errors).toEqual([]);
    expect(result.undecided).toEqual([]);
    expect(result.ids).toHaveLength(ENTERPRISES);
    // Nine in ten ask for ¥300,000 and are approved automatically; one in ten go to people.
    expect(result.outcomes).toEqual({ approved: 90, referred: 10 });
    await expectNoDuplicates(api, result);
  }, 90_000);
});

describe('the same burst while half of all workflow task attempts fail', () => {
  const api = useLocalStack({ faultRate: 0.5 });

  it('still decides every application exactly once after re-drives, losing nothing', async () => {
    const runner = api.stack.wired.localRunner!;
    let redriven = 0;
    const result = await runBurst({ baseUrl: api.stack.url, token: api.token }, {
      enterprises: ENTERPRISES,
      applicants: APPLICANTS,
      decisionTimeoutMs: 60_000,
      onPoll: async () => { redriven += await runner.redrive(); },
    });
    report(`burst with faultRate 0.5 (${redriven} re-drives)`, result);
    expect(result.errors).toEqual([]);
    expect(result.undecided).toEqual([]);
    // Four attempts per task at even odds fail a whole run about one time in four: the re-drive did real work.
    expect(redriven).toBeGreaterThan(0);
    expect(result.outcomes).toEqual({ approved: 90, referred: 10 });
    await expectNoDuplicates(api, result);
  }, 120_000);
});
