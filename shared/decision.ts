/**
 * The decision engine: screening result + application → assessment (health band, class, innovation points,
 * composite) → tier → offer, with the few reasons that moved it most. Pure: the caller passes `today` and the
 * bank configuration in force (shared/bank-config.ts); the seed is only the default for tests and benches.
 */
import { chooseTier, type TierRule } from './approval.js';
import { branchOf, policyOf, productOf, SEED_CONFIG, type BankConfig } from './bank-config.js';
import type { Policy } from './policy.js';
import { priceLoan } from './pricing.js';
import { makeReason } from './reasons.js';
import { aprBps, buildSchedule, totalInterest } from './schedule.js';
import { healthIndex, type HealthComponent, type HealthResult } from './scoring/health.js';
import { industryBucket } from './scoring/industry.js';
import { innovationPoints, profileFromEnterprise } from './scoring/innovation.js';
import { stratify, yearsBetween, type Stratification } from './scoring/stratification.js';
import { STRONG_APPLICANT as STRONG_WARM_UP } from './fixtures.js';
import type { CreateApplicationInput, DocumentKind } from './schemas/application.js';
import type { Assessment, Decision, NegativeListHit, Offer, Reason } from './types.js';

export interface DecisionInput {
  application: CreateApplicationInput;
  verifiedDocuments: DocumentKind[];
  negativeListHits: NegativeListHit[];
  /** Declared figures beyond the tolerance from the bank's data (application.bankCheck). */
  discrepancies?: { field: string; declared: number; bank: number }[];
  /** YYYY-MM-DD */
  today: string;
}

interface Evaluation {
  assessment: Assessment;
  health: HealthResult;
  strat: Stratification;
  values: Record<HealthComponent, number>;
}

function evaluate(input: DecisionInput, policy: Policy): Evaluation {
  const e = input.application.enterprise;
  const f = e.financials;
  const industry = industryBucket(e.industry);
  const yearsEstablished = yearsBetween(e.establishedOn, input.today);
  const labelCount = new Set(e.labels).size;
  const strat = stratify({ industry, yearsEstablished, labelCount, ...f }, policy);
  const rdIntensity = f.revenue > 0 ? f.rdExpense / f.revenue : 0;
  const techStaffShare = e.employees > 0 ? e.techStaff / e.employees : 0;
  const health = healthIndex({
    ratios: strat.ratios, yearsEstablished, rdIntensity, techStaffShare,
    negativeListHits: input.negativeListHits, stratClass: strat.stratClass, industry, labelCount,
  }, policy);
  return {
    strat,
    health,
    values: {
      solvency: strat.ratios.debtRatio,
      'years-established': yearsEstablished,
      'net-margin': strat.ratios.netMargin,
      'rd-intensity': rdIntensity,
      'tech-staff-share': techStaffShare,
      'owner-credit': input.negativeListHits.length,
      management: 0,
      'industry-cycle': 0,
      'policy-support': labelCount,
    },
    assessment: {
      healthIndex: health.index,
      band: health.band,
      stratClass: strat.stratClass,
      innovationPoints: innovationPoints(profileFromEnterprise(e, policy), policy),
      compositeScore: Math.round(strat.compositeScore * 100) / 100,
    },
  };
}

/** Builds the population statistics now rather than on the first decision (call at cold start). */
export function warmUp(config: BankConfig = SEED_CONFIG): void {
  assess({ application: STRONG_WARM_UP, verifiedDocuments: [], negativeListHits: [], today: '2026-01-01' }, config);
}

/** Health band, stratification class, innovation points and composite for one application (the workflow's Score step). */
export function assess(input: DecisionInput, config: BankConfig = SEED_CONFIG): Assessment {
  return evaluate(input, policyOf(config)).assessment;
}

/** Contribution of each component in index points against a neutral score of 50, with the facts behind it. */
function componentReasons(ev: Evaluation, industry: string): Reason[] {
  return (Object.keys(ev.health.components) as HealthComponent[]).map((c) => {
    const { score, weight } = ev.health.components[c];
    const impact = Math.round(weight * (score - 50) * 10) / 10;
    return makeReason(c, impact, {
      value: Number(ev.values[c].toFixed(4)), score: Math.round(score * 10) / 10, weight: Math.round(weight * 1000) / 1000,
      ...(c === 'management' ? { stratClass: ev.strat.stratClass } : {}),
      ...(c === 'industry-cycle' ? { industry } : {}),
    });
  });
}

function hitReason(hit: NegativeListHit): Reason {
  return makeReason(`negative-list:${hit.list}`, -100, { source: hit.source ?? null, since: hit.since ?? null, note: hit.detail });
}

interface RuleContext {
  amount: number; autoCeiling: number; branchAuthority: number; twoApprovalLimit: number;
  band: string; healthIndex: number; missing: string[]; differing: string[]; product: string;
}

