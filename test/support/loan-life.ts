/**
 * The loan's life (DESIGN.md §7.2, issue 13's check) as scenarios over any Api, so the same check runs in memory
 * (loans.test.ts) and on the emulators (loans-emulators.test.ts).
 */
import { expect } from 'vitest';
import { daysBetween, interestFor, addDays } from '../../shared/day-count.js';
import { pdfText } from '../functions/contract/poppler.js';
import { PASSWORD, applyAndSubmit, strongApplication, waitForDecision, type Api } from './api.js';

async function latestCode(api: Api, username: string) {
  const res = await api.call('GET', `/api/dev/outbox?to=${encodeURIComponent(username)}`);
  const message = res.body.find((m: { kind: string }) => m.kind === 'contract-otp');
  return /验证码为\s*(\d{6})/.exec(message.body)![1];
}

/** Applies, is approved automatically, signs, and waits for the loan to exist. */
export async function activeLoan(api: Api, username: string) {
  const token = await api.token(username);
  const input = await strongApplication(api, token, '410100');
  const id = await applyAndSubmit(api, token, input);
  expect((await waitForDecision(api, token, id)).status).toBe('approved');
  expect((await api.call('POST', `/api/applications/${id}/contract/otp`, { token })).status).toBe(202);
  const signed = await api.call('POST', `/api/applications/${id}/contract/sign`, { token, body: { signature: { type: 'typed', text: '张伟' }, otp: await latestCode(api, username) } });
  expect(signed.status, JSON.stringify(signed.body)).toBe(200);
  for (const until = Date.now() + 30_000; ;) {
    await api.stack.wired.localRunner.idle();
    const app = await api.call('GET', `/api/applications/${id}`, { token });
    if (app.body.status === 'active') break;
    if (Date.now() > until) throw new Error(`stayed ${app.body.status}: ${JSON.stringify(app.body.events?.map((e: { type: string }) => e.type))}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const loan = await api.call('GET', `/api/loans/${id}`, { token });
  expect(loan.status, JSON.stringify(loan.body)).toBe(200);
  return { id, token, creditCode: input.enterprise.creditCode, loan: loan.body };
}

/** A fresh session: moving the clock ages the cached ones past their expiry. */
async function signIn(api: Api, username: string): Promise<string> {
  const res = await api.call('POST', '/api/auth/sign-in', { body: { username, password: PASSWORD } });
  expect(res.status).toBe(200);
  return res.body.accessToken;
}

export async function today(api: Api) {
  const { body } = await api.call('GET', '/api/dev/clock');
  return new Date(Date.parse(body.now) + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** What the clock walk cost: wall time spent in POST /api/dev/clock and the days it moved. */
export interface ClockWalk { ms: number; days: number; calls: number }

async function advanceTo(api: Api, date: string, walk: ClockWalk) {
  const days = daysBetween(await today(api), date);
  if (days <= 0) return;
  const started = performance.now();
  const res = await api.call('POST', '/api/dev/clock', { body: { advanceDays: days } });
  walk.ms += performance.now() - started;
  walk.days += days;
  walk.calls++;
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body).toMatchObject({ days, failed: 0 });
}

/** Prepays in full on the day the loan starts, then a quote or prepayment on the settled loan is refused. */
export async function prepayOnFirstDay(api: Api, username = 'applicant2@demo.kedai') {
  const { id, token } = await activeLoan(api, username);
  const q = await api.call('POST', `/api/loans/${id}/prepayment-quote`, { token, body: { date: await today(api) } });
  expect(q.status, JSON.stringify(q.body)).toBe(200);
  expect(q.body.interest).toBe(0);
  const paid = await api.call('POST', `/api/loans/${id}/prepay`, { token, body: { quoteId: q.body.quoteId } });
  expect(paid.status, JSON.stringify(paid.body)).toBe(202);
  expect(paid.body.status).toBe('settled');
  const loan = (await api.call('GET', `/api/loans/${id}`, { token })).body;
  expect(loan).toMatchObject({ status: 'settled', principalOutstanding: 0 });
  const again = await api.call('POST', `/api/loans/${id}/prepayment-quote`, { token, body: { date: await today(api) } });
  expect(again.status).toBe(409);
  expect(again.body.error.fields).toHaveProperty('id');
  expect((await api.call('POST', `/api/loans/${id}/prepay`, { token, body: { quoteId: q.body.quoteId } })).status).toBe(409);
}

/**
 * Issue 13's check: an automatically approved loan is active with an account manager; moving the clock debits two
 * instalments; with the balance at zero the third fails, DPD grows and past 90 days the class is substandard with
 * reasons; a full prepayment quote is the outstanding principal plus interest to that day; the statement is a
 * Chinese PDF; staff see the loan in the portfolio and a task for the warning. Returns what the clock walk cost.
 */
export async function loanLife(api: Api, username = 'applicant@demo.kedai'): Promise<ClockWalk> {
  const walk: ClockWalk = { ms: 0, days: 0, calls: 0 };
  const enc = encodeURIComponent(username);
  const { id, creditCode, loan } = await activeLoan(api, username);
  let token = await signIn(api, username);
  expect(loan).toMatchObject({ id, status: 'active', daysPastDue: 0, dayCount: 'actual/360', classification: { class: 'normal' } });
  expect(loan.accountManager).toMatch(/^am\.zhengzhou@demo\.kedai$/);
  expect(loan.principalOutstanding).toBe(30_000_000);
  expect(loan.nextDue).toMatchObject({ dueDate: loan.schedule[0].dueDate });
  expect(loan.repaymentAccount.accountNo).toMatch(/^6217\d{12}$/);
  expect((await api.call('GET', '/api/loans', { token })).body.map((l: { id: string }) => l.id)).toContain(id);
  // Nobody else sees it.
  expect((await api.call('GET', `/api/loans/${id}`, { token: await api.token('applicant2@demo.kedai') })).status).toBe(404);

  // Two instalments fall due and are debited from the account the loan was paid into.
  await advanceTo(api, loan.schedule[1].dueDate, walk);
  token = await signIn(api, username);
  let now = (await api.call('GET', `/api/loans/${id}`, { token })).body;
  expect(now.repayments).toHaveLength(2);
  expect(now.schedule.slice(0, 2).map((r: { status: string }) => r.status)).toEqual(['paid', 'paid']);
  expect(now.repayments[0]).toMatchObject({ amount: loan.schedule[0].principal + loan.schedule[0].interest, penalty: 0 });
  const outbox = (await api.call('GET', `/api/dev/outbox?to=${enc}`)).body.map((m: { kind: string }) => m.kind);
  expect(outbox).toEqual(expect.arrayContaining(['repayment-reminder', 'repayment-due']));

  // A full prepayment quote: outstanding principal plus interest from the last due date to that day.
  const quoteDate = addDays(await today(api), 5);
  const q = await api.call('POST', `/api/loans/${id}/prepayment-quote`, { token, body: { date: quoteDate } });
  expect(q.status, JSON.stringify(q.body)).toBe(200);
  expect(q.body.principal).toBe(now.principalOutstanding);
  expect(q.body.interest).toBe(interestFor(now.principalOutstanding, now.rateBps, daysBetween(loan.schedule[1].dueDate, quoteDate)));
  expect(q.body.total).toBe(q.body.principal + q.body.interest + q.body.fee);
  expect(q.body.newSchedule).toEqual([]);
  const past = await api.call('POST', `/api/loans/${id}/prepayment-quote`, { token, body: { date: addDays(await today(api), -1) } });
  expect(past.status).toBe(422);
  expect(past.body.error.fields).toHaveProperty('date');
  const above = await api.call('POST', `/api/loans/${id}/prepayment-quote`, { token, body: { date: quoteDate, amount: now.principalOutstanding + 1 } });
  expect(above.status).toBe(422);
  expect(above.body.error.fields).toHaveProperty('amount');

  // With nothing in the account the third debit fails, and nothing is taken.
  expect((await api.call('POST', '/api/dev/core-banking/balance', { body: { creditCode, balance: 0 } })).status).toBe(200);
  await advanceTo(api, addDays(loan.schedule[2].dueDate, 1), walk);
  token = await signIn(api, username);
  now = (await api.call('GET', `/api/loans/${id}`, { token })).body;
  expect(now.repayments).toHaveLength(2);
  expect(now).toMatchObject({ status: 'overdue', daysPastDue: 1, classification: { class: 'special-mention' } });
  expect(now.schedule[2].status).toBe('overdue');
  expect((await api.call('GET', `/api/dev/outbox?to=${enc}`)).body.map((m: { kind: string }) => m.kind)).toContain('repayment-missed');

  await advanceTo(api, addDays(loan.schedule[2].dueDate, 91), walk);
  token = await signIn(api, username);
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
  const am = await signIn(api, loan.accountManager);
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
  expect((await api.call('GET', '/api/staff/portfolio', { token: await signIn(api, 'am.luoyang@demo.kedai') })).body.loans).toBe(0);
  return walk;
}
