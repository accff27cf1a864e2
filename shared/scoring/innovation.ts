/**
 * Innovation points (企业创新积分制, Torch High Technology Industry Development Center, MOST): 3 first-level
 * groups × 6 second-level indicators, equal weight level by level (each group 1/3, each indicator 1/6 of its
 * group). Each indicator scores the share of the population strictly below the firm (0–1), so the total is
 * 0–100. Weights can instead be derived from the population by the entropy-weight method.
 */
import type { Policy } from '../policy.js';
import type { EnterpriseInput } from '../schemas/application.js';
import { shareBelow, sortedAsc } from './percentile.js';
import { population, type Firm } from './population.js';

export const INNOVATION_GROUPS = {
  'technological-innovation': [
    'rdExpense', 'rdGrowth', 'rdIntensity', 'techStaffShare', 'inventionApplications', 'inventionGrants',
  ],
  'growth-and-operation': [
    'highTechRevenue', 'revenue', 'revenueGrowth', 'postgraduateShare', 'rdSuperDeduction', 'revenuePerEmployee',
  ],
  auxiliary: [
    'incomeTaxRelief', 'returnOnEquity', 'equityFinancing', 'nationalProgrammes', 'awards', 'standards',
  ],
} as const;

export type InnovationIndicator = (typeof INNOVATION_GROUPS)[keyof typeof INNOVATION_GROUPS][number];
export const INNOVATION_INDICATORS: InnovationIndicator[] = Object.values(INNOVATION_GROUPS).flat();

/** Indicator values; a missing one scores 0 (nothing claimed, nothing credited). */
export type InnovationProfile = Partial<Record<InnovationIndicator, number>>;

type Base = Pick<Firm, 'revenue' | 'totalAssets' | 'totalLiabilities' | 'netProfit' | 'rdExpense' | 'employees' | 'techStaff'>;

/** Indicators computable from the core financials; ROE only when equity is positive. */
function derived(b: Base, highTech: boolean, policy: Policy): InnovationProfile {
  const equity = b.totalAssets - b.totalLiabilities;
  return {
    rdExpense: b.rdExpense,
    rdIntensity: b.revenue > 0 ? b.rdExpense / b.revenue : 0,
    techStaffShare: b.employees > 0 ? b.techStaff / b.employees : 0,
    revenue: b.revenue,
    revenuePerEmployee: b.employees > 0 ? b.revenue / b.employees : 0,
    rdSuperDeduction: Math.round(b.rdExpense * policy.innovation.superDeductionRate),
    incomeTaxRelief: highTech && b.netProfit > 0 ? Math.round(b.netProfit * policy.innovation.highTechTaxReliefRate) : 0,
    returnOnEquity: equity > 0 ? b.netProfit / equity : undefined,
  };
}

/** What an application tells us; growth rates, patents and awards need data the form does not ask for. */
export function profileFromEnterprise(e: EnterpriseInput, policy: Policy): InnovationProfile {
  return derived({ ...e.financials, employees: e.employees, techStaff: e.techStaff }, e.labels.includes('high-tech'), policy);
}

export function profileFromFirm(f: Firm, policy: Policy): InnovationProfile {
  const d = derived(f, f.labelCount >= 2, policy);
  return {
    rdExpense: d.rdExpense,
    rdIntensity: d.rdIntensity,
    techStaffShare: d.techStaffShare,
    revenue: d.revenue,
    revenuePerEmployee: d.revenuePerEmployee,
    rdSuperDeduction: d.rdSuperDeduction,
    returnOnEquity: d.returnOnEquity,
    rdGrowth: f.rdGrowth,
    inventionApplications: f.inventionApplications,
    inventionGrants: f.inventionGrants,
    highTechRevenue: f.highTechRevenue,
    revenueGrowth: f.revenueGrowth,
    postgraduateShare: f.postgraduateShare,
    incomeTaxRelief: f.incomeTaxRelief,
    equityFinancing: f.equityFinancing,
    nationalProgrammes: f.nationalProgrammes,
    awards: f.awards,
    standards: f.standards,
  };
}

