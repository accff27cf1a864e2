/**
 * Decision reasons as data: a code and its facts (amounts in fen, ratios as fractions), rendered here as
 * sentences in both languages with money in yuan. The applicant reads `reasonText`; staff also read
 * `reasonDetail`, the figures behind it. Both are pure, so the API and the web render the same words.
 */
import type { DocumentKind } from './catalog.js';
import { BRANCHES } from './divisions.js';
import { formatYuan } from './money.js';
import type { Band, Reason } from './types.js';

export interface LocalText { zh: string; en: string }
export type ReasonLocale = 'zh' | 'en';
/** What a reason says, by code; every value a person reads. */
export type ReasonParams = Record<string, string | number | string[] | null | undefined>;

export const DOCUMENT_NAMES: Record<DocumentKind, LocalText> = {
  'business-licence': { zh: '营业执照', en: 'business licence' },
  'legal-rep-id': { zh: '法定代表人身份证', en: "legal representative's ID card" },
  'bank-account': { zh: '基本存款账户信息', en: 'basic deposit account details' },
  'financial-statements': { zh: '财务报表', en: 'financial statements' },
  'ip-certificate': { zh: '知识产权证书', en: 'IP certificate' },
  other: { zh: '其他材料', en: 'other document' },
};

/** The application's field names of declared figures (shared/enterprise.ts compareDeclared). */
const FIGURE_NAMES: Record<string, LocalText> = {
  'enterprise.financials.revenue': { zh: '营业收入', en: 'revenue' },
  'enterprise.financials.totalAssets': { zh: '资产总额', en: 'total assets' },
  'enterprise.financials.totalLiabilities': { zh: '负债总额', en: 'total liabilities' },
  'enterprise.financials.netProfit': { zh: '净利润', en: 'net profit' },
  'enterprise.financials.rdExpense': { zh: '研发费用', en: 'R&D expense' },
  'enterprise.employees': { zh: '员工人数', en: 'employees' },
  'enterprise.techStaff': { zh: '科技人员人数', en: 'technical staff' },
};

const BAND_NAMES: Record<Band, LocalText> = {
  green: { zh: '绿色', en: 'green' }, blue: { zh: '蓝色', en: 'blue' }, yellow: { zh: '黄色', en: 'yellow' },
  orange: { zh: '橙色', en: 'orange' }, red: { zh: '红色', en: 'red' },
};

export const NEGATIVE_LIST_NAMES: Record<string, LocalText> = {
  'abnormal-business-status': { zh: '经营异常名录', en: 'list of enterprises with abnormal business operations' },
  'dishonest-debtor': { zh: '失信被执行人名单', en: 'dishonest judgment-debtor list' },
  'tax-violation': { zh: '重大税收违法失信名单', en: 'list of major tax violations' },
  litigation: { zh: '涉诉信息', en: 'pending litigation records' },
  'administrative-penalty': { zh: '行政处罚记录', en: 'administrative penalty records' },
  'default-elsewhere': { zh: '他行违约记录', en: 'records of default with other lenders' },
};

const PRODUCT_NAMES: Record<string, LocalText> = {
  'tech-loan': { zh: '科技贷', en: 'Tech loan' },
  'srdi-loan': { zh: '专精特新贷', en: 'SRDI loan' },
  'ip-pledge-loan': { zh: '知识产权质押贷', en: 'IP pledge loan' },
};

const HEALTH_NAMES: Record<string, LocalText> = {
  solvency: { zh: '资产负债率', en: 'Debt-to-asset ratio' },
  'years-established': { zh: '成立年限', en: 'Years in business' },
  'net-margin': { zh: '净利润率', en: 'Net profit margin' },
  'rd-intensity': { zh: '研发投入强度', en: 'R&D intensity' },
  'tech-staff-share': { zh: '科技人员占比', en: 'Technical staff share' },
  'owner-credit': { zh: '企业信用记录', en: 'Credit record' },
  management: { zh: '同业分层', en: 'Standing among peers' },
  'industry-cycle': { zh: '行业景气度', en: 'Industry outlook' },
  'policy-support': { zh: '科技企业认定', en: 'Technology labels' },
};

