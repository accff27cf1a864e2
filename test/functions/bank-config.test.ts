/**
 * The bank's rules as data (DESIGN.md §7.3), through the API on the in-memory adapters: head office proposes, sees
 * the impact on recent decisions, a second head-office user approves, and the next decision and contract follow.
 */
import { describe, expect, it } from 'vitest';
import { generateCreditCode } from '../../shared/credit-code.js';
import { parseCsv } from '../../web/src/lib/csv.js';
import { applyAndSubmit, strongApplication, useMemoryApp, waitForDecision } from '../support/memory-app.js';

const api = useMemoryApp();
const APPLICANT = 'applicant@demo.kedai';
const HQ = 'hq@demo.kedai';
const HQ2 = 'hq2@demo.kedai';

const as = async (user: string, method: string, path: string, body?: unknown) => api.call(method, path, { token: await api.token(user), body });
const soon = () => new Date(Date.now() + 1000).toISOString();

/** An application for a firm the applicant has verified, decided. */
const strong = async (amount?: number) => strongApplication(api, await api.token(APPLICANT), '410100', amount === undefined ? {} : { amount });
async function decided(amount: number, given?: Awaited<ReturnType<typeof strong>>) {
  const token = await api.token(APPLICANT);
  const id = await applyAndSubmit(api, token, given ?? await strong(amount));
  return waitForDecision(api, token, id);
}

async function approvedChange(changes: unknown, proposer = HQ, approver = HQ2) {
  const proposed = await as(proposer, 'POST', '/api/admin/config/proposals', { changes, effectiveFrom: new Date().toISOString(), reason: 'test change' });
  expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
  const approved = await as(approver, 'POST', `/api/admin/config/proposals/${proposed.body.proposalId}/approve`);
  expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  return approved.body.version as number;
}

