/**
 * A loan's book and the pure servicing rules (DESIGN.md §7.2): instalment status, what is due, days past due,
 * penalty interest on overdue principal at the contract's rate, and allocation of a payment penalty → interest →
 * principal, oldest instalment first, so a partial payment clears what has been owed longest. Plain data in, new
 * data out: the servicing use case does the debits and the writes.
 */
import { DAY_COUNT, addDays, daysBetween, interestFor, type DayCount } from '../day-count.js';
import type { LoanStatus } from '../lifecycle.js';
import type { RepaymentMethod, Product } from '../schemas/application.js';
import type { Band, ScheduleRow } from '../types.js';
import type { ClassChange, Classification } from './classification.js';

/** The contract's penalty rate: the loan rate plus 50 % (contract article 借款利率及其调整). */
export const PENALTY_MARKUP_PCT = 50;
export const penaltyRateBps = (rateBps: number) => Math.round((rateBps * (100 + PENALTY_MARKUP_PCT)) / 100);

export interface Instalment extends ScheduleRow {
  paidPrincipal: number;
  paidInterest: number;
}
export type InstalmentStatus = 'due' | 'paid' | 'overdue' | 'partly-paid';

export interface Repayment {
  /** When the money was taken (ISO instant). */
  at: string;
  /** The business day it counts for (Beijing date). */
  date: string;
  amount: number;
  principal: number;
  interest: number;
  penalty: number;
  kind: 'instalment' | 'prepayment';
  transactionId: string;
  /** The oldest period the payment went to. */
  period?: number;
}

export interface LoanTerms {
  principal: number;
  rateBps: number;
  penaltyRateBps: number;
  dayCount: DayCount;
  startDate: string;
  maturityDate: string;
  method: RepaymentMethod;
  termMonths: number;
}

export interface LoanBook {
  terms: LoanTerms;
  schedule: Instalment[];
  /** Penalty interest accrued on overdue principal through `through` (inclusive), and what has been paid of it. */
  penalty: { accrued: number; paid: number; through: string };
  repayments: Repayment[];
}

export interface PrepaymentQuote {
  quoteId: string;
  date: string;
  mode: 'shorter-term' | 'lower-instalment';
  principal: number;
  interest: number;
  fee: number;
  total: number;
  validUntil: string;
  newSchedule: ScheduleRow[];
  createdAt: string;
}

export interface LoanEvent {
  at: string;
  type: string;
  detail?: Record<string, unknown>;
}

export interface FollowUpRef { taskId: string; kind: string }

/** The loan aggregate (functions/core/ports.ts LoanStore): id is the application id. */
export interface LoanRecord extends LoanBook {
  id: string;
  version: number;
  status: LoanStatus;
  ownerId: string;
  ownerUsername?: string;
  borrower: { name: string; creditCode: string };
  branch: { code: string; name: string; nameZh: string };
  accountManager: string;
  product: Product;
  contractNo: string;
  repaymentAccount: { accountName: string; accountNo: string; bankName: string };
  disbursement: { transactionId: string; at: string; amount: number };
  createdAt: string;
  updatedAt: string;
  /** The last business day servicing has run for (Beijing date). */
  servicedThrough: string;
  daysPastDue: number;
  classification: Classification;
  classHistory: ClassChange[];
  /** Latest post-loan health band, the forward-looking floor. */
  band: Band;
  healthIndex?: number;
  restructuredUntil?: string;
  quotes: PrepaymentQuote[];
  /** A prepayment quoted for a later day, executed by servicing on that day. */
  scheduledPrepayment?: { quoteId: string; date: string };
  /** Reminders already sent: `${period}:before` | `:due` | `:missed`. */
  reminders: string[];
  history: LoanEvent[];
  settledAt?: string;
}

export { DAY_COUNT };

const unpaid = (i: Instalment) => i.principal - i.paidPrincipal + i.interest - i.paidInterest;

export function instalmentStatus(i: Instalment, today: string): InstalmentStatus {
  if (unpaid(i) <= 0) return 'paid';
  if (i.dueDate < today) return 'overdue';
  return i.paidPrincipal + i.paidInterest > 0 ? 'partly-paid' : 'due';
}

export const principalOutstanding = (b: LoanBook) => b.schedule.reduce((a, i) => a + i.principal - i.paidPrincipal, 0);
export const penaltyOutstanding = (b: LoanBook) => b.penalty.accrued - b.penalty.paid;

