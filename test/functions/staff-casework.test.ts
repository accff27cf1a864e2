import { describe, expect, it } from 'vitest';
import { escalateOverdue } from '../../functions/core/use-cases/staff-casework.js';
import { applyAndSubmit, strongApplication, useMemoryApp, waitForDecision } from '../support/memory-app.js';

const api = useMemoryApp();
const APPLICANT = 'applicant@demo.kedai';
const as = async (user: string, method: string, path: string, body?: unknown) => api.call(method, path, { token: await api.token(user), body });

async function inReview(division = '410300', amount = 200_000_000) {
  const token = await api.token(APPLICANT);
  const id = await applyAndSubmit(api, token, await strongApplication(api, token, division, { amount }));
  expect((await waitForDecision(api, token, id)).status).toBe('in-review');
  return id;
}

describe('investigation report', () => {
  it('is pre-filled from what the system knows and completed by the account manager only', async () => {
    const id = await inReview();
    const draft = await as('am.luoyang@demo.kedai', 'GET', `/api/applications/${id}/investigation`);
    expect(draft.status).toBe(200);
    expect(draft.body.facts.map((f: { label: { en: string } }) => f.label.en)).toEqual(expect.arrayContaining(['Debt-to-asset ratio', 'Health index / band']));
    expect(draft.body.missing).toContain('technical-strength');
    const saved = await as('am.luoyang@demo.kedai', 'PUT', `/api/applications/${id}/investigation`, { sections: { 'technical-strength': '拥有发明专利12项' } });
    expect(saved.status).toBe(200);
    expect(saved.body.sections['technical-strength']).toBe('拥有发明专利12项');
    expect(saved.body.missing).not.toContain('technical-strength');
    expect((await as('rm.luoyang@demo.kedai', 'PUT', `/api/applications/${id}/investigation`, { sections: { conclusion: 'x' } })).status).toBe(403);
    expect((await as(APPLICANT, 'GET', `/api/applications/${id}/investigation`)).status).toBe(403);
    expect((await as('am.zhengzhou@demo.kedai', 'GET', `/api/applications/${id}/investigation`)).status).toBe(404);
    const bad = await as('am.luoyang@demo.kedai', 'PUT', `/api/applications/${id}/investigation`, { sections: { gossip: 'x' } });
    expect(bad.status).toBe(422);
  });
});

describe('claims, release and reassignment', () => {
  it('lets the claimant release, an approver reassign within the branch, and records both', async () => {
    const id = await inReview();
    expect((await as('rm.luoyang@demo.kedai', 'POST', `/api/applications/${id}/claim`)).status).toBe(200);
    expect((await as('am.luoyang@demo.kedai', 'POST', `/api/applications/${id}/release`)).status).toBe(403);
    const released = await as('rm.luoyang@demo.kedai', 'POST', `/api/applications/${id}/release`);
    expect(released.status).toBe(200);
    expect(released.body.review.claimedBy ?? null).toBeNull();
    expect((await as('am.luoyang@demo.kedai', 'POST', `/api/applications/${id}/assign`, { username: 'rm.luoyang@demo.kedai' })).status).toBe(403);
    const elsewhere = await as('ap.luoyang@demo.kedai', 'POST', `/api/applications/${id}/assign`, { username: 'am.zhengzhou@demo.kedai' });
    expect(elsewhere.status).toBe(422);
    // An account manager becomes the case owner; the stage's claim goes only to someone who may act at it.
    const owner = await as('ap.luoyang@demo.kedai', 'POST', `/api/applications/${id}/assign`, { username: 'am.luoyang@demo.kedai' });
    expect(owner.status).toBe(200);
    expect(owner.body.assignee).toBe('am.luoyang@demo.kedai');
    expect(owner.body.review.claimedBy ?? null).toBeNull();
    const moved = await as('ap.luoyang@demo.kedai', 'POST', `/api/applications/${id}/assign`, { username: 'rm.luoyang@demo.kedai' });
    expect(moved.status).toBe(200);
    expect(moved.body.review.claimedBy).toBe('rm.luoyang@demo.kedai');
    expect(moved.body.events.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['claim-released', 'reassigned']));
  });

  it('does not hand a stage to someone who cannot act at it', async () => {
    const id = await inReview();
    const res = await as('ap.luoyang@demo.kedai', 'POST', `/api/applications/${id}/assign`, { username: 'ap.luoyang@demo.kedai' });
    expect([res.status, res.body.error.code]).toEqual([422, 'cannot-act-at-stage']);
    expect(res.body.error.fields.username).toBeTruthy();
  });
});

