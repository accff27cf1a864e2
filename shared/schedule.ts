/**
 * Repayment schedules (DESIGN.md §3): equal instalments (等额本息), equal principal (等额本金), and monthly
 * interest with principal at maturity (按月付息到期还本). Interest follows the loans' one day-count convention
 * (shared/day-count.ts: actual days, annual rate / 360) on the outstanding balance, in integer fen rounded half up;
 * the level instalment of 等额本息 is set once from the average month's rate (rate × 365/360 / 12). The principal column always sums to the
 * principal exactly, with any rounding residue in the last period.
 */
import { daysBetween, interestFor } from './day-count.js';
import { roundHalfUp } from './money.js';
import type { RepaymentMethod } from './schemas/application.js';
import type { ScheduleRow } from './types.js';

export interface ScheduleInput {
  /** fen */
  principal: number;
  /** annual nominal rate, bps */
  rateBps: number;
  termMonths: number;
  method: RepaymentMethod;
  /** disbursement date, YYYY-MM-DD; period k falls due k months later */
  startDate: string;
}

/** Same day k months later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(d, lastDay);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Level payment for an annuity; the float is rounded once, below. */
function annuityPayment(principal: number, r: number, n: number): number {
  return r === 0 ? principal / n : (principal * r) / (1 - (1 + r) ** -n);
}

export interface RemainingScheduleInput {
  principal: number;
  rateBps: number;
  method: RepaymentMethod;
  /** Interest runs from here to the first due date. */
  fromDate: string;
  dueDates: string[];
  /** First period number (after a prepayment the remaining periods keep their numbers). */
  firstPeriod?: number;
  /** Equal instalments: keep this payment instead of recomputing it (a prepayment that shortens the term). */
  payment?: number;
  /** Equal principal: keep this principal per period (a prepayment that shortens the term). */
  principalPerPeriod?: number;
}

/**
 * Rows over the given due dates; when a kept payment (or principal per period) repays the balance early, the
 * schedule ends there: fewer periods, the same instalment.
 */
export function scheduleOver(input: RemainingScheduleInput): ScheduleRow[] {
  const { principal, rateBps, method, dueDates } = input;
  const n = dueDates.length;
  const first = input.firstPeriod ?? 1;
  // An average month under actual/360 is 365/12 days, so the level payment uses that monthly rate and the last
  // period's residue stays small.
  const payment = input.payment ?? roundHalfUp(annuityPayment(principal, (rateBps / 10_000) * (365 / 360) / 12, n));
  const perPeriod = input.principalPerPeriod ?? Math.floor(principal / n);
  const rows: ScheduleRow[] = [];
  let remaining = principal;
  let from = input.fromDate;
  for (let i = 0; i < n && (remaining > 0 || rows.length === 0); i++) {
    const dueDate = dueDates[i];
    const interest = interestFor(remaining, rateBps, daysBetween(from, dueDate));
    let paid: number;
    if (i === n - 1) paid = remaining;
    else if (method === 'equal-instalment') paid = Math.min(remaining, Math.max(0, payment - interest));
    else if (method === 'equal-principal') paid = Math.min(remaining, perPeriod);
    else paid = 0;
    rows.push({ period: first + i, dueDate, principal: paid, interest });
    remaining -= paid;
    from = dueDate;
  }
  return rows;
}

export function buildSchedule(input: ScheduleInput): ScheduleRow[] {
  const { principal, rateBps, termMonths: n, method, startDate } = input;
  if (!Number.isInteger(principal) || principal < 0) throw new RangeError('principal must be whole fen');
  if (!Number.isInteger(n) || n < 1) throw new RangeError('termMonths must be a positive whole number');
  const dueDates = Array.from({ length: n }, (_, k) => addMonths(startDate, k + 1));
  const rows = scheduleOver({ principal, rateBps, method, fromDate: startDate, dueDates });
  // A zero principal still has every period (nothing to repay early).
  while (rows.length < n) rows.push({ period: rows.length + 1, dueDate: dueDates[rows.length], principal: 0, interest: 0 });
  return rows;
}

export const totalInterest = (schedule: ScheduleRow[]): number => schedule.reduce((a, r) => a + r.interest, 0);

/**
 * Annualised rate (年化利率) by the internal-rate-of-return method the PBoC requires for disclosure
 * (2021 announcement No. 3): the monthly IRR of the cash flows × 12, in bps. `netDisbursed` is what the
 * borrower actually receives (principal minus any upfront fees); without fees the APR equals the contract rate.
 */
export function aprBps(principal: number, schedule: ScheduleRow[], netDisbursed = principal): number {
  const flows = schedule.map((row) => row.principal + row.interest);
  const pv = (i: number) => flows.reduce((acc, f, k) => acc + f / (1 + i) ** (k + 1), 0) - netDisbursed;
  if (netDisbursed <= 0 || flows.length === 0) return 0;
  let lo = -0.99;
  let hi = 1;
  for (let step = 0; step < 200 && hi - lo > 1e-12; step++) {
    const mid = (lo + hi) / 2;
    if (pv(mid) > 0) lo = mid; // present value too high → the rate is higher
    else hi = mid;
  }
  return Math.round(((lo + hi) / 2) * 12 * 10_000);
}