function ruleReason(rule: TierRule, ctx: RuleContext): Reason | null {
  switch (rule) {
    case 'band-red': return makeReason(rule, -60, { band: ctx.band, healthIndex: ctx.healthIndex });
    case 'amount-above-auto-ceiling': return makeReason(rule, -30, { amount: ctx.amount, autoCeiling: ctx.autoCeiling });
    case 'amount-above-branch-authority': return makeReason(rule, -35, { amount: ctx.amount, branchAuthority: ctx.branchAuthority });
    case 'amount-above-two-approval-limit': return makeReason(rule, -40, { amount: ctx.amount, twoApprovalLimit: ctx.twoApprovalLimit });
    case 'band-yellow-or-orange': return makeReason(rule, -45, { band: ctx.band, healthIndex: ctx.healthIndex });
    case 'band-not-green-or-blue': return null; // covered by the band rule above
    case 'class-c': return makeReason(rule, -25, { stratClass: 'C' });
    case 'documents-missing': return makeReason(rule, -30, { missing: ctx.missing });
    case 'declared-figures-differ': return makeReason(rule, -30, { fields: ctx.differing });
    case 'negative-list': return null; // one reason per hit instead
    case 'non-standard-product': return makeReason(rule, -20, { product: ctx.product });
  }
}

/**
 * Hits and tier rules first (they decided the outcome), then the largest score factors pointing the same way
 * as the outcome (strengths for an approval, concerns otherwise), then the rest; 3–5 in all.
 */
function pickReasons(fixed: Reason[], factors: Reason[], approved: boolean): Reason[] {
  const agrees = (r: Reason) => (approved ? r.impact > 0 : r.impact < 0);
  const ranked = [...factors].sort((a, b) => Number(agrees(b)) - Number(agrees(a))
    || Math.abs(b.impact) - Math.abs(a.impact) || a.code.localeCompare(b.code));
  return [...fixed.slice(0, 5), ...ranked].slice(0, Math.min(5, Math.max(3, fixed.length + 2)));
}

function makeOffer(input: DecisionInput, band: Assessment['band'], stratClass: Assessment['stratClass'], config: BankConfig): Offer {
  const { loan } = input.application;
  const { rateBps } = priceLoan({ band, stratClass }, productOf(config, loan.product), policyOf(config));
  const schedule = buildSchedule({ principal: loan.amount, rateBps, termMonths: loan.termMonths, method: loan.repaymentMethod, startDate: input.today });
  return { rateBps, aprBps: aprBps(loan.amount, schedule), totalInterest: totalInterest(schedule), schedule };
}

/** What the Score step hands on: the assessment and every health factor as a reason, so the tier needs no rescoring. */
export interface Scored {
  assessment: Assessment;
  factors: Reason[];
}

/** The workflow's Score step: the assessment plus the reasons its factors give, for `decideFromScore`. */
export function score(input: DecisionInput, config: BankConfig = SEED_CONFIG): Scored {
  const ev = evaluate(input, policyOf(config));
  return { assessment: ev.assessment, factors: componentReasons(ev, input.application.enterprise.industry) };
}

/**
 * The tier limits for a case: the product's, with the branch's own authority where the case is routed (a product
 * that lowers the bank-wide authority keeps the lower of the two).
 */
export function tierLimitsFor(config: BankConfig, product: DecisionInput['application']['loan']['product'], branch?: string) {
  const limits = productOf(config, product);
  const b = branch ? branchOf(config, branch) : undefined;
  if (!b) return limits;
  const own = config.products.find((p) => p.code === product)?.thresholds?.branchAuthority;
  const branchAuthority = Math.max(limits.autoCeiling, Math.min(b.authority.approvalLimit, own ?? Infinity, limits.twoApprovalLimit));
  return { ...limits, branchAuthority };
}

/** The workflow's ChooseTier step: tier, outcome, reasons and offer from the facts and Score's output. */
export function decideFromScore(input: DecisionInput, scored: Scored, config: BankConfig = SEED_CONFIG, opts: { branch?: string } = {}): Decision {
  const { loan } = input.application;
  const product = tierLimitsFor(config, loan.product, opts.branch);
  const { band, stratClass } = scored.assessment;
  const settings = config.products.find((p) => p.code === loan.product);
  const srdi = input.application.enterprise.labels.some((l) => l === 'srdi' || l === 'little-giant');
  const choice = chooseTier({
    amount: loan.amount, band, stratClass,
    negativeListHits: input.negativeListHits.length, verifiedDocuments: input.verifiedDocuments,
    figureDiscrepancies: input.discrepancies?.length ?? 0,
    standardOrSrdi: (settings?.standard ?? true) || srdi,
  }, product);
  const missing = product.requiredDocuments.filter((k) => !input.verifiedDocuments.includes(k));
  const ctx: RuleContext = {
    autoCeiling: product.autoCeiling, branchAuthority: product.branchAuthority, twoApprovalLimit: product.twoApprovalLimit,
    amount: loan.amount, band, healthIndex: scored.assessment.healthIndex, missing, differing: (input.discrepancies ?? []).map((d) => d.field), product: loan.product,
  };
  const fixed = [
    ...input.negativeListHits.map(hitReason),
    ...choice.rules.map((rule) => ruleReason(rule, ctx)).filter((r): r is Reason => r !== null),
  ];
  const reasons = pickReasons(fixed, scored.factors, choice.outcome === 'approved');
  return {
    outcome: choice.outcome,
    tier: choice.tier,
    reasons,
    assessment: scored.assessment,
    policyVersion: config.policy.version,
    configVersion: config.version,
    lpr: { ...config.lpr },
    ...(choice.outcome === 'rejected' ? {} : { offer: makeOffer(input, band, stratClass, config) }),
    decidedAt: `${input.today}T00:00:00.000Z`,
    decidedBy: 'workflow',
  };
}

export function decide(input: DecisionInput, config: BankConfig = SEED_CONFIG, opts: { branch?: string } = {}): Decision {
  return decideFromScore(input, score(input, config), config, opts);
}