describe('committee recusal', () => {
  it('keeps a recused member from voting and records the reason', async () => {
    const id = await inReview('410100', 1_500_000_000);
    await as('rm.zhengzhou@demo.kedai', 'POST', `/api/applications/${id}/opinions`, { opinion: 'approve', comment: '可提交贷审会' });
    const before = (await as('cm2@demo.kedai', 'GET', `/api/applications/${id}`)).body.tally;
    expect((await as('cm1@demo.kedai', 'POST', `/api/applications/${id}/recuse`, { reason: '与借款人存在关联关系' })).status).toBe(200);
    const vote = await as('cm1@demo.kedai', 'POST', `/api/applications/${id}/votes`, { vote: 'for', comment: '' });
    expect(vote.status).toBe(403);
    expect(vote.body.error.message).toMatch(/conflict of interest/);
    // The tally counts the recusal, and the recused member is offered no vote.
    const view = await as('cm1@demo.kedai', 'GET', `/api/applications/${id}`);
    expect(view.body.tally.recused).toBe(before.recused + 1);
    expect(view.body.can).toMatchObject({ vote: false, recuse: true });
    expect(view.body.can.why.vote.code).toBe('recused');
    expect((await as('rm.zhengzhou@demo.kedai', 'POST', `/api/applications/${id}/recuse`, { reason: 'x y' })).status).toBe(403);
  });
});

describe('documents for staff', () => {
  it('gives the branch a short-lived attachment link and hides it from other branches', async () => {
    const id = await inReview();
    const view = await as('rm.luoyang@demo.kedai', 'GET', `/api/applications/${id}`);
    const doc = view.body.documents[0];
    const link = await as('rm.luoyang@demo.kedai', 'GET', `/api/applications/${id}/documents/${doc.documentId}/download`);
    expect(link.status).toBe(200);
    const file = await fetch(link.body.url);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toMatch(/^attachment/);
    expect((await as('rm.zhengzhou@demo.kedai', 'GET', `/api/applications/${id}/documents/${doc.documentId}/download`)).status).toBe(404);
  });

  it('serves staff a verified document through the staff-only route, branch-scoped, and refuses applicants', async () => {
    const id = await inReview();
    const docs = (await as('rm.luoyang@demo.kedai', 'GET', `/api/applications/${id}`)).body.documents;
    const path = (documentId: string) => `/api/staff/applications/${id}/documents/${documentId}`;
    for (const user of ['am.luoyang@demo.kedai', 'rm.luoyang@demo.kedai', 'ap.luoyang@demo.kedai', 'hq@demo.kedai']) {
      const link = await as(user, 'GET', path(docs[0].documentId));
      expect(link.status, user).toBe(200);
      expect(link.body.expiresInSeconds).toBeLessThanOrEqual(300);
      const file = await fetch(link.body.url);
      expect(file.status, user).toBe(200);
      expect(file.headers.get('content-disposition')).toMatch(/^attachment/);
    }
    // The owner uses its own route; the staff route refuses applicants by role before looking at the id.
    expect((await as(APPLICANT, 'GET', path(docs[0].documentId))).status).toBe(403);
    expect((await as('applicant2@demo.kedai', 'GET', path(docs[0].documentId))).status).toBe(403);
    expect((await as('rm.zhengzhou@demo.kedai', 'GET', path(docs[0].documentId))).status).toBe(404);
    expect((await as('rm.luoyang@demo.kedai', 'GET', path('no-such-document'))).status).toBe(404);
    expect((await api.call('GET', path(docs[0].documentId))).status).toBe(401);
  });

  it('does not serve a document whose bytes were never verified', async () => {
    const token = await api.token(APPLICANT);
    const id = await applyAndSubmit(api, token, await strongApplication(api, token, '410300', { amount: 200_000_000 }));
    const slot = await api.call('POST', `/api/applications/${id}/documents`, { token, body: { kind: 'other', fileName: 'extra.pdf', contentType: 'application/pdf', size: 1000 } });
    if (slot.status !== 201) return expect(slot.status).toBe(409); // in review already: the applicant cannot add one
    expect((await as('rm.luoyang@demo.kedai', 'GET', `/api/staff/applications/${id}/documents/${slot.body.documentId}`)).status).toBe(404);
  });
});

describe('SLA escalation', () => {
  it('escalates an application unclaimed past four working hours to the branch approvers, once', async () => {
    const id = await inReview('411000');
    const deps = api.stack.wired.deps;
    const later = { ...deps, clock: { now: () => new Date(Date.now() + 7 * 86_400_000) } };
    expect(await escalateOverdue(later)).toBeGreaterThanOrEqual(1);
    const app = await api.stack.wired.deps.applications.get(id);
    expect(app!.review!.escalatedAt).toBeTruthy();
    const outbox = await api.call('GET', '/api/dev/outbox?to=ap.xuchang@demo.kedai');
    expect(outbox.body.some((m: { kind: string; body: string }) => m.kind === 'sla-escalation' && m.body.includes(id))).toBe(true);
    const before = app!.version;
    await escalateOverdue(later);
    expect((await api.stack.wired.deps.applications.get(id))!.version).toBe(before);
    expect(await escalateOverdue(deps)).toBe(0);
  });
});
