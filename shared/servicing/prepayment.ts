/**
 * Early repayment (DESIGN.md §7.2): a quote for a chosen day, in full or in part, and the new schedule that
 * follows a part payment, either keeping the instalment (a shorter term) or keeping the term (a lower instalment).
 * Interest runs to the repayment day on the day-count convention of the contract; the product charges no fee.
 */
import { DomainError, invalid } from '../errors.js';
import { daysBetween, interestFor } from '../day-count.js';
import { scheduleOver } from '../schedule.js';
import type { ScheduleRow } from '../types.js';
import { daysPastDue, principalOutstanding, type LoanBook, type PrepaymentQuote, type Repayment } from './loan.js';

export type PrepaymentMode = PrepaymentQuote['mode'];
export const PREPAYMENT_FEE_FEN = 0;

export interface QuoteRequest {
  date: string;
  /** Principal to repay early; absent means everything outstanding. */
  amount?: number;
  mode?: PrepaymentMode;
}

/** The instalment whose period contains `date`, and when that period began. */
function currentPeriod(b: LoanBook, date: string) {
  const idx = b.schedule.findIndex((i) => i.dueDate >= date && i.principal - i.paidPrincipal + i.interest - i.paidInterest > 0);
  if (idx < 0) return null;
  return { index: idx, from: idx === 0 ? b.terms.startDate : b.schedule[idx - 1].dueDate };
}

export function quotePrepayment(b: LoanBook, req: QuoteRequest, ctx: { today: string; settled: boolean; quoteId: string; now: string }): PrepaymentQuote {
  if (ctx.settled) throw new DomainError('loan-settled', 'This loan is repaid in full; there is nothing to prepay.', 409, { id: 'This loan is settled.' });
  if (req.date < ctx.today) throw invalid(`A prepayment is for today or a later day; ${req.date} has passed.`, { date: `Choose ${ctx.today} or later.` }, 'date-in-past');
  if (daysPastDue(b, ctx.today) > 0) {
    throw new DomainError('loan-overdue', 'Pay the overdue amount first; an early repayment is quoted once the loan is current.', 409, { date: 'The loan has overdue instalments.' });
  }
  const current = currentPeriod(b, ctx.today);
  if (!current) throw invalid('That day is after the loan matures.', { date: `Choose a day on or before ${b.terms.maturityDate}.` }, 'date-after-maturity');
  const due = b.schedule[current.index].dueDate;
  if (req.date > due) throw invalid('Quote a day on or before the next due date.', { date: `Choose a day on or before ${due}.` }, 'date-after-next-due');
  const outstanding = principalOutstanding(b);
  const principal = req.amount ?? outstanding;
  if (principal > outstanding) {
    throw invalid(`The amount is above the outstanding principal (${outstanding} fen).`, { amount: `At most ${outstanding} fen.` }, 'amount-above-outstanding');
  }
  if (principal <= 0) throw invalid('Give a positive amount in fen.', { amount: 'At least 1 fen.' });
  const mode = req.mode ?? 'shorter-term';
  const interest = interestFor(principal, b.terms.rateBps, daysBetween(current.from, req.date));
  const newSchedule = remainingSchedule(b, current.index, current.from, outstanding - principal, mode);
  return {
    quoteId: ctx.quoteId, date: req.date, mode, principal, interest, fee: PREPAYMENT_FEE_FEN, total: principal + interest + PREPAYMENT_FEE_FEN,
    // Valid to the end of the repayment day in Beijing.
    validUntil: new Date(Date.parse(`${req.date}T23:59:59.999+08:00`)).toISOString(),
    newSchedule, createdAt: ctx.now,
  };
}

function remainingSchedule(b: LoanBook, index: number, from: string, remaining: number, mode: PrepaymentMode): ScheduleRow[] {
  if (remaining <= 0) return [];
  const rest = b.schedule.slice(index);
  const current = rest[0];
  const keep = mode === 'shorter-term';
  return scheduleOver({
    principal: remaining, rateBps: b.terms.rateBps, method: b.terms.method, fromDate: from,
    dueDates: rest.map((i) => i.dueDate), firstPeriod: current.period,
    ...(keep && b.terms.method === 'equal-instalment' ? { payment: current.principal + current.interest } : {}),
    ...(keep && b.terms.method === 'equal-principal' ? { principalPerPeriod: current.principal } : {}),
  });
}

/** The book after the quoted money arrived: the periods from the current one on are replaced by the new schedule. */
export function applyPrepayment(b: LoanBook, q: PrepaymentQuote, taken: { at: string; transactionId: string }): { book: LoanBook; repayment: Repayment } {
  const cut = b.schedule.findIndex((i) => i.period === (q.newSchedule[0]?.period ?? Infinity));
  const firstOpen = b.schedule.findIndex((i) => i.dueDate >= q.date && i.principal - i.paidPrincipal + i.interest - i.paidInterest > 0);
  const keep = b.schedule.slice(0, cut >= 0 ? cut : firstOpen < 0 ? b.schedule.length : firstOpen);
  const schedule = [...keep, ...q.newSchedule.map((r) => ({ ...r, paidPrincipal: 0, paidInterest: 0 }))];
  return {
    book: { ...b, schedule },
    repayment: { at: taken.at, date: q.date, amount: q.total, principal: q.principal, interest: q.interest, penalty: 0, kind: 'prepayment', transactionId: taken.transactionId },
  };
}
