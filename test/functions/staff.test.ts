import { describe, expect, it } from 'vitest';
import { applyAndSubmit, listedApplication, strongApplication, useMemoryApp, waitForDecision } from '../support/memory-app.js';

const api = useMemoryApp();
const APPLICANT = 'applicant@demo.kedai';

async function referred(division: string, amount: number) {
  const token = await api.token(APPLICANT);
  const id = await applyAndSubmit(api, token, await strongApplication(api, token, division, { amount }));
  const app = await waitForDecision(api, token, id);
  expect(app.status).toBe('in-review');
  return id;
}

const post = async (user: string, path: string, body?: unknown) => api.call('POST', path, { token: await api.token(user), body });

describe('branch queues and access', () => {
  it('shows a ¥2,000,000 Luoyang application in the Luoyang queue only, and hides it from Zhengzhou staff', async () => {
    const id = await referred('410300', 200_000_000);
    const luoyang = await api.call('GET', '/api/staff/queue', { token: await api.token('rm.luoyang@demo.kedai') });
    expect(luoyang.status).toBe(200);
    const row = luoyang.body.find((r: { id: string }) => r.id === id);
    expect(row).toMatchObject({ tier: 'review-approve', status: 'in-review', stage: 'review' });
    expect(row.band).toBeTruthy();
    const zhengzhou = await api.call('GET', '/api/staff/queue', { token: await api.token('rm.zhengzhou@demo.kedai') });
    expect(zhengzhou.body.map((r: { id: string }) => r.id)).not.toContain(id);
    expect((await api.call('GET', `/api/applications/${id}`, { token: await api.token('rm.zhengzhou@demo.kedai') })).status).toBe(404);
    expect((await post('am.zhengzhou@demo.kedai', `/api/applications/${id}/claim`)).status).toBe(404);
    const hq = await api.call('GET', '/api/staff/queue?status=in-review', { token: await api.token('hq@demo.kedai') });
    expect(hq.body.map((r: { id: string }) => r.id)).toContain(id);
  });

  it('refuses an applicant the queue, claims and opinions with 403', async () => {
    const id = await referred('410300', 200_000_000);
    expect((await api.call('GET', '/api/staff/queue', { token: await api.token(APPLICANT) })).status).toBe(403);
    expect((await post(APPLICANT, `/api/applications/${id}/claim`)).status).toBe(403);
    expect((await post(APPLICANT, `/api/applications/${id}/opinions`, { opinion: 'approve', comment: '' })).status).toBe(403);
    expect((await post(APPLICANT, `/api/applications/${id}/votes`, { vote: 'for', comment: '' })).status).toBe(403);
  });

  it('rejects an unknown queue filter with a field message', async () => {
    const res = await api.call('GET', '/api/staff/queue?status=lost', { token: await api.token('rm.luoyang@demo.kedai') });
    expect(res.status).toBe(422);
    expect(res.body.error.fields.status).toBeTruthy();
  });
});

const get = async (user: string, path: string) => api.call('GET', path, { token: await api.token(user) });

/** A ¥8,000,000 Zhengzhou case taken through risk review and branch approval: head office acts next. */
async function atHeadOfficeApproval() {
  const id = await referred('410100', 800_000_000);
  expect((await post('rm.zhengzhou@demo.kedai', `/api/applications/${id}/opinions`, { opinion: 'approve', comment: '经营稳定' })).status).toBe(200);
  expect((await post('ap.zhengzhou@demo.kedai', `/api/applications/${id}/opinions`, { opinion: 'approve', comment: '同意上报' })).status).toBe(200);
  return id;
}

