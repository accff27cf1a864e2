/**
 * What reaches a reader: error messages in the caller's language (code and fields unchanged), decision reasons
 * as sentences with money in yuan, and a borrower's view without the bank's people's names. On the memory adapters.
 */
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { applyAndSubmit, listedApplication, strongApplication, useMemoryApp, waitForDecision } from '../support/memory-app.js';

const api = useMemoryApp();
const APPLICANT = 'applicant@demo.kedai';
const ZH = { 'accept-language': 'zh-CN, zh;q=0.9' };
const EN = { 'accept-language': 'en-GB,en;q=0.9' };
const CJK = /[\u4e00-\u9fff]/;
/** The demo stack's staff and committee sign-in names (functions/local/demo-accounts.ts). */
const STAFF_NAME = /\b(?:am|rm|ap|pm)\.[a-z]+@|\bcm\d+@|\bhq\d*@/;

const as = async (user: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  api.call(method, path, { token: await api.token(user), body, headers });

async function draft() {
  const token = await api.token(APPLICANT);
  const created = await api.call('POST', '/api/applications', { token, body: await strongApplication(api, token, '410100'), headers: { 'Idempotency-Key': randomUUID() } });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

describe('error messages follow Accept-Language', () => {
  it('names the missing core documents in Chinese for a Chinese caller and in English otherwise, with the same code and fields', async () => {
    const id = await draft();
    const zh = await as(APPLICANT, 'POST', `/api/applications/${id}/submit`, undefined, ZH);
    const en = await as(APPLICANT, 'POST', `/api/applications/${id}/submit`, undefined, EN);
    const none = await as(APPLICANT, 'POST', `/api/applications/${id}/submit`);
    expect(zh.status).toBe(422);
    expect(zh.body.error.code).toBe('missing-documents');
    expect(zh.body.error.message).toBe('尚缺核心材料：营业执照、法定代表人身份证、基本存款账户信息。请先上传并通过校验。');
    expect(en.body.error.message).toBe("Missing core documents: business licence, legal representative's ID card, basic deposit account details.");
    expect(none.body.error.message).toBe(en.body.error.message);
    expect(zh.body.error.fields).toEqual(en.body.error.fields);
    expect(zh.body.error.code).toBe(en.body.error.code);
  });

  it('answers sign-in, unknown routes and validation in the caller’s language', async () => {
    const anon = await api.call('GET', '/api/applications', { headers: ZH });
    expect(anon.status).toBe(401);
    expect(anon.body.error).toMatchObject({ code: 'unauthenticated', message: expect.stringMatching(CJK) });
    expect((await api.call('GET', '/api/applications')).body.error.message).toMatch(/^Sign in first/);
    const route = await as(APPLICANT, 'GET', '/api/no-such-route', undefined, ZH);
    expect(route.status).toBe(404);
    expect(route.body.error.message).toMatch(CJK);
    const token = await api.token(APPLICANT);
    const bad = await api.call('POST', '/api/applications', { token, body: { enterprise: {} }, headers: { ...ZH, 'Idempotency-Key': randomUUID() } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toBe('请检查标出的字段。');
    expect(Object.keys(bad.body.error.fields).length).toBeGreaterThan(0);
  });

  it('words a role refusal in Chinese with the role that decides, not "which a approver decides"', async () => {
    const token = await api.token(APPLICANT);
    const id = await applyAndSubmit(api, token, await strongApplication(api, token, '410100', { amount: 200_000_000 }));
    expect((await waitForDecision(api, token, id)).status).toBe('in-review');
    const zh = await as('ap.zhengzhou@demo.kedai', 'POST', `/api/applications/${id}/opinions`, { opinion: 'approve', comment: '' }, ZH);
    expect(zh.status).toBe(403);
    expect(zh.body.error).toMatchObject({ code: 'not-your-stage', message: '该申请处于审查环节，应由风险经理办理。' });
    const en = await as('ap.zhengzhou@demo.kedai', 'POST', `/api/applications/${id}/opinions`, { opinion: 'approve', comment: '' });
    expect(en.body.error.message).toBe('This application is at the risk review stage, where only a risk manager acts.');
  });
});

describe('reasons and the borrower’s view', () => {
  it('gives staff the figures behind a referral in yuan in their language, and the applicant only the sentence', async () => {
    const token = await api.token(APPLICANT);
    const id = await applyAndSubmit(api, token, await strongApplication(api, token, '410100', { amount: 200_000_000 }));
    await waitForDecision(api, token, id);
    const staffZh = await as('rm.zhengzhou@demo.kedai', 'GET', `/api/applications/${id}`, undefined, ZH);
    const staffEn = await as('rm.zhengzhou@demo.kedai', 'GET', `/api/applications/${id}`, undefined, EN);
    const ceiling = staffZh.body.decision.reasons.find((r: { code: string }) => r.code === 'amount-above-auto-ceiling');
    expect(ceiling.params).toMatchObject({ amount: 200_000_000 });
    expect(ceiling.detail).toMatch(/^申请金额2,000,000元，高于秒批上限[\d,]+元。$/);
    expect(staffEn.body.decision.reasons.find((r: { code: string }) => r.code === 'amount-above-auto-ceiling').detail).toMatch(/^Amount ¥2,000,000 is above/);
    for (const r of staffZh.body.decision.reasons) expect(r.detail).not.toMatch(/\d{7,}|→|×/);
    const own = await api.call('GET', `/api/applications/${id}`, { token });
    for (const r of own.body.decision.reasons) expect(Object.keys(r).sort()).toEqual(['code', 'text']);
  });

  it('shows the borrower roles, not the names of the staff and committee who reviewed the case; staff still see names', async () => {
    const token = await api.token(APPLICANT);
    const id = await applyAndSubmit(api, token, await listedApplication(api, token, '410100'));
    expect((await waitForDecision(api, token, id)).status).toBe('rejected');
    expect((await as('am.zhengzhou@demo.kedai', 'POST', `/api/applications/${id}/reconsider`, { comment: '失信记录已于上月移除' })).status).toBe(200);
    await as('rm.zhengzhou@demo.kedai', 'POST', `/api/applications/${id}/opinions`, { opinion: 'approve', comment: '记录已移除，经营正常' });
    await as('cm1@demo.kedai', 'POST', `/api/applications/${id}/votes`, { vote: 'for', comment: '' });
    await as('cm2@demo.kedai', 'POST', `/api/applications/${id}/votes`, { vote: 'against', comment: '' });
    const last = await as('cm3@demo.kedai', 'POST', `/api/applications/${id}/votes`, { vote: 'for', comment: '' }, ZH);
    expect(last.body.status).toBe('approved');
    expect(last.body.decision.reasons[0].detail).toMatch(/^贷审会（(?:总行|.+分行)）：赞成2票，反对1票，法定人数3\/3。$/);

    const own = await api.call('GET', `/api/applications/${id}`, { token, headers: ZH });
    expect(JSON.stringify(own.body)).not.toMatch(STAFF_NAME);
    const actors = new Set(own.body.events.map((e: { actor: string }) => e.actor));
    expect(actors).toContain('committee');
    expect(actors).toContain('account-manager');
    expect(actors).toContain('risk-manager');
    const staff = await as('hq@demo.kedai', 'GET', `/api/applications/${id}`);
    expect(JSON.stringify(staff.body.events)).toMatch(/cm1@demo\.kedai/);
  });

  it('records a contract view once per person, however often the borrower opens it', async () => {
    const token = await api.token(APPLICANT);
    const id = await applyAndSubmit(api, token, await strongApplication(api, token, '410100'));
    expect((await waitForDecision(api, token, id)).status).toBe('approved');
    const open = async () => {
      for (let i = 0; i < 300; i++) {
        const res = await api.fetch(`/api/applications/${id}/contract`, { headers: { authorization: `Bearer ${token}`, accept: 'application/pdf' } });
        await res.arrayBuffer();
        if (res.status !== 503) return res.status;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('the contract was never prepared');
    };
    for (let i = 0; i < 3; i++) expect(await open()).toBe(200);
    const own = await api.call('GET', `/api/applications/${id}`, { token });
    expect(own.body.events.filter((e: { type: string }) => e.type === 'contract-viewed')).toHaveLength(1);
    const staff = await as('hq@demo.kedai', 'GET', `/api/applications/${id}`);
    expect(staff.body.events.filter((e: { type: string }) => e.type === 'contract-viewed')).toHaveLength(1);
  });
});
