import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, beijingDate, daysBetween, interestFor } from '../../shared/day-count.js';
import { applyBps, divRoundHalfUp, formatYuan } from '../../shared/money.js';
import { DEFAULT_POLICY } from '../../shared/policy.js';
import { priceLoan } from '../../shared/pricing.js';
import { addMonths, aprBps, buildSchedule, scheduleOver, totalInterest } from '../../shared/schedule.js';
import { REPAYMENT_METHODS } from '../../shared/schemas/application.js';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('repayment schedules', () => {
  it('equal instalments: ¥300,000 over 12 months at 3.35% pays a level amount and the exact principal', () => {
    const s = buildSchedule({ principal: 30_000_000, rateBps: 335, termMonths: 12, method: 'equal-instalment', startDate: '2026-03-15' });
    expect(s).toHaveLength(12);
    expect(sum(s.map((r) => r.principal))).toBe(30_000_000);
    // 31 days at 3.35% / 360 on ¥300,000: 86,541.67 → 86,542 fen; the level payment (2,546,233) from the average month's rate.
    expect(s[0]).toEqual({ period: 1, dueDate: '2026-04-15', principal: 2_459_691, interest: 86_542 });
    const payments = s.slice(0, 11).map((r) => r.principal + r.interest);
    expect(new Set(payments).size).toBe(1);
    // Actual days make the last period absorb what 28–31-day months left over: within ¥50 of the level amount.
    expect(Math.abs(s[11].principal + s[11].interest - payments[0])).toBeLessThanOrEqual(5_000);
  });

  it('equal principal: the same principal each month, the residue in the last', () => {
    const s = buildSchedule({ principal: 1_000_001, rateBps: 400, termMonths: 3, method: 'equal-principal', startDate: '2026-01-31' });
    expect(s.map((r) => r.principal)).toEqual([333_333, 333_333, 333_335]);
    expect(s.map((r) => r.dueDate)).toEqual(['2026-02-28', '2026-03-31', '2026-04-30']);
    // 28, 31 and 30 days on 1,000,001 / 666,668 / 333,335 fen at 4% / 360.
    expect(s.map((r) => r.interest)).toEqual([3_111, 2_296, 1_111]);
  });

  it('monthly interest: interest only, the whole principal at maturity', () => {
    const s = buildSchedule({ principal: 20_000_000, rateBps: 360, termMonths: 6, method: 'monthly-interest', startDate: '2026-05-10' });
    expect(s.map((r) => r.principal)).toEqual([0, 0, 0, 0, 0, 20_000_000]);
    // ¥200,000 at 3.6% / 360 is 2,000 fen a day: 31, 30, 31, 31, 30, 31 days.
    expect(s.map((r) => r.interest)).toEqual([62_000, 60_000, 62_000, 62_000, 60_000, 62_000]);
  });

  it('always sums exactly to the principal, never pays negative principal, and falls due monthly', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 5_000_000_000 }),
      fc.integer({ min: 0, max: 2_400 }),
      fc.integer({ min: 1, max: 360 }),
      fc.constantFrom(...REPAYMENT_METHODS),
      fc.date({ min: new Date('2020-01-01'), max: new Date('2040-12-31'), noInvalidDate: true }),
      (principal, rateBps, termMonths, method, date) => {
        const startDate = date.toISOString().slice(0, 10);
        const s = buildSchedule({ principal, rateBps, termMonths, method, startDate });
        expect(s).toHaveLength(termMonths);
        expect(sum(s.map((r) => r.principal))).toBe(principal);
        for (const r of s) {
          expect(Number.isInteger(r.principal) && r.principal >= 0).toBe(true);
          expect(Number.isInteger(r.interest) && r.interest >= 0).toBe(true);
        }
        expect(s.map((r) => r.dueDate)).toEqual([...s.map((r) => r.dueDate)].sort());
        expect(new Set(s.map((r) => r.dueDate)).size).toBe(termMonths);
      },
    ), { numRuns: 300 });
  });

  it.each([
    ['2026-01-31', 1, '2026-02-28'], ['2028-01-31', 1, '2028-02-29'], ['2026-12-15', 1, '2027-01-15'],
    ['2026-08-31', 1, '2026-09-30'], ['2026-03-15', 24, '2028-03-15'],
  ])('adds months to %s (+%i) → %s', (from, n, to) => {
    expect(addMonths(from, n)).toBe(to);
  });
});