describe('claims', () => {
  it('lets exactly one of ten simultaneous claims win; the rest get 409 already-claimed', async () => {
    // Two people who may both act at the head-office stage race for it.
    const id = await atHeadOfficeApproval();
    const claimers = ['hq@demo.kedai', 'hq2@demo.kedai'];
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => post(claimers[i % 2], `/api/applications/${id}/claim`)));
    const wins = results.filter((r) => r.status === 200);
    const winner = wins[0]?.body.review?.claimedBy ?? null;
    // The same person may retry their own claim; everyone else must lose.
    expect(new Set(results.filter((r) => r.status === 200).map(() => winner)).size).toBe(1);
    const losers = results.filter((r) => r.status !== 200);
    expect(losers.every((r) => r.status === 409 && r.body.error.code === 'already-claimed')).toBe(true);
    expect(wins.length + losers.length).toBe(10);
    const distinctWinners = new Set(results.map((r, i) => (r.status === 200 ? claimers[i % 2] : null)).filter(Boolean));
    expect(distinctWinners.size).toBe(1);
  });

  it('refuses a claim from a role that cannot act at the stage with 403, so nobody blocks the risk manager', async () => {
    const id = await referred('410300', 200_000_000);
    for (const user of ['am.luoyang@demo.kedai', 'ap.luoyang@demo.kedai', 'hq@demo.kedai', 'cm1@demo.kedai']) {
      const res = await post(user, `/api/applications/${id}/claim`);
      expect(res.status, user).toBe(403);
      expect(res.body.error.code, user).toBe('not-your-stage');
      expect(res.body.error.message, user).toMatch(/risk review stage, where only a risk manager acts/);
    }
    const rm = await post('rm.luoyang@demo.kedai', `/api/applications/${id}/claim`);
    expect(rm.status).toBe(200);
    expect(rm.body.review.claimedBy).toBe('rm.luoyang@demo.kedai');
  });

  it('ends a claim with its stage: the claimant shown is the current stage\'s, and earlier claims stay on record', async () => {
    const id = await referred('410300', 200_000_000);
    expect((await post('rm.luoyang@demo.kedai', `/api/applications/${id}/claim`)).status).toBe(200);
    const reviewed = await post('rm.luoyang@demo.kedai', `/api/applications/${id}/opinions`, { opinion: 'approve', comment: '经营稳定' });
    expect(reviewed.body.review.stage).toBe('approval');
    expect(reviewed.body.review.claimedBy ?? null).toBeNull();
    expect(reviewed.body.review.claims).toEqual([expect.objectContaining({ stage: 'review', by: 'rm.luoyang@demo.kedai' })]);
    const queue = await get('ap.luoyang@demo.kedai', '/api/staff/queue');
    expect(queue.body.find((r: { id: string }) => r.id === id)).toMatchObject({ stage: 'approval', claimedBy: null, waitingFor: 'approver' });
    const claimed = await post('ap.luoyang@demo.kedai', `/api/applications/${id}/claim`);
    expect(claimed.status).toBe(200);
    expect(claimed.body.review.claimedBy).toBe('ap.luoyang@demo.kedai');
    // The claimant of this stage approves it.
    const approved = await post('ap.luoyang@demo.kedai', `/api/applications/${id}/opinions`, { opinion: 'approve', comment: '同意' });
    expect(approved.body.status).toBe('approved');
  });

  it('keeps a claimed stage for its claimant: another who could act is told 409 claimed-by-another', async () => {
    const id = await atHeadOfficeApproval();
    expect((await post('hq@demo.kedai', `/api/applications/${id}/claim`)).status).toBe(200);
    const other = await post('hq2@demo.kedai', `/api/applications/${id}/opinions`, { opinion: 'approve', comment: '同意' });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('claimed-by-another');
    const view = await get('hq2@demo.kedai', `/api/applications/${id}`);
    expect(view.body.can).toMatchObject({ claim: false, opine: false });
    expect(view.body.can.why.opine.code).toBe('claimed-by-another');
    expect((await post('hq@demo.kedai', `/api/applications/${id}/opinions`, { opinion: 'approve', comment: '同意' })).body.status).toBe('approved');
  });
});

describe('what the caller may do (can), from the rule the API enforces', () => {
  it('offers each control only to whoever the API will accept it from, stage by stage', async () => {
    const id = await referred('410300', 200_000_000);
    const can = async (user: string) => (await get(user, `/api/applications/${id}`)).body.can;
    expect(await can('rm.luoyang@demo.kedai')).toMatchObject({ claim: true, opine: true, vote: false });
    for (const user of ['am.luoyang@demo.kedai', 'ap.luoyang@demo.kedai', 'hq@demo.kedai']) {
      const c = await can(user);
      expect(c, user).toMatchObject({ claim: false, opine: false, vote: false });
      expect(c.why.opine.code, user).toBe('not-your-stage');
      // What the page offers is what the API answers: the refused opinion is refused with the same code.
      const res = await post(user, `/api/applications/${id}/opinions`, { opinion: 'approve', comment: '同意' });
      expect([res.status, res.body.error.code], user).toEqual([403, 'not-your-stage']);
    }
    // The applicant's own view carries no staff controls.
    expect((await get(APPLICANT, `/api/applications/${id}`)).body.can).toBeUndefined();
    await post('rm.luoyang@demo.kedai', `/api/applications/${id}/opinions`, { opinion: 'approve', comment: '经营稳定' });
    expect(await can('rm.luoyang@demo.kedai')).toMatchObject({ claim: false, opine: false });
    expect(await can('ap.luoyang@demo.kedai')).toMatchObject({ claim: true, opine: true, release: false });
  });
});

