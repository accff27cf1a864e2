/**
 * The one day-count convention of every loan (DESIGN.md §7.2): interest accrues daily, daily rate = annual rate / 360
 * (按日计息，日利率 = 年利率/360), on actual calendar days. The offer, the contract, the schedule and servicing all
 * compute interest here, in integer fen, rounded half up on exact ties, so what was offered is what is charged.
 */
import { divRoundHalfUp } from './money.js';

export const DAY_COUNT = {
  code: 'actual/360',
  zh: '按日计息，日利率 = 年利率/360',
  en: 'Interest accrues daily on actual days; daily rate = annual rate / 360',
} as const;
export type DayCount = typeof DAY_COUNT.code;

const DAY_MS = 86_400_000;
const BPS_YEAR = 10_000 * 360;

/** Whole days from `from` to `to` (YYYY-MM-DD), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** `date` plus `days` (YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Interest in fen on `principal` fen at `rateBps` a year for `days` days: principal × rate × days / 360, half up. */
export function interestFor(principal: number, rateBps: number, days: number): number {
  if (principal <= 0 || days <= 0 || rateBps <= 0) return 0;
  return divRoundHalfUp(principal * rateBps * days, BPS_YEAR);
}

/** The calendar date in Beijing (UTC+8, no daylight saving) of an instant: contract dates, due dates, statements. */
export function beijingDate(instant: Date | string | number): string {
  const ms = typeof instant === 'number' ? instant : typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}