describe('four-eyes changes to the configuration', () => {
  it('lowers the automatic ceiling to ¥200,000: impact first, refused to its proposer, approved by hq2, then a strong ¥300,000 application is referred under the new version', async () => {
    const before = await decided(30_000_000);
    expect(before.decision).toMatchObject({ outcome: 'approved', tier: 'auto', configVersion: 1 });

    const config = await as(HQ, 'GET', '/api/admin/config');
    expect(config.status).toBe(200);
    expect(config.body).toMatchObject({ version: 1, thresholds: { autoCeiling: 50_000_000 }, lpr: { rateBps: 300 } });
    expect(config.body.products.map((p: { code: string }) => p.code)).toEqual(['tech-loan', 'srdi-loan', 'ip-pledge-loan']);
    expect(config.body.branches).toHaveLength(18);
    expect(config.body.branches[0]).toMatchObject({ code: 'zhengzhou', lat: expect.any(Number), authority: { approvalLimit: 300_000_000 } });

    const proposed = await as(HQ, 'POST', '/api/admin/config/proposals', {
      changes: { thresholds: { autoCeiling: 20_000_000 } }, effectiveFrom: soon(), reason: '收紧秒批上限 / tighter instant approval',
    });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    const { proposalId, impact } = proposed.body;
    expect(impact.total).toBeGreaterThanOrEqual(1);
    expect(impact.changedOutcomes).toBe(impact.changed.length);
    expect(impact.changed).toContainEqual(expect.objectContaining({
      applicationId: before.id, current: expect.objectContaining({ outcome: 'approved', tier: 'auto' }), candidate: expect.objectContaining({ outcome: 'referred', tier: 'review-approve' }),
    }));

    const own = await as(HQ, 'POST', `/api/admin/config/proposals/${proposalId}/approve`);
    expect(own.status).toBe(403);
    expect(own.body.error.code).toBe('four-eyes');
    expect((await as('rm.zhengzhou@demo.kedai', 'POST', `/api/admin/config/proposals/${proposalId}/approve`)).status).toBe(403);
    expect((await as(HQ, 'GET', '/api/admin/config')).body.version).toBe(1);

    const approved = await as(HQ2, 'POST', `/api/admin/config/proposals/${proposalId}/approve`);
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.version).toBe(2);
    expect((await as(HQ2, 'POST', `/api/admin/config/proposals/${proposalId}/approve`)).status).toBe(409);
    await new Promise((r) => setTimeout(r, 1100)); // until its effective time

    expect((await as(HQ, 'GET', '/api/admin/config')).body).toMatchObject({ version: 2, thresholds: { autoCeiling: 20_000_000 } });
    const after = await decided(30_000_000);
    expect(after.status).toBe('in-review');
    expect(after.decision).toMatchObject({ outcome: 'referred', tier: 'review-approve', configVersion: 2 });
    expect(after.decision.reasons.map((r: { code: string }) => r.code)).toContain('amount-above-auto-ceiling');

    const history = await as(HQ, 'GET', '/api/admin/history');
    expect(history.body.chain).toMatchObject({ ok: true });
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['config-proposed', 'config-approved']));
    expect(history.body.events.find((e: { type: string }) => e.type === 'config-approved')).toMatchObject({ actor: HQ2, detail: { proposalId, version: 2, proposedBy: HQ } });
  });

  it('prices the next offer and contract on a new LPR', async () => {
    const version = await approvedChange({ lpr: { rateBps: 290, publishedOn: '2026-11-20' } }, HQ2, HQ);
    const app = await decided(10_000_000);
    expect(app.decision).toMatchObject({ outcome: 'approved', configVersion: version });
    const record = await api.stack.wired.deps.applications.get(app.id);
    expect(record!.decision!.lpr).toEqual({ rateBps: 290, publishedOn: '2026-11-20' });
    const terms = JSON.parse(record!.contract!.terms) as unknown[];
    expect(terms[10]).toBe(290); // the LPR in the contract's rate clause
    expect(terms[11]).toBe(app.offer.rateBps - 290); // the spread added to it
  });

  it('refuses a proposal that breaks an invariant, naming the field', async () => {
    const cases: [unknown, string][] = [
      [{ changes: { thresholds: { autoCeiling: 400_000_000 } }, effectiveFrom: soon(), reason: 'not rising' }, 'thresholds.autoCeiling'],
      [{ changes: { lpr: { rateBps: 900 } }, effectiveFrom: soon(), reason: 'above every cap' }, 'lpr.rateBps'],
      [{ changes: { products: { 'tech-loan': { rateBps: { min: 700, max: 600 } } } }, effectiveFrom: soon(), reason: 'bounds upside down' }, 'products.tech-loan.rateBps'],
      [{ changes: { thresholds: { autoCeiling: 10_000_000 } }, effectiveFrom: '2026-01-01T00:00:00Z', reason: 'in the past' }, 'effectiveFrom'],
      [{ changes: { thresholds: { autoCeilingFen: 400_000_000 } }, effectiveFrom: soon(), reason: 'cdk.json spelling' }, 'thresholds.autoCeiling'],
      [{ changes: { thresholds: { autoCeilling: 1 } }, effectiveFrom: soon(), reason: 'unknown key' }, 'changes.thresholds.autoCeilling'],
      [{ changes: { products: [{ code: 'tech-loan', rateBps: { min: 700, max: 600 } }] }, effectiveFrom: soon(), reason: 'as a list by code' }, 'products.tech-loan.rateBps'],
      [{ changes: { thresholds: { autoCeiling: 'lots' } }, effectiveFrom: soon(), reason: 'wrong type' }, 'thresholds.autoCeiling'],
      [{ changes: [{ path: 'thresholds.twoApprovalLimit', value: 100_000_000 }], effectiveFrom: soon(), reason: 'as a path list' }, 'thresholds.branchAuthority'],
    ];
    for (const [body, field] of cases) {
      const res = await as(HQ, 'POST', '/api/admin/config/proposals', body);
      expect(res.status, JSON.stringify(res.body)).toBe(422);
      expect(Object.keys(res.body.error.fields)).toContain(field);
    }
    expect((await as(APPLICANT, 'POST', '/api/admin/config/proposals', cases[0][0])).status).toBe(403);
    expect((await as(APPLICANT, 'GET', '/api/admin/config')).status).toBe(403);
  });

  it('refuses a stale proposal and records a rejection with its reason', async () => {
    const body = (ceiling: number) => ({ changes: { thresholds: { autoCeiling: ceiling } }, effectiveFrom: soon(), reason: 'race' });
    const a = await as(HQ, 'POST', '/api/admin/config/proposals', body(15_000_000));
    const b = await as(HQ, 'POST', '/api/admin/config/proposals', body(25_000_000));
    expect([a.status, b.status], JSON.stringify([a.body, b.body])).toEqual([201, 201]);
    expect((await as(HQ2, 'POST', `/api/admin/config/proposals/${a.body.proposalId}/approve`)).status).toBe(200);
    const stale = await as(HQ2, 'POST', `/api/admin/config/proposals/${b.body.proposalId}/approve`);
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale-proposal');
    const rejected = await as(HQ2, 'POST', `/api/admin/config/proposals/${b.body.proposalId}/reject`, { reason: '已过期 / superseded' });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', decidedBy: HQ2, decisionReason: '已过期 / superseded' });
    const events = (await as(HQ, 'GET', '/api/admin/history')).body.events;
    expect(events.at(-1)).toMatchObject({ type: 'config-rejected', actor: HQ2, detail: { reason: '已过期 / superseded' } });
  });
});

