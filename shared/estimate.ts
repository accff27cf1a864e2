/**
 * The front page's limit and offer estimator: a credit code and a few figures → an indicative amount range,
 * rate range and monthly payment, from the same scoring, pricing and schedule code the decision uses. Nothing is
 * stored or sent; the figures are the visitor's own and the answer binds nobody.
 */
import type { Product } from './catalog.js';
import { validateCreditCode } from './credit-code.js';
import { assess } from './decision.js';
import { locateDivision } from './divisions.js';
import { DEFAULT_POLICY } from './policy.js';
import { priceLoan } from './pricing.js';
import { PRODUCT_CONFIG } from './products.js';
import { buildSchedule } from './schedule.js';
import type { Band } from './types.js';

export interface EstimateInput {
  creditCode: string;
  product: Product;
  /** YYYY-MM-DD */
  establishedOn: string;
  labels: string[];
  /** fen, last full year */
  revenue: number;
  totalAssets: number;
  totalLiabilities: number;
  rdExpense: number;
  termMonths: number;
  /** YYYY-MM-DD, the visitor's today (shared/ reads no clock) */
  today: string;
}

export type EstimateRefusal = 'credit-code' | 'outside-service-area' | 'labels' | 'term';

export type Estimate =
  | { ok: false; reason: EstimateRefusal; message: string }
  | {
    ok: true;
    branch: string;
    band: Band;
    amount: { min: number; max: number };
    rateBps: { min: number; max: number };
    termMonths: number;
    /** The first month's payment on the upper amount, equal instalments. */
    monthlyPayment: { min: number; max: number };
  };

const BANDS: Band[] = ['green', 'blue', 'yellow', 'orange', 'red'];
/** Share of a year's revenue a working-capital line may reach, by health band (indicative, not policy). */
const REVENUE_SHARE: Record<Band, number> = { green: 0.3, blue: 0.25, yellow: 0.15, orange: 0.08, red: 0 };

const roundDownTo = (fen: number, step: number) => Math.floor(fen / step) * step;

export function estimateOffer(input: EstimateInput): Estimate {
  const product = PRODUCT_CONFIG[input.product];
  const code = validateCreditCode(input.creditCode.trim().toUpperCase());
  if (!code.ok) return { ok: false, reason: 'credit-code', message: code.message };
  const located = locateDivision(code.divisionCode);
  if (!located) return { ok: false, reason: 'outside-service-area', message: 'This enterprise is registered outside the province the bank serves.' };
  if (product.eligibleLabels.length && !input.labels.some((l) => product.eligibleLabels.includes(l))) {
    return { ok: false, reason: 'labels', message: `This product is for enterprises recognised as one of: ${product.eligibleLabels.join(', ')}.` };
  }
  if (input.termMonths < product.termMonths.min || input.termMonths > product.termMonths.max) {
    return { ok: false, reason: 'term', message: `This product runs ${product.termMonths.min}–${product.termMonths.max} months.` };
  }

  const { band, stratClass } = assess({
    application: {
      enterprise: {
        name: '—', creditCode: input.creditCode, industry: 'other', establishedOn: input.establishedOn,
        employees: 1, techStaff: 0, labels: input.labels,
        financials: {
          revenue: input.revenue, totalAssets: input.totalAssets, totalLiabilities: input.totalLiabilities,
          netProfit: 0, rdExpense: input.rdExpense,
        },
      },
      loan: { product: input.product, amount: product.amount.min, termMonths: input.termMonths, repaymentMethod: 'equal-instalment', purpose: '—' },
    },
    verifiedDocuments: [], negativeListHits: [], today: input.today,
  });

  // A range, not a point: the figures are unverified, so the estimate spans this band and the next one down.
  const worse = BANDS[Math.min(BANDS.length - 1, BANDS.indexOf(band) + 1)];
  const rate = (b: Band) => priceLoan({ band: b, stratClass }, product, DEFAULT_POLICY).rateBps;
  const netAssets = Math.max(0, input.totalAssets - input.totalLiabilities);
  const cap = (b: Band) => roundDownTo(Math.min(product.amount.max, input.revenue * REVENUE_SHARE[b], netAssets * 2), 1_000_000);
  const upper = cap(band);
  if (upper < product.amount.min) {
    return {
      ok: true, branch: located.branchCode, band, termMonths: input.termMonths,
      amount: { min: 0, max: 0 }, rateBps: { min: rate(band), max: rate(worse) }, monthlyPayment: { min: 0, max: 0 },
    };
  }
  const lower = Math.max(product.amount.min, Math.min(upper, cap(worse)));
  const monthly = (principal: number, rateBps: number) =>
    buildSchedule({ principal, rateBps, termMonths: input.termMonths, method: 'equal-instalment', startDate: input.today })
      .slice(0, 1).reduce((sum, r) => sum + r.principal + r.interest, 0);
  return {
    ok: true,
    branch: located.branchCode,
    band,
    termMonths: input.termMonths,
    amount: { min: lower, max: upper },
    rateBps: { min: rate(band), max: rate(worse) },
    monthlyPayment: { min: monthly(lower, rate(band)), max: monthly(upper, rate(worse)) },
  };
}