describe('annualised rate (APR) and interest', () => {
  it.each(REPAYMENT_METHODS)('is the contract rate × 365/360 without fees, the cost of the actual/360 convention (%s)', (method) => {
    const s = buildSchedule({ principal: 30_000_000, rateBps: 385, termMonths: 12, method, startDate: '2026-03-15' });
    expect(Math.abs(aprBps(30_000_000, s) - Math.round(385 * 365 / 360))).toBeLessThanOrEqual(2);
  });

  it('rises above the contract rate when an upfront fee cuts what the borrower receives', () => {
    const s = buildSchedule({ principal: 30_000_000, rateBps: 385, termMonths: 12, method: 'equal-instalment', startDate: '2026-03-15' });
    expect(aprBps(30_000_000, s, 29_700_000)).toBeGreaterThan(550);
  });

  it('totals the interest column', () => {
    const s = buildSchedule({ principal: 20_000_000, rateBps: 360, termMonths: 6, method: 'monthly-interest', startDate: '2026-05-10' });
    expect(totalInterest(s)).toBe(368_000);
  });
});

describe('pricing', () => {
  const bounds = { rateBps: { min: 320, max: 650 } };
  it.each([
    ['green', 'A', 335], ['green', 'B', 345], ['blue', 'A', 375], ['blue', 'C', 410], ['yellow', 'B', 450], ['orange', 'C', 545], ['red', 'C', 625],
  ] as const)('prices band %s class %s at LPR 300 + spread = %i bps', (band, stratClass, rate) => {
    expect(priceLoan({ band, stratClass }, bounds, DEFAULT_POLICY).rateBps).toBe(rate);
  });

  it('clamps to the product floor and cap', () => {
    const low = priceLoan({ band: 'green', stratClass: 'A' }, bounds, { ...DEFAULT_POLICY, lprBps: 200 });
    const high = priceLoan({ band: 'red', stratClass: 'C' }, bounds, { ...DEFAULT_POLICY, lprBps: 400 });
    expect(low).toMatchObject({ rateBps: 320, clamped: true });
    expect(high).toMatchObject({ rateBps: 650, clamped: true });
  });
});

describe('money', () => {
  it.each([
    [30_000_000, 'en', '¥300,000'], [123_456, 'en', '¥1,234.56'], [5, 'en', '¥0.05'], [-150, 'en', '-¥1.50'],
    [30_000_000, 'zh', '300,000元'], [100_000_001, 'zh', '1,000,000.01元'],
  ] as const)('formats %i fen in %s as %s', (fen, locale, text) => {
    expect(formatYuan(fen, locale)).toBe(text);
  });
});

describe('day count and rounding (actual/360, integer fen, half up)', () => {
  it('rounds exact half-fen ties up where the old float path gave 0.49999999999999994 and rounded down', () => {
    // 160 fen at 3.75% for a month of 30 days: exactly 0.5 fen.
    expect(160 * (375 / 10_000 / 12)).toBeLessThan(0.5);
    expect(interestFor(160, 375, 30)).toBe(1);
    expect(divRoundHalfUp(5, 10)).toBe(1);
    expect(divRoundHalfUp(4, 10)).toBe(0);
    expect(divRoundHalfUp(-5, 10)).toBe(-1);
    expect(applyBps(1, 5_000)).toBe(1);
  });

  it('agrees with exact BigInt arithmetic for any principal, rate and days', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), fc.integer({ min: 0, max: 3_000 }), fc.integer({ min: 0, max: 400 }), (p, bps, days) => {
      const n = BigInt(p) * BigInt(bps) * BigInt(days);
      const expected = p && bps && days ? Number((n * 2n + 3_600_000n) / 7_200_000n) : 0;
      expect(interestFor(p, bps, days)).toBe(expected);
    }), { numRuns: 2_000 });
  });

  it('counts actual days and gives the Beijing date of an instant', () => {
    expect(daysBetween('2026-01-31', '2026-02-28')).toBe(28);
    expect(daysBetween('2028-02-01', '2028-03-01')).toBe(29);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    // 23:30 UTC on the 1st is 07:30 on the 2nd in Beijing: a contract made then carries the 2nd.
    expect(beijingDate('2026-03-01T23:30:00Z')).toBe('2026-03-02');
    expect(beijingDate('2026-03-01T15:59:59Z')).toBe('2026-03-01');
  });

  it('schedules a remaining balance over fewer periods when the instalment is kept', () => {
    const full = buildSchedule({ principal: 12_000_000, rateBps: 360, termMonths: 12, method: 'equal-instalment', startDate: '2026-01-10' });
    const payment = full[0].principal + full[0].interest;
    const rest = scheduleOver({ principal: 6_000_000, rateBps: 360, method: 'equal-instalment', fromDate: '2026-01-10', dueDates: full.map((r) => r.dueDate), payment });
    expect(rest.length).toBeLessThan(12);
    expect(sum(rest.map((r) => r.principal))).toBe(6_000_000);
  });
});
