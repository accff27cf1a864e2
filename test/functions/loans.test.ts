/**
 * The loan's life through the API on the in-memory adapters (DESIGN.md §7.2, issue 13's check): an automatically
 * approved loan becomes active with an account manager; moving the clock debits two instalments; with the balance
 * at zero the third fails, DPD grows and past 90 days the class is substandard with reasons; a full prepayment
 * quote is the outstanding principal plus interest to that day; the statement is a Chinese PDF; staff see the loan
 * in the portfolio and a task for the warning.
 */
import { generateCreditCode } from '../../shared/credit-code.js';
import { describe, expect, it } from 'vitest';
import { BRANCHES } from '../../shared/divisions.js';
import { advanceClock } from '../../functions/core/use-cases/dev-clock.js';
import { loanLife, prepayOnFirstDay } from '../support/loan-life.js';
import { useMemoryApp } from '../support/memory-app.js';

const api = useMemoryApp();

describe('the loan\'s life', () => {
  it('prepays in full today and then refuses a quote on the settled loan, naming the field', async () => {
    await prepayOnFirstDay(api);
  });
  it('debits, goes overdue, is reclassified with reasons, quotes, states and reaches staff', async () => {
    await loanLife(api);
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

  it('walks the clock on one read of every branch, not one per simulated day', async () => {
    const deps = api.stack.wired.deps;
    const counts = { branchPage: 0, queuePage: 0 };
    const counted = <T extends object>(target: T) => new Proxy(target, {
      get(t, k) {
        const v = Reflect.get(t, k, t);
        if (typeof v !== 'function') return v;
        return (...args: unknown[]) => { if (k in counts) counts[k as keyof typeof counts]++; return v.apply(t, args); };
      },
    });
    const walked = await advanceClock({ ...deps, loans: counted(deps.loans), applications: counted(deps.applications) }, 30);
    expect(walked).toMatchObject({ days: 30, failed: 0 });
    // The overdue loan from the test above is serviced every one of those days, on its own record.
    expect(counts.branchPage).toBe(BRANCHES.length);
    expect(counts.queuePage).toBe(BRANCHES.length);
  });
});