/** Every code a decision reason can have; a negative-list reason is `negative-list:<list>`. */
export const REASON_CODES = [
  ...Object.keys(HEALTH_NAMES),
  ...Object.keys(NEGATIVE_LIST_NAMES).map((l) => `negative-list:${l}`),
  'band-red', 'amount-above-auto-ceiling', 'amount-above-branch-authority', 'amount-above-two-approval-limit',
  'band-yellow-or-orange', 'class-c', 'documents-missing', 'declared-figures-differ', 'non-standard-product',
  'review-approved', 'review-rejected',
] as const;

const num = (p: ReasonParams, k: string): number => (typeof p[k] === 'number' ? (p[k] as number) : 0);
const str = (p: ReasonParams, k: string): string => (typeof p[k] === 'string' ? (p[k] as string) : '');
const strs = (p: ReasonParams, k: string): string[] => (Array.isArray(p[k]) ? (p[k] as string[]) : []);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const both = (f: (l: ReasonLocale) => string): LocalText => ({ zh: f('zh'), en: f('en') });
const yuan = (fen: number, l: ReasonLocale) => formatYuan(fen, l);
const joined = (names: LocalText[], l: ReasonLocale) => names.map((n) => n[l]).join(l === 'zh' ? '、' : ', ');
const docs = (p: ReasonParams, l: ReasonLocale) =>
  joined(strs(p, 'missing').map((k) => DOCUMENT_NAMES[k as DocumentKind] ?? { zh: '其他材料', en: 'other document' }), l);
const figures = (p: ReasonParams, l: ReasonLocale) =>
  joined(strs(p, 'fields').map((f) => FIGURE_NAMES[f] ?? { zh: '申报数据', en: 'a declared figure' }), l);
const band = (p: ReasonParams, l: ReasonLocale) => BAND_NAMES[str(p, 'band') as Band]?.[l] ?? str(p, 'band');

/** How a health factor's value reads, e.g. 资产负债率40.0% / Debt-to-asset ratio of 40.0%. */
function factorWords(code: string, p: ReasonParams, l: ReasonLocale): string {
  const v = num(p, 'value');
  const zh = l === 'zh';
  switch (code) {
    case 'solvency': return zh ? `资产负债率${pct(v)}` : `Debt-to-asset ratio of ${pct(v)}`;
    case 'years-established': return zh ? `成立${v.toFixed(1)}年` : `${v.toFixed(1)} years in business`;
    case 'net-margin': return zh ? `净利润率${pct(v)}` : `Net profit margin of ${pct(v)}`;
    case 'rd-intensity': return zh ? `研发投入占营业收入${pct(v)}` : `R&D spending at ${pct(v)} of revenue`;
    case 'tech-staff-share': return zh ? `科技人员占比${pct(v)}` : `Technical staff at ${pct(v)} of employees`;
    case 'owner-credit': return v ? (zh ? '企业信用记录存在负面信息' : 'Negative entries in the credit record') : (zh ? '企业信用记录良好' : 'A clean credit record');
    case 'management': return zh ? `同业分层为${str(p, 'stratClass')}类` : `Ranked class ${str(p, 'stratClass')} among peers in the industry`;
    case 'industry-cycle': return zh ? `所属行业（${str(p, 'industry')}）景气度` : `The outlook of the industry (${str(p, 'industry')})`;
    case 'policy-support': return v ? (zh ? `持有${v}项科技企业认定` : `${v} recognised technology label${v === 1 ? '' : 's'}`) : (zh ? '暂无科技企业认定' : 'No recognised technology label yet');
    default: return code;
  }
}

const kindOf = (code: string) => (code.startsWith('negative-list:') ? 'negative-list' : code);

