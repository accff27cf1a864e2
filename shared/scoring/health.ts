/**
 * Health index 0–100 and bands (seed 002 §7.2): quantitative (solvency, stability, growth), qualitative
 * (owner credit history, management) and external (industry cycle, policy) dimensions, weighted per policy.
 * Bands: green ≥ 90, blue 70–89, yellow 50–69, orange 30–49, red < 30. Post-loan, a band also maps onto the
 * regulators' five-tier loan classification alongside days past due.
 */
import type { Policy } from '../policy.js';
import type { Band, NegativeListHit, StratClass } from '../types.js';
import { STRATEGIC_EMERGING, type IndustryBucket } from './industry.js';
import type { Ratios } from './stratification.js';

export type HealthComponent =
  | 'solvency' | 'years-established' | 'net-margin' | 'rd-intensity' | 'tech-staff-share'
  | 'owner-credit' | 'management' | 'industry-cycle' | 'policy-support';

export interface HealthInput {
  ratios: Pick<Ratios, 'debtRatio' | 'netMargin'>;
  yearsEstablished: number;
  rdIntensity: number;
  techStaffShare: number;
  negativeListHits: NegativeListHit[];
  stratClass: StratClass;
  industry: IndustryBucket;
  labelCount: number;
}

export interface HealthResult {
  index: number;
  band: Band;
  /** Each component's 0–100 score and its weight in the index (weights sum to 1). */
  components: Record<HealthComponent, { score: number; weight: number }>;
}

/** Linear from 0 at `zeroAt` to 100 at `fullAt`, clamped (works for either direction). */
export function linearScore(x: number, zeroAt: number, fullAt: number): number {
  const t = (x - zeroAt) / (fullAt - zeroAt);
  return 100 * Math.min(1, Math.max(0, t));
}

export function bandFor(index: number, floors: Policy['health']['bandFloors']): Band {
  if (index >= floors.green) return 'green';
  if (index >= floors.blue) return 'blue';
  if (index >= floors.yellow) return 'yellow';
  if (index >= floors.orange) return 'orange';
  return 'red';
}

export function healthIndex(input: HealthInput, policy: Policy): HealthResult {
  const h = policy.health;
  const { quantitative: q, qualitative: l, external: x } = h.weights;
  const support = STRATEGIC_EMERGING.has(input.industry) ? h.policySupport.strategic
    : input.labelCount > 0 ? h.policySupport.labelled : h.policySupport.neither;
  // Solvency, stability and growth share the quantitative weight; stability and growth split theirs in two.
  const components: HealthResult['components'] = {
    solvency: { score: linearScore(input.ratios.debtRatio, h.debtRatio.worst, h.debtRatio.best), weight: q / 3 },
    'years-established': { score: linearScore(input.yearsEstablished, 0, h.years.best), weight: q / 6 },
    'net-margin': { score: linearScore(input.ratios.netMargin, h.netMargin.worst, h.netMargin.best), weight: q / 6 },
    'rd-intensity': { score: linearScore(input.rdIntensity, 0, h.rdIntensity.best), weight: q / 6 },
    'tech-staff-share': { score: linearScore(input.techStaffShare, 0, h.techStaffShare.best), weight: q / 6 },
    'owner-credit': { score: input.negativeListHits.length ? 0 : 100, weight: l / 2 },
    management: { score: h.classScore[input.stratClass], weight: l / 2 },
    'industry-cycle': { score: h.industryCycle[input.industry] ?? h.industryCycle.other ?? 50, weight: x / 2 },
    'policy-support': { score: support, weight: x / 2 },
  };
  const raw = Object.values(components).reduce((acc, c) => acc + c.score * c.weight, 0);
  const index = Math.max(0, Math.min(100, Math.round(raw)));
  return { index, band: bandFor(index, h.bandFloors), components };
}

/** The regulators' five-tier classification (贷款风险五级分类). */
export const LOAN_CLASSES = [
  { code: 'normal', zh: '正常', en: 'Normal' },
  { code: 'special-mention', zh: '关注', en: 'Special mention' },
  { code: 'substandard', zh: '次级', en: 'Substandard' },
  { code: 'doubtful', zh: '可疑', en: 'Doubtful' },
  { code: 'loss', zh: '损失', en: 'Loss' },
] as const;
export type LoanClass = (typeof LOAN_CLASSES)[number]['code'];

const BAND_CLASS: Record<Band, number> = { green: 0, blue: 0, yellow: 1, orange: 2, red: 3 };

/**
 * Forward-looking class: the worse of the band's signal and the days-past-due floor (NFRA 2023 risk
 * classification measures: overdue → at least special mention; > 90 days substandard; > 270 doubtful; > 360 loss).
 */
export function loanClass(band: Band, daysPastDue = 0): LoanClass {
  const byDays = daysPastDue > 360 ? 4 : daysPastDue > 270 ? 3 : daysPastDue > 90 ? 2 : daysPastDue > 0 ? 1 : 0;
  return LOAN_CLASSES[Math.max(BAND_CLASS[band], byDays)].code;
}
