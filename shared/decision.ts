/**
 * The decision engine: screening result + application → assessment (health band, class, innovation points,
 * composite) → tier → offer, with the few reasons that moved it most. Pure: the caller passes `today` and the
 * bank configuration in force (shared/bank-config.ts); the seed is only the default for tests and benches.
 */
import { chooseTier, type TierRule } from './approval.js';
import { branchOf, policyOf, productOf, SEED_CONFIG, type BankConfig } from './bank-config.js';
import { formatYuan } from './money.js';
import type { Policy } from './policy.js';
import { priceLoan } from './pricing.js';
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

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** How each health component reads to an applicant: name and value in both languages. */
function componentWords(c: HealthComponent, v: number, ev: Evaluation, industry: string): { zh: string; en: string } {
  switch (c) {
    case 'solvency': return { zh: `资产负债率${pct(v)}`, en: `Debt-to-asset ratio of ${pct(v)}` };
    case 'years-established': return { zh: `成立${v.toFixed(1)}年`, en: `${v.toFixed(1)} years in business` };
    case 'net-margin': return { zh: `净利润率${pct(v)}`, en: `Net profit margin of ${pct(v)}` };
    case 'rd-intensity': return { zh: `研发投入占营业收入${pct(v)}`, en: `R&D spending at ${pct(v)} of revenue` };
    case 'tech-staff-share': return { zh: `科技人员占比${pct(v)}`, en: `Technical staff at ${pct(v)} of employees` };
    case 'owner-credit': return v ? { zh: '企业信用记录存在负面信息', en: 'Negative entries in the credit record' } : { zh: '企业信用记录良好', en: 'A clean credit record' };
    case 'management': return { zh: `同业分层为${ev.strat.stratClass}类`, en: `Ranked class ${ev.strat.stratClass} among peers in the industry` };
    case 'industry-cycle': return { zh: `所属行业（${industry}）景气度`, en: `The outlook of the industry (${industry})` };
    case 'policy-support': return v ? { zh: `持有${v}项科技企业认定`, en: `${v} recognised technology label${v === 1 ? '' : 's'}` } : { zh: '暂无科技企业认定', en: 'No recognised technology label yet' };
  }
}

/** Contribution of each component in index points against a neutral score of 50. */
function componentReasons(ev: Evaluation, industry: string): Reason[] {
  return (Object.keys(ev.health.components) as HealthComponent[]).map((c) => {
    const { score, weight } = ev.health.components[c];
    const impact = Math.round(weight * (score - 50) * 10) / 10;
    const words = componentWords(c, ev.values[c], ev, industry);
    return {
      code: c,
      impact,
      text: {
        zh: `${words.zh}，${impact >= 0 ? '为加分项' : '为减分项'}。`,
        en: `${words.en}: ${impact >= 0 ? 'a strength' : 'a concern'}.`,
      },
      detail: `${c}: value ${Number(ev.values[c].toFixed(4))} → score ${score.toFixed(1)} × weight ${weight.toFixed(3)}; ${impact >= 0 ? '+' : ''}${impact} index points vs neutral`,
    };
  });
}

const LIST_NAMES: Record<NegativeListHit['list'], { zh: string; en: string }> = {
  'abnormal-business-status': { zh: '经营异常名录', en: 'list of enterprises with abnormal business operations' },
  'dishonest-debtor': { zh: '失信被执行人名单', en: 'dishonest judgment-debtor list' },
  'tax-violation': { zh: '重大税收违法失信名单', en: 'list of major tax violations' },
  litigation: { zh: '涉诉信息', en: 'pending litigation records' },
  'administrative-penalty': { zh: '行政处罚记录', en: 'administrative penalty records' },
  'default-elsewhere': { zh: '他行违约记录', en: 'records of default with other lenders' },
};

