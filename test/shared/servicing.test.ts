import { describe, expect, it } from 'vitest';
import { interestFor } from '../../shared/day-count.js';
import { buildSchedule } from '../../shared/schedule.js';
import { classify, dpdFloor, nonPerformingShare, reclassify } from '../../shared/servicing/classification.js';
import {
  accruePenalty, allocate, amountDue, daysPastDue, instalmentStatus, isRepaid, nextDue, openBook, penaltyRateBps, principalOutstanding, type LoanBook,
} from '../../shared/servicing/loan.js';
import { applyPrepayment, quotePrepayment } from '../../shared/servicing/prepayment.js';

const START = '2026-01-10';
function book(method: 'equal-instalment' | 'equal-principal' | 'monthly-interest' = 'equal-instalment', principal = 12_000_000): LoanBook {
  const schedule = buildSchedule({ principal, rateBps: 360, termMonths: 12, method, startDate: START });
  return openBook({ principal, rateBps: 360, startDate: START, maturityDate: schedule[11].dueDate, method, termMonths: 12 }, schedule);
}
const taken = (n: number) => ({ at: `2026-01-01T00:00:00.00${n}Z`, transactionId: `T${n}` });

describe('servicing a loan book', () => {
  it('sets the penalty rate at the contract rate plus 50%', () => {
    expect(penaltyRateBps(360)).toBe(540);
    expect(book().terms.penaltyRateBps).toBe(540);
  });

  it('pays an instalment in full on its due date: interest then principal, status paid', () => {
    const b = book();
    const first = b.schedule[0];
    const due = amountDue(b, first.dueDate);
    expect(due).toMatchObject({ penalty: 0, interest: first.interest, principal: first.principal, period: 1 });
    const { book: after, repayment } = allocate(b, due.total, first.dueDate, taken(1));
    expect(repayment).toMatchObject({ amount: due.total, interest: first.interest, principal: first.principal, penalty: 0, period: 1 });
    expect(instalmentStatus(after.schedule[0], first.dueDate)).toBe('paid');
    expect(principalOutstanding(after)).toBe(12_000_000 - first.principal);
    expect(nextDue(after, first.dueDate)?.period).toBe(2);
  });

  it('allocates a partial payment to interest before principal and leaves the instalment partly paid', () => {
    const b = book();
    const first = b.schedule[0];
    const { book: after, repayment } = allocate(b, first.interest + 100, first.dueDate, taken(2));
    expect(repayment).toMatchObject({ interest: first.interest, principal: 100 });
    expect(after.schedule[0].paidPrincipal).toBe(100);
    expect(instalmentStatus(after.schedule[0], first.dueDate)).toBe('partly-paid');
    expect(instalmentStatus(after.schedule[0], '2026-02-11')).toBe('overdue');
  });

  it('refuses to take more than is due', () => {
    const b = book();
    expect(() => allocate(b, amountDue(b, b.schedule[0].dueDate).total + 1, b.schedule[0].dueDate, taken(3))).toThrow(/exceeds/);
  });

  it('counts days past due from the oldest unpaid due date, zero on the due date itself', () => {
    const b = book();
    const due = b.schedule[0].dueDate; // 2026-02-10
    expect(daysPastDue(b, due)).toBe(0);
    expect(daysPastDue(b, '2026-02-11')).toBe(1);
    expect(daysPastDue(b, '2026-05-12')).toBe(91);
  });

  it('accrues penalty interest daily on overdue principal only, and a payment clears penalty first', () => {
    let b = book();
    const first = b.schedule[0];
    b = accruePenalty(b, first.dueDate);
    expect(b.penalty.accrued).toBe(0);
    b = accruePenalty(b, '2026-02-20');
    // 10 days at 5.4% / 360 on the overdue principal.
    expect(b.penalty.accrued).toBe(10 * interestFor(first.principal, 540, 1));
    const due = amountDue(b, '2026-02-20');
    expect(due.penalty).toBe(b.penalty.accrued);
    const { book: after, repayment } = allocate(b, due.penalty + 1, '2026-02-20', taken(4));
    expect(repayment).toMatchObject({ penalty: due.penalty, interest: 1, principal: 0 });
    expect(after.penalty.paid).toBe(due.penalty);
  });

  it('repays a whole schedule and is then repaid', () => {
    let b = book('equal-principal');
    for (const i of b.schedule) b = allocate(b, amountDue(b, i.dueDate).total, i.dueDate, taken(5)).book;
    expect(isRepaid(b)).toBe(true);
    expect(principalOutstanding(b)).toBe(0);
  });
});

