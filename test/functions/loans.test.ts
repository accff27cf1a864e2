/**
 * The loan's life through the API on the in-memory adapters (DESIGN.md §7.2, issue 13's check): an automatically
 * approved loan becomes active with an account manager; moving the clock debits two instalments; with the balance
 * at zero the third fails, DPD grows and past 90 days the class is substandard with reasons; a full prepayment
 * quote is the outstanding principal plus interest to that day; the statement is a Chinese PDF; staff see the loan
 * in the portfolio and a task for the warning.
 */
import { generateCreditCode } from '../../shared/credit-code.js';
import { describe, expect, it } from 'vitest';
import { daysBetween, interestFor, addDays } from '../../shared/day-count.js';
import { pdfText } from './contract/poppler.js';
import { PASSWORD, applyAndSubmit, strongApplication, useMemoryApp, waitForDecision, type Api } from '../support/memory-app.js';

const api = useMemoryApp();

async function latestCode(username: string) {
  const res = await api.call('GET', `/api/dev/outbox?to=${encodeURIComponent(username)}`);
  const message = res.body.find((m: { kind: string }) => m.kind === 'contract-otp');
  return /验证码为\s*(\d{6})/.exec(message.body)![1];
}

/** Applies, is approved automatically, signs, and waits for the loan to exist. */
async function activeLoan(a: Api, username: string) {
  const token = await a.token(username);
  const input = await strongApplication(a, token, '410100');
  const id = await applyAndSubmit(a, token, input);
  expect((await waitForDecision(a, token, id)).status).toBe('approved');
  expect((await a.call('POST', `/api/applications/${id}/contract/otp`, { token })).status).toBe(202);
  const signed = await a.call('POST', `/api/applications/${id}/contract/sign`, { token, body: { signature: { type: 'typed', text: '张伟' }, otp: await latestCode(username) } });
  expect(signed.status, JSON.stringify(signed.body)).toBe(200);
  for (const until = Date.now() + 30_000; ;) {
    await a.stack.wired.localRunner.idle();
    const app = await a.call('GET', `/api/applications/${id}`, { token });
    if (app.body.status === 'active') break;
    if (Date.now() > until) throw new Error(`stayed ${app.body.status}: ${JSON.stringify(app.body.events?.map((e: { type: string }) => e.type))}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const loan = await a.call('GET', `/api/loans/${id}`, { token });
  expect(loan.status, JSON.stringify(loan.body)).toBe(200);
  return { id, token, creditCode: input.enterprise.creditCode, loan: loan.body };
}

/** A fresh session: moving the clock ages the cached ones past their expiry. */
async function signIn(username: string): Promise<string> {
  const res = await api.call('POST', '/api/auth/sign-in', { body: { username, password: PASSWORD } });
  expect(res.status).toBe(200);
  return res.body.accessToken;
}

async function today() {
  const { body } = await api.call('GET', '/api/dev/clock');
  return new Date(Date.parse(body.now) + 8 * 3_600_000).toISOString().slice(0, 10);
}

async function advanceTo(date: string) {
  const days = daysBetween(await today(), date);
  if (days <= 0) return;
  const res = await api.call('POST', '/api/dev/clock', { body: { advanceDays: days } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

describe('the loan\'s life', () => {
  it('prepays in full today and then refuses a quote on the settled loan, naming the field', async () => {
    const { id, token } = await activeLoan(api, 'applicant2@demo.kedai');
    const q = await api.call('POST', `/api/loans/${id}/prepayment-quote`, { token, body: { date: await today() } });
    expect(q.status, JSON.stringify(q.body)).toBe(200);
    expect(q.body.interest).toBe(0);
    const paid = await api.call('POST', `/api/loans/${id}/prepay`, { token, body: { quoteId: q.body.quoteId } });
    expect(paid.status, JSON.stringify(paid.body)).toBe(202);
    expect(paid.body.status).toBe('settled');
    const loan = (await api.call('GET', `/api/loans/${id}`, { token })).body;
    expect(loan).toMatchObject({ status: 'settled', principalOutstanding: 0 });
    const again = await api.call('POST', `/api/loans/${id}/prepayment-quote`, { token, body: { date: await today() } });
    expect(again.status).toBe(409);
    expect(again.body.error.fields).toHaveProperty('id');
    expect((await api.call('POST', `/api/loans/${id}/prepay`, { token, body: { quoteId: q.body.quoteId } })).status).toBe(409);
  });
  it('debits, goes overdue, is reclassified with reasons, quotes, states and reaches staff', async () => {
    const { id, creditCode, loan } = await activeLoan(api, 'applicant@demo.kedai');
    let token = await signIn('applicant@demo.kedai');
    expect(loan).toMatchObject({ id, status: 'active', daysPastDue: 0, dayCount: 'actual/360', classification: { class: 'normal' } });
    expect(loan.accountManager).toMatch(/^am\.zhengzhou@demo\.kedai$/);
    expect(loan.principalOutstanding).toBe(30_000_000);
    expect(loan.nextDue).toMatchObject({ dueDate: loan.schedule[0].dueDate });
    expect(loan.repaymentAccount.accountNo).toMatch(/^6217\d{12}$/);
    expect((await api.call('GET', '/api/loans', { token })).body.map((l: { id: string }) => l.id)).toContain(id);
    // Nobody else sees it.
    expect((await api.call('GET', `/api/loans/${id}`, { token: await api.token('applicant2@demo.kedai') })).status).toBe(404);

    // Two instalments fall due and are debited from the account the loan was paid into.
    await advanceTo(loan.schedule[1].dueDate);
    token = await signIn('applicant@demo.kedai');
    let now = (await api.call('GET', `/api/loans/${id}`, { token })).body;
    expect(now.repayments).toHaveLength(2);
    expect(now.schedule.slice(0, 2).map((r: { status: string }) => r.status)).toEqual(['paid', 'paid']);
    expect(now.repayments[0]).toMatchObject({ amount: loan.schedule[0].principal + loan.schedule[0].interest, penalty: 0 });
    const outbox = (await api.call('GET', '/api/dev/outbox?to=applicant%40demo.kedai')).body.map((m: { kind: string }) => m.kind);
    expect(outbox).toEqual(expect.arrayContaining(['repayment-reminder', 'repayment-due']));

    // A full prepayment quote: outstanding principal plus interest from the last due date to that day.
    const quoteDate = addDays(await today(), 5);
    const q = await api.call('POST', `/api/loans/${id}/prepayment-quote`, { token, body: { date: quoteDate } });
    expect(q.status, JSON.stringify(q.body)).toBe(200);
    expect(q.body.principal).toBe(now.principalOutstanding);
    expect(q.body.interest).toBe(interestFor(now.principalOutstanding, now.rateBps, daysBetween(loan.schedule[1].dueDate, quoteDate)));
    expect(q.body.total).toBe(q.body.principal + q.body.interest + q.body.fee);
    expect(q.body.newSchedule).toEqual([]);
    const past = await api.call('POST', `/api/loans/${id}/prepayment-quote`, { token, body: { date: addDays(await today(), -1) } });
    expect(past.status).toBe(422);
    expect(past.body.error.fields).toHaveProperty('date');
    const above = await api.call('POST', `/api/loans/${id}/prepayment-quote`, { token, body: { date: quoteDate, amount: now.principalOutstanding + 1 } });
    expect(above.status).toBe(422);
    expect(above.body.error.fields).toHaveProperty('amount');

    // With nothing in the account the third debit fails, and nothing is taken.
    expect((await api.call('POST', '/api/dev/core-banking/balance', { body: { creditCode, balance: 0 } })).status).toBe(200);
    await advanceTo(addDays(loan.schedule[2].dueDate, 1));
    token = await signIn('applicant@demo.kedai');
    now = (await api.call('GET', `/api/loans/${id}`, { token })).body;
    expect(now.repayments).toHaveLength(2);
    expect(now).toMatchObject({ status: 'overdue', daysPastDue: 1, classification: { class: 'special-mention' } });
    expect(now.schedule[2].status).toBe('overdue');
    expect((await api.call('GET', '/api/dev/outbox?to=applicant%40demo.kedai')).body.map((m: { kind: string }) => m.kind)).toContain('repayment-missed');

    await advanceTo(addDays(loan.schedule[2].dueDate, 91));
    token = await signIn('applicant@demo.kedai');
    now = (await api.call('GET', `/api/loans/${id}`, { token })).body;
    expect(now.daysPastDue).toBe(91);
    expect(now.classification.class).toBe('substandard');
    expect(now.classification.reasons[0].en).toMatch(/91 days past due/);
    expect(now.classHistory.map((c: { to: string }) => c.to)).toEqual(['normal', 'special-mention', 'substandard']);
    expect(now.penaltyOutstanding).toBeGreaterThan(0);
    expect(now.repayments).toHaveLength(2);

    // The statement is a Chinese PDF.
    const res = await api.fetch(`/api/loans/${id}/statement`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const text = pdfText(new Uint8Array(await res.arrayBuffer()));
    expect(text).toContain('贷款对账单');
    expect(text).toContain('逾期');

    // Staff: the portfolio, the filtered list and a task for the warning.
    const am = await signIn(loan.accountManager);
    const portfolio = (await api.call('GET', '/api/staff/portfolio', { token: am })).body;
    expect(portfolio.byBranch.map((b: { code: string }) => b.code)).toContain('zhengzhou');
    expect(portfolio.byClass.substandard.count).toBeGreaterThanOrEqual(1);
    expect(portfolio.byDpdBucket['91-180'].count).toBeGreaterThanOrEqual(1);
    expect(portfolio.nplRatio).toBeGreaterThan(0);
    const listed = (await api.call('GET', '/api/staff/loans?class=substandard&dpdMin=90', { token: am })).body;
    expect(listed.map((l: { id: string }) => l.id)).toContain(id);
    const bad = await api.call('GET', '/api/staff/loans?class=awful', { token: am });
    expect(bad.status).toBe(422);
    const tasks = (await api.call('GET', '/api/staff/tasks', { token: am })).body;
    const verify = tasks.find((t: { loanId: string; kind: string }) => t.loanId === id && t.kind === 'verify-warning');
    expect(verify, JSON.stringify(tasks)).toBeTruthy();
    expect(Date.parse(verify.dueBy) - Date.parse(verify.createdAt)).toBe(24 * 3_600_000);
    const done = await api.call('POST', `/api/staff/tasks/${verify.id}/complete`, { token: am, body: { outcome: 'confirmed', note: '已电话核实，企业资金周转困难。' } });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const after = (await api.call('GET', '/api/staff/tasks', { token: am })).body;
    expect(after.some((t: { kind: string; loanId: string }) => t.kind === 'follow-up' && t.loanId === id)).toBe(true);
    expect((await api.call('GET', '/api/staff/portfolio', { token: await signIn('am.luoyang@demo.kedai') })).body.loans).toBe(0);
  });

  it('a retried debit never takes twice', async () => {
    const bank = api.stack.wired.deps.coreBanking;
    // The ledger alone: any account will do (the clock has moved, so no API session is needed).
    const code = generateCreditCode(() => 0.37, '410100');
    await bank.setAccountBalance!(code, 1_000);
    const first = await bank.debit({ creditCode: code, key: 'L#P1#0', amount: 600, memo: 'x' });
    const again = await bank.debit({ creditCode: code, key: 'L#P1#0', amount: 600, memo: 'x' });
    expect(first).toMatchObject({ ok: true, amount: 600, replayed: false });
    expect(again).toMatchObject({ ok: true, amount: 600, replayed: true });
    expect(await bank.accountBalance(code)).toBe(400);
    expect(await bank.debit({ creditCode: code, key: 'L#P2#0', amount: 600, memo: 'x' })).toMatchObject({ ok: false, reason: 'insufficient-funds' });
    expect(await bank.accountBalance(code)).toBe(400);
  });

});
