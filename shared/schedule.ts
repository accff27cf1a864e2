/**
 * Repayment schedules (DESIGN.md §3): equal instalments (等额本息), equal principal (等额本金), and monthly
 * interest with principal at maturity (按月付息到期还本). Interest is computed monthly on the outstanding
 * balance at rate/12 and rounded to the fen each period; the principal column always sums to the principal
 * exactly, with any rounding residue in the last period.
 */
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

/** Level payment for an annuity; the float is rounded once, per period, below. */
function annuityPayment(principal: number, r: number, n: number): number {
  return r === 0 ? principal / n : (principal * r) / (1 - (1 + r) ** -n);
}

export function buildSchedule(input: ScheduleInput): ScheduleRow[] {
  const { principal, rateBps, termMonths: n, method, startDate } = input;
  if (!Number.isInteger(principal) || principal < 0) throw new RangeError('principal must be whole fen');
  if (!Number.isInteger(n) || n < 1) throw new RangeError('termMonths must be a positive whole number');
  const r = rateBps / 10_000 / 12;
  const payment = roundHalfUp(annuityPayment(principal, r, n));
  const rows: ScheduleRow[] = [];
  let remaining = principal;
  for (let period = 1; period <= n; period++) {
    const interest = roundHalfUp(remaining * r);
    const last = period === n;
    let paid: number;
    if (last) paid = remaining;
    else if (method === 'equal-instalment') paid = Math.min(remaining, Math.max(0, payment - interest));
    else if (method === 'equal-principal') paid = Math.floor(principal / n);
    else paid = 0;
    rows.push({ period, dueDate: addMonths(startDate, period), principal: paid, interest });
    remaining -= paid;
  }
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