describe('my work', () => {
  it('lists what I have claimed and what waits, unclaimed, for my role in my scope', async () => {
    const id = await referred('410300', 200_000_000);
    const work = async (user: string) => {
      const res = await get(user, '/api/staff/my-work');
      expect(res.status, user).toBe(200);
      return { claimed: res.body.claimed.map((r: { id: string }) => r.id), waiting: res.body.waiting.map((r: { id: string }) => r.id) };
    };
    expect((await work('rm.luoyang@demo.kedai')).waiting).toContain(id);
    for (const user of ['am.luoyang@demo.kedai', 'ap.luoyang@demo.kedai', 'rm.zhengzhou@demo.kedai', 'hq@demo.kedai']) {
      const w = await work(user);
      expect([...w.claimed, ...w.waiting], user).not.toContain(id);
    }
    await post('rm.luoyang@demo.kedai', `/api/applications/${id}/claim`);
    expect(await work('rm.luoyang@demo.kedai')).toMatchObject({ claimed: expect.arrayContaining([id]), waiting: expect.not.arrayContaining([id]) });
    await post('rm.luoyang@demo.kedai', `/api/applications/${id}/opinions`, { opinion: 'approve', comment: '经营稳定' });
    const rm = await work('rm.luoyang@demo.kedai');
    expect([...rm.claimed, ...rm.waiting]).not.toContain(id);
    expect((await work('ap.luoyang@demo.kedai')).waiting).toContain(id);
    expect((await get(APPLICANT, '/api/staff/my-work')).status).toBe(403);
  });
});

describe('comments', () => {
  it.each(['approve', 'reject', 'return'] as const)('refuses an opinion to %s without a comment, naming the field, and writes nothing', async (opinion) => {
    const id = await referred('410300', 200_000_000);
    const before = await api.stack.wired.deps.applications.get(id);
    const res = await post('rm.luoyang@demo.kedai', `/api/applications/${id}/opinions`, { opinion, comment: '   ' });
    expect(res.status).toBe(422);
    expect(res.body.error.fields.comment).toBeTruthy();
    expect((await api.stack.wired.deps.applications.get(id))!.version).toBe(before!.version);
  });
});

