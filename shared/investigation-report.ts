/**
 * The standard pre-loan investigation report (thesis §2.2 and §3.3): the sections a credit report has,
 * auto-filled from what the system already knows, plus the "technology flow" sections the account
 * manager completes. Pure: the use case passes in the application and its assessment.
 */
import { formatYuan } from './money.js';
import { PRODUCT_CONFIG } from './products.js';
import type { ApplicationRecord } from './types.js';

/** Sections the account manager writes; the first seven are the technology flow. */
export const REPORT_SECTIONS = [
  'industry-prospects', 'technical-strength', 'founders-and-team', 'rd-investment', 'intellectual-property',
  'commercialised-results', 'subsidies', 'repayment-source', 'risks-and-mitigation', 'conclusion',
] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

export const SECTION_TITLES: Record<ReportSection, { zh: string; en: string }> = {
  'industry-prospects': { zh: '行业前景', en: 'Industry prospects' },
  'technical-strength': { zh: '技术实力', en: 'Technical strength' },
  'founders-and-team': { zh: '创始人及团队', en: 'Founders and team' },
  'rd-investment': { zh: '研发投入', en: 'R&D investment' },
  'intellectual-property': { zh: '知识产权', en: 'Intellectual property' },
  'commercialised-results': { zh: '成果转化', en: 'Commercialised results' },
  subsidies: { zh: '政府补贴与资质', en: 'Subsidies and recognitions' },
  'repayment-source': { zh: '还款来源分析', en: 'Source of repayment' },
  'risks-and-mitigation': { zh: '风险分析及防范措施', en: 'Risks and mitigation' },
  conclusion: { zh: '调查结论', en: 'Conclusion' },
};

export interface InvestigationReport {
  /** Filled by the system from the application, the decision and the negative-list screening. */
  facts: { label: { zh: string; en: string }; value: string }[];
  /** What the system can draft for each section; the account manager's text replaces it. */
  drafts: Record<ReportSection, string>;
  sections: Partial<Record<ReportSection, string>>;
  /** Sections still empty: the report is complete when none are. */
  missing: ReportSection[];
}

const pct = (n: number, d: number) => (d > 0 ? `${((n / d) * 100).toFixed(1)}%` : '—');

export function draftReport(app: ApplicationRecord, written: Partial<Record<ReportSection, string>> = {}): InvestigationReport {
  const e = app.enterprise;
  const f = e.financials;
  const a = app.decision?.assessment;
  const product = PRODUCT_CONFIG[app.loan.product];
  const facts = [
    { label: { zh: '企业名称', en: 'Enterprise' }, value: e.name },
    { label: { zh: '统一社会信用代码', en: 'Credit code' }, value: e.creditCode },
    { label: { zh: '行业', en: 'Industry' }, value: e.industry },
    { label: { zh: '成立日期', en: 'Established' }, value: e.establishedOn },
    { label: { zh: '员工 / 技术人员', en: 'Staff / technical staff' }, value: `${e.employees} / ${e.techStaff} (${pct(e.techStaff, e.employees)})` },
    { label: { zh: '科技标签', en: 'Tech labels' }, value: e.labels.join(', ') || '—' },
    { label: { zh: '申请产品', en: 'Product' }, value: `${product.nameZh} / ${product.nameEn}` },
    { label: { zh: '申请金额及期限', en: 'Amount and term' }, value: `¥${formatYuan(app.loan.amount, 'en').replace('¥', '')} · ${app.loan.termMonths} months` },
    { label: { zh: '营业收入', en: 'Revenue' }, value: formatYuan(f.revenue, 'en') },
    { label: { zh: '资产负债率', en: 'Debt-to-asset ratio' }, value: pct(f.totalLiabilities, f.totalAssets) },
    { label: { zh: '净利润率', en: 'Net margin' }, value: pct(f.netProfit, f.revenue) },
    { label: { zh: '研发投入占比', en: 'R&D share of revenue' }, value: pct(f.rdExpense, f.revenue) },
    ...(a ? [
      { label: { zh: '健康指数 / 等级', en: 'Health index / band' }, value: `${a.healthIndex} / ${a.band}` },
      { label: { zh: '分层类别', en: 'Stratification class' }, value: a.stratClass },
      { label: { zh: '创新积分', en: 'Innovation points' }, value: String(a.innovationPoints) },
    ] : []),
  ];
  const drafts: Record<ReportSection, string> = {
    'industry-prospects': `${e.industry}. `,
    'technical-strength': `${e.techStaff} technical staff of ${e.employees} (${pct(e.techStaff, e.employees)}); labels: ${e.labels.join(', ') || 'none'}.`,
    'founders-and-team': '',
    'rd-investment': `R&D expense ${formatYuan(f.rdExpense, 'en')}, ${pct(f.rdExpense, f.revenue)} of revenue.`,
    'intellectual-property': '',
    'commercialised-results': `Revenue ${formatYuan(f.revenue, 'en')}, net profit ${formatYuan(f.netProfit, 'en')}.`,
    subsidies: '',
    'repayment-source': `Loan purpose: ${app.loan.purpose}.`,
    'risks-and-mitigation': (app.decision?.reasons ?? []).map((r) => r.text.en).join(' '),
    conclusion: '',
  };
  const sections = Object.fromEntries(Object.entries(written).filter(([, v]) => v && v.trim())) as Partial<Record<ReportSection, string>>;
  return { facts, drafts, sections, missing: REPORT_SECTIONS.filter((s) => !sections[s]) };
}
