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

describe('claims', () => {
  it('lets exactly one of ten simultaneous claims win; the rest get 409 already-claimed', async () => {
    const id = await referred('410300', 200_000_000);
    const claimers = ['am.luoyang@demo.kedai', 'rm.luoyang@demo.kedai', 'ap.luoyang@demo.kedai'];
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => post(claimers[i % 3], `/api/applications/${id}/claim`)));
    const wins = results.filter((r) => r.status === 200);
    const winner = wins[0]?.body.review?.claimedBy ?? null;
    // The same person may retry their own claim; everyone else must lose.
    expect(new Set(results.filter((r) => r.status === 200).map(() => winner)).size).toBe(1);
    const losers = results.filter((r) => r.status !== 200);
    expect(losers.every((r) => r.status === 409 && r.body.error.code === 'already-claimed')).toBe(true);
    expect(wins.length + losers.length).toBe(10);
    const distinctWinners = new Set(results.map((r, i) => (r.status === 200 ? claimers[i % 3] : null)).filter(Boolean));
    expect(distinctWinners.size).toBe(1);
  });
});

describe('review chains', () => {
  it('review-approve: a risk manager approves, then an approver, and the applicant sees approved', async () => {
    const id = await referred('410300', 200_000_000);
    expect((await post('am.luoyang@demo.kedai', `/api/applications/${id}/claim`)).status).toBe(200);
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
    const early = await post('ap.luoyang@demo.kedai', `/api/applications/${id}/opinions`, { opinion: 'approve', comment: '' });
    expect(early.status).toBe(403);
    expect((await post('rm.luoyang@demo.kedai', `/api/applications/${id}/opinions`, { opinion: 'approve', comment: '' })).status).toBe(200);
    const twice = await post('rm.luoyang@demo.kedai', `/api/applications/${id}/opinions`, { opinion: 'approve', comment: '' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('already-acted');
  });

  it('does not let the claimant approve their own case', async () => {
    const id = await referred('410300', 200_000_000);
    expect((await post('ap.luoyang@demo.kedai', `/api/applications/${id}/claim`)).status).toBe(200);
    expect((await post('rm.luoyang@demo.kedai', `/api/applications/${id}/opinions`, { opinion: 'approve', comment: '' })).status).toBe(200);
    const own = await post('ap.luoyang@demo.kedai', `/api/applications/${id}/opinions`, { opinion: 'approve', comment: '' });
    expect(own.status).toBe(403);
    expect(own.body.error.message).toMatch(/claimant/);
  });

  it('review-two-approvals needs head office after the branch approver', async () => {
    const id = await referred('410100', 800_000_000);
    await post('rm.zhengzhou@demo.kedai', `/api/applications/${id}/opinions`, { opinion: 'approve', comment: '' });
    const branch = await post('ap.zhengzhou@demo.kedai', `/api/applications/${id}/opinions`, { opinion: 'approve', comment: '' });
    expect(branch.body).toMatchObject({ status: 'in-review', review: { stage: 'head-office-approval' } });
    const ho = await post('hq@demo.kedai', `/api/applications/${id}/opinions`, { opinion: 'approve', comment: '' });
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
    await post('rm.zhengzhou@demo.kedai', `/api/applications/${id}/opinions`, { opinion: 'approve', comment: '' });
    expect((await post('cm1@demo.kedai', `/api/applications/${id}/votes`, { vote: 'for', comment: '' })).body.status).toBe('in-review');
    expect((await post('cm1@demo.kedai', `/api/applications/${id}/votes`, { vote: 'for', comment: '' })).status).toBe(409);
    await post('cm2@demo.kedai', `/api/applications/${id}/votes`, { vote: 'against', comment: '' });
    const last = await post('cm3@demo.kedai', `/api/applications/${id}/votes`, { vote: 'for', comment: '' });
    expect(last.body.status).toBe('approved');
    expect(last.body.decision.reasons[0].detail).toMatch(/2 for, 1 against/);
  });
});
