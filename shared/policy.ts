/**
 * The credit policy: every threshold, coefficient and weight the decision engine uses, in one versioned
 * value. Each decision records `version`, so it can be replayed and explained later; a candidate policy
 * can be run in shadow against past applications (see policy-shadow.ts) before it goes live.
 */
import type { Band, StratClass } from './types.js';

/** Coefficient per industry-percentile bucket: top 20 %, 20–50 %, 50–70 %, 70–100 % (thesis table 3.1). */
export interface BucketCoefficients {
  top20: number;
  to50: number;
  to70: number;
  rest: number;
}

export interface Policy {
  version: string;
  /** One-year loan prime rate, bps. */
  lprBps: number;
  stratification: {
    /** Years since establishment: > 10, 5–10, 3–5, < 3 (thesis table 3.1). */
    years: { over10: number; from5: number; from3: number; under3: number };
    debtRatio: BucketCoefficients;
    netMargin: BucketCoefficients;
    assetScale: BucketCoefficients;
    revenueScale: BucketCoefficients;
    strategicEmerging: { yes: number; no: number };
    /** 1 label = base, each extra + step, capped; none = the coefficient for an unlabelled firm. */
    labels: { none: number; base: number; step: number; cap: number };
    /** Class by share of peers (same industry, not blacklisted) with a strictly higher composite. */
    classes: { aBelow: number; bBelow: number };
  };
  health: {
    /** Three dimensions of 002 §7.2; weights sum to 1. */
    weights: { quantitative: number; qualitative: number; external: number };
    /** Band floors: green ≥ 90, blue ≥ 70, yellow ≥ 50, orange ≥ 30, red below (002 §7.2). */
    bandFloors: { green: number; blue: number; yellow: number; orange: number };
    /** Debt-to-asset ratio scoring 100 at or below `best` and 0 at or above `worst`. */
    debtRatio: { best: number; worst: number };
    netMargin: { best: number; worst: number };
    years: { best: number };
    rdIntensity: { best: number };
    techStaffShare: { best: number };
    /** Management quality read from the stratification class. */
    classScore: Record<StratClass, number>;
    /** Industry cycle score by industry bucket (external dimension). */
    industryCycle: Record<string, number>;
    /** Policy support: strategic emerging industry or a recognised tech label. */
    policySupport: { strategic: number; labelled: number; neither: number };
  };
  innovation: {
    /** Share of R&D expense deductible on top (研发费用加计扣除, 100 % since 2023). */
    superDeductionRate: number;
    /** Income-tax relief for high-tech enterprises: 25 % standard − 15 % preferential rate. */
    highTechTaxReliefRate: number;
  };
  pricing: {
    spreadByBand: Record<Band, number>;
    adjustmentByClass: Record<StratClass, number>;
  };
}

const cycleDefaults: Record<string, number> = {
  'software-it': 85, electronics: 80, biomedicine: 80, 'new-materials': 75, 'new-energy': 75,
  'advanced-manufacturing': 75, environmental: 70, 'tech-services': 70, agritech: 65, other: 55,
};

/**
 * Defaults. The thesis (table 3.1) names the dimensions and buckets but its coefficient values did not survive
 * in the source; these are the bank's documented starting values: ±10–20 % steps around 1.0, best bucket 1.2.
 */
export const DEFAULT_POLICY: Policy = {
  version: '2026.1',
  lprBps: 300,
  stratification: {
    years: { over10: 1.2, from5: 1.1, from3: 1.0, under3: 0.9 },
    debtRatio: { top20: 1.2, to50: 1.1, to70: 1.0, rest: 0.9 },
    netMargin: { top20: 1.2, to50: 1.1, to70: 1.0, rest: 0.9 },
    assetScale: { top20: 1.2, to50: 1.1, to70: 1.0, rest: 0.9 },
    revenueScale: { top20: 1.2, to50: 1.1, to70: 1.0, rest: 0.9 },
    strategicEmerging: { yes: 1.1, no: 1.0 },
    labels: { none: 0.9, base: 1.0, step: 0.1, cap: 1.5 },
    classes: { aBelow: 0.3, bBelow: 0.6 },
  },
  health: {
    weights: { quantitative: 0.6, qualitative: 0.25, external: 0.15 },
    bandFloors: { green: 90, blue: 70, yellow: 50, orange: 30 },
    debtRatio: { best: 0.3, worst: 0.9 },
    netMargin: { best: 0.1, worst: -0.2 },
    years: { best: 8 },
    rdIntensity: { best: 0.08 },
    techStaffShare: { best: 0.4 },
    classScore: { A: 100, B: 85, C: 60 },
    industryCycle: cycleDefaults,
    policySupport: { strategic: 100, labelled: 80, neither: 40 },
  },
  innovation: { superDeductionRate: 1.0, highTechTaxReliefRate: 0.1 },
  pricing: {
    spreadByBand: { green: 45, blue: 85, yellow: 150, orange: 220, red: 300 },
    adjustmentByClass: { A: -10, B: 0, C: 25 },
  },
};