describe('the managed negative list', () => {
  const fresh = () => {
    let s = Date.now() % 2147483647;
    return generateCreditCode(() => { s = (s * 48271) % 2147483647; return s / 2147483647; }, '410100');
  };

  it('replays each decision on the facts it was made on: a firm negative-listed since still counts as approved then', async () => {
    // ¥100,000: under the automatic ceiling whatever the tests before this one approved.
    const input = await strong(10_000_000);
    const before = await decided(10_000_000, input);
    expect(before.decision).toMatchObject({ outcome: 'approved', tier: 'auto' });
    // Listed after the decision: today's list would reject it under any configuration, hiding the proposal's effect.
    const added = await as(HQ, 'POST', '/api/admin/negative-list', { creditCode: input.enterprise.creditCode, kind: 'litigation', source: '郑州市中级人民法院', reason: '(2026)豫01民初88号' });
    expect(added.status).toBe(201);
    const current = (await as(HQ, 'GET', '/api/admin/config')).body.thresholds.autoCeiling as number;
    const proposed = await as(HQ, 'POST', '/api/admin/config/proposals', { changes: { thresholds: { autoCeiling: Math.min(current, 10_000_000) - 1_000_000 } }, effectiveFrom: soon(), reason: 'replay check' });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    expect(proposed.body.impact.changed).toContainEqual(expect.objectContaining({
      applicationId: before.id, current: expect.objectContaining({ outcome: 'approved', tier: 'auto' }), candidate: expect.objectContaining({ outcome: 'referred' }),
    }));
    await as(HQ, 'POST', `/api/admin/config/proposals/${proposed.body.proposalId}/reject`, { reason: 'only a replay check' });
    expect((await as(HQ, 'DELETE', `/api/admin/negative-list/${input.enterprise.creditCode}`, { reason: '测试结束' })).status).toBe(200);
  });

  it('rejects the next application of a code added with a source and a reason, citing the source; removal clears it', async () => {
    const input = await strong(10_000_000);
    const code = input.enterprise.creditCode;
    const added = await as(HQ, 'POST', '/api/admin/negative-list', { creditCode: code, kind: 'dishonest-debtor', source: '郑州市中级人民法院', reason: '(2026)豫01执77号 未履行' });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect((await as(HQ, 'GET', `/api/admin/negative-list?creditCode=${code}`)).body).toEqual([expect.objectContaining({ creditCode: code, kind: 'dishonest-debtor', source: '郑州市中级人民法院', addedBy: HQ })]);

    const app = await decided(10_000_000, input);
    expect(app.decision).toMatchObject({ outcome: 'rejected' });
    expect(app.decision.reasons[0].code).toBe('negative-list:dishonest-debtor');
    expect(app.decision.reasons[0].text.zh).toContain('郑州市中级人民法院');
    expect(app.decision.reasons[0].text.en).toContain('郑州市中级人民法院');

    expect((await as(HQ, 'DELETE', `/api/admin/negative-list/${code}`, {})).status).toBe(422);
    const removed = await as(HQ, 'DELETE', `/api/admin/negative-list/${code}`, { reason: '已履行完毕' });
    expect(removed.status).toBe(200);
    expect((await as(HQ, 'DELETE', `/api/admin/negative-list/${code}`, { reason: 'again' })).status).toBe(404);
    const again = await decided(10_000_000, { ...(await strong(10_000_000)), enterprise: input.enterprise });
    expect(again.decision.outcome).not.toBe('rejected');
    const types = (await as(HQ, 'GET', '/api/admin/history')).body.events.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['negative-list-added', 'negative-list-removed']));
  });

  it('refuses an entry without a source or with a bad credit code', async () => {
    const res = await as(HQ, 'POST', '/api/admin/negative-list', { creditCode: '91410100317000520X', kind: 'litigation', source: '', reason: 'x' });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.error.fields)).toEqual(expect.arrayContaining(['creditCode', 'source']));
  });

  it('imports CSV rows with quoted commas and Chinese text, reporting bad rows by line', async () => {
    const [a, b] = [fresh(), (await strong()).enterprise.creditCode];
    const csv = `\uFEFFcreditCode,kind,source,reason,since\n${a},tax-violation,"国家税务总局郑州市税务局","虚开发票, 重大违法",2026-03-01\n${b},litigation,南阳市中级人民法院,"合同纠纷 ""被告""\n二审",\nBADCODE,litigation,x,y,\n`;
    const { rows, lines } = parseCsv(csv);
    expect(rows[0]).toMatchObject({ creditCode: a, reason: '虚开发票, 重大违法' });
    const res = await as(HQ, 'POST', '/api/admin/negative-list/import', { fileName: 'list.csv', rows: rows.map((values, i) => ({ line: lines[i], values })) });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ rows: 3, added: 2 });
    expect(res.body.badRows).toEqual([expect.objectContaining({ line: 5 })]);
    const listed = (await as(HQ, 'GET', `/api/admin/negative-list?creditCode=${b}`)).body;
    expect(listed[0]).toMatchObject({ reason: '合同纠纷 "被告"\n二审', source: '南阳市中级人民法院' });
    expect(() => parseCsv('a,b\n"unclosed,1\n')).toThrow();
    expect((await as(HQ, 'POST', '/api/admin/negative-list/import', { fileName: 'x.csv', rows: [] })).status).toBe(422);
  });
});