describe('review chains', () => {
  it('review-approve: a risk manager approves, then an approver, and the applicant sees approved', async () => {
    const id = await referred('410300', 200_000_000);
    expect((await post('rm.luoyang@demo.kedai', `/api/applications/${id}/claim`)).status).toBe(200);
    const review = await post('rm.luoyang@demo.kedai', `/api/applications/${id}/opinions`, { opinion: 'approve', comment: '经营稳定' });
    expect(review.status).toBe(200);
    expect(review.body.status).toBe('in-review');
    const approval = await post('ap.luoyang@demo.kedai', `/api/applications/${id}/opinions`, { opinion: 'approve', comment: '同意' });
    expect(approval.status).toBe(200);
    const seen = await api.call('GET', `/api/applications/${id}`, { token: await api.token(APPLICANT) });
    expect(seen.body.status).toBe('approved');
    expect(seen.body.decision.outcome).toBe('approved');
    expect(seen.body.offer.schedule.length).toBeGreaterThan(0);
  });

  it('refuses the approver before the review, and a second opinion from the same person', async () => {
    const id = await referred('410300', 200_000_000);
    const early = await post('ap.luoyang@demo.kedai', `/api/applications/${id}/opinions`, { opinion: 'approve', comment: '同意' });
    expect(early.status).toBe(403);
    expect((await post('rm.luoyang@demo.kedai', `/api/applications/${id}/opinions`, { opinion: 'approve', comment: '经营稳定' })).status).toBe(200);
    const twice = await post('rm.luoyang@demo.kedai', `/api/applications/${id}/opinions`, { opinion: 'approve', comment: '再次同意' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('already-acted');
  });

  it('does not let an approver claim before the review, and lets the approval stage\'s claimant approve it', async () => {
    const id = await referred('410300', 200_000_000);
    const early = await post('ap.luoyang@demo.kedai', `/api/applications/${id}/claim`);
    expect([early.status, early.body.error.code]).toEqual([403, 'not-your-stage']);
    expect((await post('rm.luoyang@demo.kedai', `/api/applications/${id}/opinions`, { opinion: 'approve', comment: '经营稳定' })).status).toBe(200);
    expect((await post('ap.luoyang@demo.kedai', `/api/applications/${id}/claim`)).status).toBe(200);
    const own = await post('ap.luoyang@demo.kedai', `/api/applications/${id}/opinions`, { opinion: 'approve', comment: '同意' });
    expect(own.status).toBe(200);
    expect(own.body.status).toBe('approved');
  });

  it('review-two-approvals needs head office after the branch approver', async () => {
    const id = await referred('410100', 800_000_000);
    await post('rm.zhengzhou@demo.kedai', `/api/applications/${id}/opinions`, { opinion: 'approve', comment: '经营稳定' });
    const branch = await post('ap.zhengzhou@demo.kedai', `/api/applications/${id}/opinions`, { opinion: 'approve', comment: '同意上报' });
    expect(branch.body).toMatchObject({ status: 'in-review', review: { stage: 'head-office-approval' } });
    const ho = await post('hq@demo.kedai', `/api/applications/${id}/opinions`, { opinion: 'approve', comment: '同意' });
    expect(ho.body.status).toBe('approved');
  });

  it('returns an application to the applicant with what to fix, and it can be resubmitted', async () => {
    const id = await referred('410300', 200_000_000);
    const noNote = await post('rm.luoyang@demo.kedai', `/api/applications/${id}/opinions`, { opinion: 'return', comment: '' });
    expect(noNote.status).toBe(422);
    const ret = await post('rm.luoyang@demo.kedai', `/api/applications/${id}/opinions`, { opinion: 'return', comment: '请补充近三年财务报表' });
    expect(ret.body.status).toBe('returned');
    const token = await api.token(APPLICANT);
    const seen = await api.call('GET', `/api/applications/${id}`, { token });
    expect(seen.body.status).toBe('returned');
    expect(JSON.stringify(seen.body.events)).toContain('请补充近三年财务报表');
    const again = await api.call('POST', `/api/applications/${id}/submit`, { token });
    expect(again.status).toBe(202);
    expect((await waitForDecision(api, token, id)).status).toBe('in-review');
  });
});

describe('reconsideration of automatic rejections', () => {
  it('lets the branch account manager send a negative-list rejection to the committee, and committee votes decide it', async () => {
    const token = await api.token(APPLICANT);
    const id = await applyAndSubmit(api, token, await listedApplication(api, token, '410100'));
    expect((await waitForDecision(api, token, id)).status).toBe('rejected');
    expect((await post('rm.zhengzhou@demo.kedai', `/api/applications/${id}/reconsider`, { comment: '已履行完毕' })).status).toBe(403);
    const sent = await post('am.zhengzhou@demo.kedai', `/api/applications/${id}/reconsider`, { comment: '失信记录已于上月移除' });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ status: 'in-review', decision: { tier: 'committee', outcome: 'referred' } });
    // The account manager owns the case; the review stage is left for the risk manager to claim.
    expect(sent.body.review.claimedBy ?? null).toBeNull();
    expect(sent.body.assignee).toBe('am.zhengzhou@demo.kedai');
    await post('rm.zhengzhou@demo.kedai', `/api/applications/${id}/opinions`, { opinion: 'approve', comment: '可提交贷审会' });
    const first = await post('cm1@demo.kedai', `/api/applications/${id}/votes`, { vote: 'for', comment: '' });
    expect(first.body.status).toBe('in-review');
    expect(first.body.tally).toMatchObject({ for: 1, against: 0, cast: 1, quorum: 3, toQuorum: 2, decided: false, recused: 0 });
    expect(first.body.tally.eligible).toBeGreaterThanOrEqual(3);
    expect(first.body.can).toMatchObject({ vote: false, opine: false, claim: false });
    expect((await post('cm1@demo.kedai', `/api/applications/${id}/votes`, { vote: 'for', comment: '' })).status).toBe(409);
    await post('cm2@demo.kedai', `/api/applications/${id}/votes`, { vote: 'for', comment: '' });
    // The vote that reaches the quorum is against: the approval is the committee's, never that member's.
    const last = await post('cm3@demo.kedai', `/api/applications/${id}/votes`, { vote: 'against', comment: '担保不足' });
    expect(last.body.status).toBe('approved');
    expect(last.body.decision.reasons[0].detail).toMatch(/2 for, 1 against/);
    expect(last.body.tally).toMatchObject({ for: 2, against: 1, decided: true, outcome: 'approved' });
    const decided = last.body.events.find((e: { type: string }) => e.type === 'decision-approved');
    expect(decided.actor).toBe('credit-committee');
    expect((await api.stack.wired.deps.applications.get(id))!.decision!.decidedBy).toBe('credit-committee');
  });
});