function applicantSentence(code: string, p: ReasonParams, impact: number, l: ReasonLocale): string {
  const zh = l === 'zh';
  switch (kindOf(code)) {
    case 'negative-list': {
      const list = NEGATIVE_LIST_NAMES[code.slice('negative-list:'.length)] ?? { zh: '负面清单', en: 'negative list' };
      const source = str(p, 'source');
      return zh
        ? `企业列入${list.zh}${source ? `（来源：${source}）` : ''}，系统自动拒绝；如有异议，客户经理可申请人工复议。`
        : `The enterprise appears on the ${list.en}${source ? ` (source: ${source})` : ''}, so the application was declined automatically. Your account manager can ask for a manual reconsideration.`;
    }
    case 'band-red': return zh ? '综合健康指数处于红色（高风险）区间，系统自动拒绝；客户经理可申请人工复议。' : 'The overall health index is in the red (high-risk) band, so the application was declined automatically. Your account manager can ask for a manual reconsideration.';
    case 'amount-above-auto-ceiling': return zh ? `申请金额${yuan(num(p, 'amount'), l)}超过秒批上限${yuan(num(p, 'autoCeiling'), l)}，转由银行人员审批。` : `The amount of ${yuan(num(p, 'amount'), l)} is above the ${yuan(num(p, 'autoCeiling'), l)} limit for instant approval, so bank staff will review it.`;
    case 'amount-above-branch-authority': return zh ? `申请金额超过分行审批权限${yuan(num(p, 'branchAuthority'), l)}，需分行及总行两级审批。` : `The amount is above the branch's ${yuan(num(p, 'branchAuthority'), l)} authority, so both the branch and head office approve it.`;
    case 'amount-above-two-approval-limit': return zh ? `申请金额超过${yuan(num(p, 'twoApprovalLimit'), l)}，提交贷审会审议。` : `The amount is above ${yuan(num(p, 'twoApprovalLimit'), l)}, so the credit committee decides.`;
    case 'band-yellow-or-orange': return zh ? '综合健康指数处于关注区间，提交贷审会审议。' : 'The overall health index calls for a closer look, so the credit committee decides.';
    case 'class-c': return zh ? '同业分层为C类，需人工审批。' : 'The enterprise ranks in the lower part of its industry (class C), so bank staff will review it.';
    case 'documents-missing': return zh ? `尚缺已核验的材料：${docs(p, l)}。` : `Some required documents are not verified yet: ${docs(p, l)}.`;
    case 'declared-figures-differ': return zh ? '申报的部分数据与银行掌握的税务、社保数据差异较大，转由银行人员核实。' : 'Some declared figures differ from the tax and social-insurance data the bank holds, so bank staff will check them.';
    case 'non-standard-product': return zh ? '非标准产品且企业非专精特新，需分行及总行两级审批。' : 'A non-standard product for an enterprise that is not SRDI, so both the branch and head office approve it.';
    case 'review-approved': return zh ? '经审查审批同意贷款。' : 'Approved after review by the bank.';
    case 'review-rejected': return zh ? '经审查审批未同意贷款。' : 'Declined after review by the bank.';
    default:
      if (HEALTH_NAMES[code]) {
        const w = factorWords(code, p, l);
        return zh ? `${w}，${impact >= 0 ? '为加分项' : '为减分项'}。` : `${w}: ${impact >= 0 ? 'a strength' : 'a concern'}.`;
      }
      return zh ? '其他审批因素。' : 'Another factor in the decision.';
  }
}

const signed = (x: number) => `${x >= 0 ? '+' : ''}${x}`;

