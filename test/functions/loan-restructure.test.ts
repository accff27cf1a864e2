/**
 * A loan marked restructured (POST /api/staff/loans/{id}/restructure) enters the 2023 rule's observation period:
 * at least special mention for a year from its next due date, with the change and its reasons in the loan's
 * history, kept through servicing even when every instalment is paid on time. In-memory adapters.
 */
import { describe, expect, it } from 'vitest';
import { addMonths } from '../../shared/schedule.js';
import { PASSWORD, applyAndSubmit, strongApplication, useMemoryApp, waitForDecision } from '../support/memory-app.js';

const api = useMemoryApp();
const APPLICANT = 'applicant@demo.kedai';

async function latestCode(username: string) {
  const res = await api.call('GET', `/api/dev/outbox?to=${encodeURIComponent(username)}`);
  return /验证码为\s*(\d{6})/.exec(res.body.find((m: { kind: string }) => m.kind === 'contract-otp').body)![1];
}

/** A fresh session: moving the clock ages earlier tokens past their expiry. */
async function signIn(username: string): Promise<string> {
  const res = await api.call('POST', '/api/auth/sign-in', { body: { username, password: PASSWORD } });
  expect(res.status).toBe(200);
  return res.body.accessToken;
}

async function activeLoan() {
  const token = await api.token(APPLICANT);
  const input = await strongApplication(api, token, '410100');
  const id = await applyAndSubmit(api, token, input);
  expect((await waitForDecision(api, token, id)).status).toBe('approved');
  expect((await api.call('POST', `/api/applications/${id}/contract/otp`, { token })).status).toBe(202);
  const signed = await api.call('POST', `/api/applications/${id}/contract/sign`, { token, body: { signature: { type: 'typed', text: '张伟' }, otp: await latestCode(APPLICANT) } });
  expect(signed.status, JSON.stringify(signed.body)).toBe(200);
  for (const until = Date.now() + 30_000; ;) {
    await api.stack.wired.localRunner.idle();
    if ((await api.call('GET', `/api/applications/${id}`, { token })).body.status === 'active') break;
    if (Date.now() > until) throw new Error('the loan never became active');
    await new Promise((r) => setTimeout(r, 50));
  }
  return { id, creditCode: input.enterprise.creditCode, loan: (await api.call('GET', `/api/loans/${id}`, { token })).body };
}

describe('restructured loans', () => {
  it('keeps a restructured loan at least special mention for its observation year, with reasons, even when paid on time', async () => {
    const { id, creditCode, loan } = await activeLoan();
    expect(loan.classification.class).toBe('normal');
    const record = (await api.stack.wired.deps.loans.get(id))!;
    const am = await signIn(record.accountManager);
    const path = `/api/staff/loans/${id}/restructure`;

    // Who may, and what a reason is.
    expect((await api.call('POST', path, { token: await signIn(APPLICANT), body: { reason: '展期六个月，利率不变' } })).status).toBe(403);
    expect((await api.call('POST', path, { token: await signIn('am.luoyang@demo.kedai'), body: { reason: '展期六个月，利率不变' } })).status).toBe(404);
    const short = await api.call('POST', path, { token: am, body: { reason: '展期' } });
    expect(short.status).toBe(422);
    expect(short.body.error.fields.reason).toBeTruthy();

    const done = await api.call('POST', path, { token: am, body: { reason: '借款人经营困难，展期六个月，利率不变' } });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.restructuredUntil).toBe(addMonths(loan.schedule[0].dueDate, 12));
    expect(done.body.classification.class).toBe('special-mention');
    expect(done.body.classification.reasons.map((r: { en: string }) => r.en).join(' ')).toMatch(/Restructured; under observation until/);

    const after = (await api.stack.wired.deps.loans.get(id))!;
    expect(after.classHistory.at(-1)).toMatchObject({ from: 'normal', to: 'special-mention' });
    expect(after.history.map((h) => h.type)).toEqual(expect.arrayContaining(['restructured', 'reclassified']));
    expect(after.history.find((h) => h.type === 'restructured')!.detail).toMatchObject({ by: record.accountManager, reason: '借款人经营困难，展期六个月，利率不变' });

    // The first instalment is debited on time, and the class stays: the observation period holds.
    await api.stack.wired.deps.coreBanking.setAccountBalance!(creditCode, 100_000_000);
    const moved = await api.call('POST', '/api/dev/clock', { body: { advanceDays: 32 } });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const serviced = (await api.call('GET', `/api/loans/${id}`, { token: await signIn(APPLICANT) })).body;
    expect(serviced.schedule[0].status).toBe('paid');
    expect(serviced.daysPastDue).toBe(0);
    expect(serviced.classification.class).toBe('special-mention');
  });
});