/** Days since the oldest instalment still unpaid after its due date; 0 when nothing is overdue (the due date itself counts 0). */
export function daysPastDue(b: LoanBook, today: string): number {
  const oldest = b.schedule.find((i) => unpaid(i) > 0 && i.dueDate < today);
  return oldest ? daysBetween(oldest.dueDate, today) : 0;
}

/** Principal that was due before `day` and is unpaid: what penalty interest runs on that day. */
export const overduePrincipal = (b: LoanBook, day: string) =>
  b.schedule.filter((i) => i.dueDate < day).reduce((a, i) => a + i.principal - i.paidPrincipal, 0);

/** Penalty interest for each day after `penalty.through` up to `date`, at the penalty rate on that day's overdue principal. */
export function accruePenalty(b: LoanBook, date: string): LoanBook {
  let { accrued, through } = b.penalty;
  while (through < date) {
    through = addDays(through, 1);
    accrued += interestFor(overduePrincipal(b, through), b.terms.penaltyRateBps, 1);
  }
  return { ...b, penalty: { ...b.penalty, accrued, through } };
}

/** What is owed on `date`: penalty, then interest and principal of every instalment due on or before it. */
export function amountDue(b: LoanBook, date: string) {
  const due = b.schedule.filter((i) => i.dueDate <= date);
  const interest = due.reduce((a, i) => a + i.interest - i.paidInterest, 0);
  const principal = due.reduce((a, i) => a + i.principal - i.paidPrincipal, 0);
  const penalty = penaltyOutstanding(b);
  const oldest = due.find((i) => unpaid(i) > 0);
  return { penalty, interest, principal, total: penalty + interest + principal, period: oldest?.period ?? null };
}

/**
 * Applies `amount` (at most what is due on `date`): penalty first, then interest oldest instalment first, then
 * principal oldest first. Returns the new book and the repayment recorded.
 */
export function allocate(b: LoanBook, amount: number, date: string, taken: { at: string; transactionId: string }): { book: LoanBook; repayment: Repayment } {
  if (!Number.isInteger(amount) || amount <= 0) throw new RangeError('A payment is a positive whole number of fen.');
  let left = amount;
  const penalty = Math.min(left, penaltyOutstanding(b));
  left -= penalty;
  const schedule = b.schedule.map((i) => ({ ...i }));
  const due = schedule.filter((i) => i.dueDate <= date);
  let interest = 0;
  for (const i of due) {
    const pay = Math.min(left, i.interest - i.paidInterest);
    i.paidInterest += pay; interest += pay; left -= pay;
  }
  let principal = 0;
  for (const i of due) {
    const pay = Math.min(left, i.principal - i.paidPrincipal);
    i.paidPrincipal += pay; principal += pay; left -= pay;
  }
  if (left > 0) throw new RangeError(`The payment exceeds what is due on ${date} by ${left} fen.`);
  return {
    book: { ...b, schedule, penalty: { ...b.penalty, paid: b.penalty.paid + penalty } },
    repayment: { at: taken.at, date, amount, principal, interest, penalty, kind: 'instalment', transactionId: taken.transactionId, period: amountDue(b, date).period ?? undefined },
  };
}

/** The loan's next instalment not yet paid in full on or after `today`, for the borrower's "next payment". */
export function nextDue(b: LoanBook, today: string) {
  const i = b.schedule.find((x) => unpaid(x) > 0 && x.dueDate >= today);
  return i ? { period: i.period, dueDate: i.dueDate, principal: i.principal - i.paidPrincipal, interest: i.interest - i.paidInterest } : null;
}

export const isRepaid = (b: LoanBook) => b.schedule.every((i) => unpaid(i) <= 0) && penaltyOutstanding(b) <= 0;

/** A fresh book from the contract's schedule. */
export function openBook(terms: Omit<LoanTerms, 'penaltyRateBps' | 'dayCount'>, schedule: ScheduleRow[]): LoanBook {
  return {
    terms: { ...terms, penaltyRateBps: penaltyRateBps(terms.rateBps), dayCount: DAY_COUNT.code },
    schedule: schedule.map((r) => ({ ...r, paidPrincipal: 0, paidInterest: 0 })),
    penalty: { accrued: 0, paid: 0, through: terms.startDate },
    repayments: [],
  };
}