/** The figures behind a reason, for staff. */
function staffSentence(code: string, p: ReasonParams, impact: number, l: ReasonLocale): string {
  const zh = l === 'zh';
  const amount = yuan(num(p, 'amount'), l);
  switch (kindOf(code)) {
    case 'negative-list': {
      const list = NEGATIVE_LIST_NAMES[code.slice('negative-list:'.length)] ?? { zh: '负面清单', en: 'negative list' };
      const since = str(p, 'since');
      const source = str(p, 'source');
      const note = str(p, 'note');
      return zh
        ? `命中${list.zh}${since ? `，自${since}起` : ''}${source ? `，来源：${source}` : ''}${note ? `；记录：${note}` : ''}。`
        : `On the ${list.en}${since ? ` since ${since}` : ''}${source ? `, source: ${source}` : ''}${note ? `; entry: ${note}` : ''}.`;
    }
    case 'band-red': return zh ? `健康指数${num(p, 'healthIndex')}分，处于红色区间：自动拒绝。` : `Health index ${num(p, 'healthIndex')}, in the red band: automatic rejection.`;
    case 'amount-above-auto-ceiling': return zh ? `申请金额${amount}，高于秒批上限${yuan(num(p, 'autoCeiling'), l)}。` : `Amount ${amount} is above the instant-approval ceiling of ${yuan(num(p, 'autoCeiling'), l)}.`;
    case 'amount-above-branch-authority': return zh ? `申请金额${amount}，高于分行审批权限${yuan(num(p, 'branchAuthority'), l)}：一审两批。` : `Amount ${amount} is above the branch authority of ${yuan(num(p, 'branchAuthority'), l)}: review and two approvals.`;
    case 'amount-above-two-approval-limit': return zh ? `申请金额${amount}，高于两级审批上限${yuan(num(p, 'twoApprovalLimit'), l)}：提交贷审会。` : `Amount ${amount} is above the two-approval limit of ${yuan(num(p, 'twoApprovalLimit'), l)}: credit committee.`;
    case 'band-yellow-or-orange': return zh ? `健康指数${num(p, 'healthIndex')}分，处于${band(p, l)}区间：提交贷审会。` : `Health index ${num(p, 'healthIndex')}, in the ${band(p, l)} band: credit committee.`;
    case 'class-c': return zh ? '同业分层C类，不能自动审批。' : 'Peer class C: no automatic approval.';
    case 'documents-missing': return zh ? `未核验：${docs(p, l)}。` : `Not verified: ${docs(p, l)}.`;
    case 'declared-figures-differ': return zh ? `超出容差的申报数据：${figures(p, l)}。` : `Declared figures beyond the tolerance: ${figures(p, l)}.`;
    case 'non-standard-product': return zh ? `${PRODUCT_NAMES[str(p, 'product')]?.zh ?? '该产品'}为非标准产品，企业非专精特新：一审两批。` : `${PRODUCT_NAMES[str(p, 'product')]?.en ?? 'The product'} is non-standard and the enterprise is not SRDI: review and two approvals.`;
    case 'review-approved':
    case 'review-rejected': {
      if (p.votesFor !== undefined) {
        const branch = BRANCHES.find((b) => b.code === str(p, 'branch'));
        const seat = str(p, 'seat') === 'head-office' || !branch ? (zh ? '总行' : 'head office') : zh ? `${branch.nameZh}分行` : `${branch.nameEn} branch`;
        return zh
          ? `贷审会（${seat}）：赞成${num(p, 'votesFor')}票，反对${num(p, 'votesAgainst')}票，法定人数${num(p, 'votes')}/${num(p, 'quorum')}。`
          : `Credit committee (${seat}): ${num(p, 'votesFor')} for, ${num(p, 'votesAgainst')} against, quorum ${num(p, 'votes')}/${num(p, 'quorum')}.`;
      }
      const note = str(p, 'note');
      return note ? (zh ? `审批意见：“${note}”` : `Opinion: “${note}”`) : (zh ? '审批人未填写意见。' : 'No comment was given.');
    }
    default:
      if (HEALTH_NAMES[code]) {
        const w = factorWords(code, p, l);
        const weight = `${(num(p, 'weight') * 100).toFixed(1)}%`;
        return zh
          ? `${w}：得分${num(p, 'score').toFixed(1)}（满分100），权重${weight}，较中性水平${signed(impact)}分。`
          : `${w}: score ${num(p, 'score').toFixed(1)} of 100, weight ${weight}, ${signed(impact)} index points against neutral.`;
      }
      return zh ? '其他审批因素。' : 'Another factor in the decision.';
  }
}

/** What the applicant reads, in both languages. A reason without params (an old record) keeps its stored text. */
export function reasonText(r: Pick<Reason, 'code' | 'impact' | 'params' | 'text'>): LocalText {
  if (!r.params) return r.text;
  return both((l) => applicantSentence(r.code, r.params!, r.impact, l));
}

/** The figures behind a reason, for staff, in both languages; null for an old record, whose note was engine text. */
export function reasonDetail(r: Pick<Reason, 'code' | 'impact' | 'params'>): LocalText | null {
  if (!r.params) return null;
  return both((l) => staffSentence(r.code, r.params!, r.impact, l));
}

/** A reason from its code and facts, its applicant text rendered now (kept on the record for readers of stored data). */
export function makeReason(code: string, impact: number, params: ReasonParams): Reason {
  return { code, impact, params, text: both((l) => applicantSentence(code, params, impact, l)) };
}