describe('early repayment', () => {
  const ctx = { today: '2026-02-20', settled: false, quoteId: 'q1', now: '2026-02-20T02:00:00Z' };
  const paidFirst = () => { const b = book(); return allocate(b, amountDue(b, b.schedule[0].dueDate).total, b.schedule[0].dueDate, taken(6)).book; };

  it('quotes a full repayment as outstanding principal plus interest to that date', () => {
    const b = paidFirst();
    const q = quotePrepayment(b, { date: '2026-02-25' }, ctx);
    const outstanding = principalOutstanding(b);
    expect(q.principal).toBe(outstanding);
    expect(q.interest).toBe(interestFor(outstanding, 360, 15)); // 2026-02-10 → 2026-02-25
    expect(q.total).toBe(q.principal + q.interest);
    expect(q.fee).toBe(0);
    expect(q.newSchedule).toEqual([]);
    const after = applyPrepayment(b, q, taken(7));
    expect(isRepaid(after.book)).toBe(true);
    expect(after.repayment).toMatchObject({ kind: 'prepayment', amount: q.total });
  });

  it('a part repayment keeps the instalment and shortens the term, or keeps the term and lowers the instalment', () => {
    const b = paidFirst();
    const shorter = quotePrepayment(b, { date: '2026-02-25', amount: 5_000_000, mode: 'shorter-term' }, ctx);
    const lower = quotePrepayment(b, { date: '2026-02-25', amount: 5_000_000, mode: 'lower-instalment' }, ctx);
    const remaining = principalOutstanding(b) - 5_000_000;
    for (const q of [shorter, lower]) expect(q.newSchedule.reduce((a, r) => a + r.principal, 0)).toBe(remaining);
    expect(shorter.newSchedule.length).toBeLessThan(11);
    expect(lower.newSchedule).toHaveLength(11);
    expect(lower.newSchedule[0].principal + lower.newSchedule[0].interest).toBeLessThan(b.schedule[1].principal + b.schedule[1].interest);
    const after = applyPrepayment(b, shorter, taken(8)).book;
    expect(principalOutstanding(after)).toBe(remaining);
    expect(after.schedule[0].period).toBe(1);
    expect(after.schedule[1].period).toBe(2);
  });

  it.each([
    [{ date: '2026-02-19' }, ctx, 'date', 'date-in-past'],
    [{ date: '2026-02-25', amount: 99_000_000 }, ctx, 'amount', 'amount-above-outstanding'],
    [{ date: '2026-03-11' }, ctx, 'date', 'date-after-next-due'],
    [{ date: '2026-02-25' }, { ...ctx, settled: true }, 'id', 'loan-settled'],
  ])('refuses %j naming the field', (req, c, field, code) => {
    try {
      quotePrepayment(paidFirst(), req, c);
      expect.unreachable();
    } catch (err) {
      expect((err as { code: string }).code).toBe(code);
      expect((err as { status: number }).status).toBeGreaterThanOrEqual(400);
      expect((err as { status: number }).status).toBeLessThan(500);
      expect(Object.keys((err as { fields: object }).fields)).toContain(field);
    }
  });

  it('refuses to quote while an instalment is overdue', () => {
    expect(() => quotePrepayment(book(), { date: '2026-02-20' }, ctx)).toThrow(/overdue/);
  });
});

describe('five-tier classification (2023 rule)', () => {
  it.each([[0, 'normal'], [1, 'special-mention'], [90, 'special-mention'], [91, 'substandard'], [270, 'substandard'], [271, 'doubtful'], [360, 'doubtful'], [361, 'loss']] as const)(
    '%i days past due → at least %s', (dpd, cls) => {
      expect(dpdFloor(dpd)).toBe(cls);
      expect(classify({ daysPastDue: dpd, today: '2026-06-01' }).class).toBe(cls);
    });

  it('the health band is a forward-looking floor', () => {
    expect(classify({ daysPastDue: 0, band: 'yellow', today: '2026-06-01' }).class).toBe('special-mention');
    expect(classify({ daysPastDue: 0, band: 'orange', today: '2026-06-01' }).class).toBe('substandard');
    const r = classify({ daysPastDue: 95, band: 'red', today: '2026-06-01' });
    expect(r.class).toBe('doubtful');
    expect(r.reasons.map((x) => x.code)).toEqual(['health-band', 'days-past-due']);
  });

  it('a borrower with more than 10% of its debt non-performing has all its loans non-performing', () => {
    const share = nonPerformingShare([{ outstanding: 900, ownClass: 'normal' }, { outstanding: 101, ownClass: 'substandard' }]);
    expect(share).toBeGreaterThan(0.1);
    expect(classify({ daysPastDue: 0, borrowerNonPerformingShare: share, today: '2026-06-01' }).class).toBe('substandard');
    expect(classify({ daysPastDue: 0, borrowerNonPerformingShare: 0.1, today: '2026-06-01' }).class).toBe('normal');
  });

  it('a restructured loan stays at least special mention through its observation period', () => {
    expect(classify({ daysPastDue: 0, restructuredUntil: '2026-12-31', today: '2026-06-01' }).class).toBe('special-mention');
    expect(classify({ daysPastDue: 0, restructuredUntil: '2026-05-31', today: '2026-06-01' }).class).toBe('normal');
  });

  it('records a change with its reasons only when the class moves', () => {
    const first = reclassify(undefined, classify({ daysPastDue: 0, today: '2026-01-10' }), '2026-01-10');
    expect(first.change).toMatchObject({ from: null, to: 'normal' });
    const same = reclassify(first.classification, classify({ daysPastDue: 0, today: '2026-01-11' }), '2026-01-11');
    expect(same.change).toBeUndefined();
    expect(same.classification.since).toBe('2026-01-10');
    const worse = reclassify(same.classification, classify({ daysPastDue: 91, today: '2026-05-12' }), '2026-05-12');
    expect(worse.change).toMatchObject({ from: 'normal', to: 'substandard', at: '2026-05-12' });
    expect(worse.change!.reasons[0].en).toMatch(/91 days past due/);
    expect(worse.classification.since).toBe('2026-05-12');
  });
});