/** Level-by-level equal weights: 1/3 per group × 1/6 per indicator. */
export const EQUAL_WEIGHTS: Record<InnovationIndicator, number> = Object.fromEntries(
  Object.values(INNOVATION_GROUPS).flatMap((g) => g.map((k) => [k, 1 / 3 / g.length])),
) as Record<InnovationIndicator, number>;

/**
 * Entropy-weight method: min–max normalise each (benefit) column, p = x / Σx, e = −Σ p ln p / ln n,
 * weight ∝ 1 − e. A column that does not vary carries no information and gets weight 0; if none varies, equal.
 */
export function entropyWeights(matrix: number[][]): number[] {
  const n = matrix.length;
  const m = matrix[0]?.length ?? 0;
  if (n < 2) return Array(m).fill(1 / m);
  const divergence = Array.from({ length: m }, (_, j) => {
    let min = Infinity;
    let max = -Infinity;
    for (const row of matrix) { min = Math.min(min, row[j]); max = Math.max(max, row[j]); }
    if (max === min) return 0;
    let sum = 0;
    for (const row of matrix) sum += (row[j] - min) / (max - min);
    let entropy = 0;
    for (const row of matrix) {
      const p = (row[j] - min) / (max - min) / sum;
      if (p > 0) entropy -= p * Math.log(p);
    }
    return 1 - entropy / Math.log(n);
  });
  const total = divergence.reduce((a, b) => a + b, 0);
  return total > 0 ? divergence.map((d) => d / total) : Array(m).fill(1 / m);
}

interface Columns {
  sorted: Record<InnovationIndicator, Float64Array>;
}

/** Column-wise straight from the firms (one profile object per firm costs ~10× more at 20k firms). */
function buildColumns(firms: Firm[], policy: Policy): Columns {
  const kept = firms.filter((f) => !f.blacklisted);
  const cols = Object.fromEntries(INNOVATION_INDICATORS.map((k) => [k, new Float64Array(kept.length)])) as Columns['sorted'];
  kept.forEach((f, i) => {
    const p = profileFromFirm(f, policy);
    for (const k of INNOVATION_INDICATORS) cols[k][i] = p[k] ?? 0;
  });
  for (const k of INNOVATION_INDICATORS) cols[k].sort();
  return { sorted: cols };
}

const columnsCache = new WeakMap<Policy, Columns>();
const columns = (policy: Policy): Columns => {
  let c = columnsCache.get(policy);
  if (!c) { c = buildColumns(population(), policy); columnsCache.set(policy, c); }
  return c;
};

/** Indicator weights re-derived from the population by the entropy method (each column as population percentiles). */
export function populationEntropyWeights(policy: Policy, firms: Firm[] = population()): Record<InnovationIndicator, number> {
  const profiles = firms.filter((f) => !f.blacklisted).map((f) => profileFromFirm(f, policy));
  const weights = entropyWeights(profiles.map((p) => INNOVATION_INDICATORS.map((k) => p[k] ?? 0)));
  return Object.fromEntries(INNOVATION_INDICATORS.map((k, i) => [k, weights[i]])) as Record<InnovationIndicator, number>;
}

/** Per-indicator 0–1 scores against the population. */
export function indicatorScores(profile: InnovationProfile, policy: Policy): Record<InnovationIndicator, number> {
  const { sorted } = columns(policy);
  return Object.fromEntries(INNOVATION_INDICATORS.map((k) => {
    const v = profile[k];
    return [k, v === undefined ? 0 : shareBelow(sorted[k], v)];
  })) as Record<InnovationIndicator, number>;
}

/** Innovation points, 0–100 (one decimal). */
export function innovationPoints(
  profile: InnovationProfile,
  policy: Policy,
  weights: Record<InnovationIndicator, number> = EQUAL_WEIGHTS,
): number {
  const scores = indicatorScores(profile, policy);
  const total = INNOVATION_INDICATORS.reduce((acc, k) => acc + weights[k] * scores[k], 0);
  return Math.round(total * 1000) / 10;
}