function hitReason(hit: NegativeListHit): Reason {
  const name = LIST_NAMES[hit.list];
  return {
    code: `negative-list:${hit.list}`,
    impact: -100,
    text: {
      zh: `企业列入${name.zh}${hit.source ? `（来源：${hit.source}）` : ''}，系统自动拒绝；如有异议，客户经理可申请人工复议。`,
      en: `The enterprise appears on the ${name.en} (${hit.list}${hit.source ? `, source: ${hit.source}` : ''}), so the application was declined automatically. Your account manager can ask for a manual reconsideration.`,
    },
    detail: `negative-list hit: ${hit.list}${hit.since ? ` since ${hit.since}` : ''}${hit.source ? ` (source: ${hit.source})` : ''}: ${hit.detail}`,
  };
}

function ruleReason(rule: TierRule, ctx: { amount: number; autoCeiling: number; branchAuthority: number; twoApprovalLimit: number; band: string; missing: string[]; differing: string[] }): Reason | null {
  const y = (fen: number) => formatYuan(fen, 'en');
  const z = (fen: number) => formatYuan(fen, 'zh');
  const r = (code: string, impact: number, zh: string, en: string, detail: string): Reason => ({ code, impact, text: { zh, en }, detail });
  switch (rule) {
    case 'band-red': return r(rule, -60, '综合健康指数处于红色（高风险）区间，系统自动拒绝；客户经理可申请人工复议。', 'The overall health index is in the red (high-risk) band, so the application was declined automatically. Your account manager can ask for a manual reconsideration.', `band ${ctx.band}: automatic rejection`);
    case 'amount-above-auto-ceiling': return r(rule, -30, `申请金额${z(ctx.amount)}超过秒批上限${z(ctx.autoCeiling)}，转由银行人员审批。`, `The amount of ${y(ctx.amount)} is above the ${y(ctx.autoCeiling)} limit for instant approval, so bank staff will review it.`, `amount ${ctx.amount} > auto ceiling ${ctx.autoCeiling}`);
    case 'amount-above-branch-authority': return r(rule, -35, `申请金额超过分行审批权限${z(ctx.branchAuthority)}，需分行及总行两级审批。`, `The amount is above the branch's ${y(ctx.branchAuthority)} authority, so both the branch and head office approve it.`, `amount ${ctx.amount} > branch authority ${ctx.branchAuthority}: review + two approvals`);
    case 'amount-above-two-approval-limit': return r(rule, -40, `申请金额超过${z(ctx.twoApprovalLimit)}，提交贷审会审议。`, `The amount is above ${y(ctx.twoApprovalLimit)}, so the credit committee decides.`, `amount ${ctx.amount} > two-approval limit ${ctx.twoApprovalLimit}: committee`);
    case 'band-yellow-or-orange': return r(rule, -45, '综合健康指数处于关注区间，提交贷审会审议。', 'The overall health index calls for a closer look, so the credit committee decides.', `band ${ctx.band}: committee`);
    case 'band-not-green-or-blue': return null; // covered by the band rule above
    case 'class-c': return r(rule, -25, '同业分层为C类，需人工审批。', 'The enterprise ranks in the lower part of its industry (class C), so bank staff will review it.', 'class C blocks automatic approval');
    case 'documents-missing': return r(rule, -30, `尚缺已核验的材料：${ctx.missing.join('、')}。`, `Some required documents are not verified yet: ${ctx.missing.join(', ')}.`, `missing verified documents: ${ctx.missing.join(', ')}`);
    case 'declared-figures-differ': return r(rule, -30, '申报的部分数据与银行掌握的税务、社保数据差异较大，转由银行人员核实。', "Some declared figures differ from the tax and social-insurance data the bank holds, so bank staff will check them.", `declared figures beyond tolerance: ${ctx.differing.join(', ')}`);
    case 'negative-list': return null; // one reason per hit instead
    case 'non-standard-product': return r(rule, -20, '非标准产品且企业非专精特新，需分行及总行两级审批。', 'A non-standard product for an enterprise that is not SRDI, so both the branch and head office approve it.', 'non-standard product, not SRDI: review + two approvals');
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
  const ctx = { autoCeiling: product.autoCeiling, branchAuthority: product.branchAuthority, twoApprovalLimit: product.twoApprovalLimit, amount: loan.amount, band, missing, differing: (input.discrepancies ?? []).map((d) => d.field) };
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
