/**
 * Post-loan monitoring (DESIGN.md §3, seed 002 §7): warning rules with thresholds, monitoring cadence
 * and the response each band calls for. Pure: the scheduled job passes in the borrower's latest signals.
 */
import { FINANCIAL_FIELDS, type EnterpriseFacts } from './enterprise.js';
import type { EnterpriseInput } from './schemas/application.js';
import type { Band, NegativeListHit } from './types.js';

/**
 * The borrower as the bank's data shows it now, for re-scoring after the loan: tax-filed figures, the
 * social-insurance headcount and the labels government lists confirm, over what the application declared at
 * the time (kept for what the data does not say: industry, establishment). Without a registry record the
 * declared figures are the documented stand-in. A registry status other than in operation is a hit.
 */
export function enterpriseNow(declared: EnterpriseInput, facts: EnterpriseFacts | null): {
  enterprise: EnterpriseInput; scoredFrom: 'registry' | 'application'; hits: NegativeListHit[]; figuresYear?: number;
} {
  if (!facts) return { enterprise: declared, scoredFrom: 'application', hits: [] };
  const financials = Object.fromEntries(FINANCIAL_FIELDS.map((f) => [f, facts.financials[f].value])) as EnterpriseInput['financials'];
  const hits: NegativeListHit[] = facts.status === 'in-operation' ? [] : [{
    list: 'abnormal-business-status', detail: facts.status === 'revoked' ? '营业执照被吊销 / business licence revoked' : '已注销 / deregistered', source: 'registry',
  }];
  return {
    enterprise: {
      ...declared, financials, employees: facts.employees.value, techStaff: facts.techStaff.value,
      labels: facts.labels.map((l) => l.label),
    },
    scoredFrom: 'registry',
    hits,
    figuresYear: Math.max(...FINANCIAL_FIELDS.map((f) => facts.financials[f].year)),
  };
}

export interface MonitoringSignals {
  /** Tax paid per month, oldest first (fen); the last three months are compared with the month before them. */
  monthlyTaxPaid?: number[];
  /** Share of last period's revenue from major customers that has been lost (0–1). */
  majorCustomerLoss?: number;
  /** Operating cash flow ÷ debt service due. */
  cashFlowCoverage?: number;
  newLitigation?: boolean;
  newDishonestDebtorEntry?: boolean;
  legalRepresentativeChanged?: boolean;
  rdFailure?: boolean;
  keyStaffExit?: boolean;
  /** Tax owed and unpaid, as the tax bureau reports it. */
  taxArrears?: boolean;
  /** Days the loan is past due. */
  daysPastDue?: number;
}

export interface Warning {
  code: string;
  severity: 'medium' | 'high';
  text: { zh: string; en: string };
}

/** Thresholds from DESIGN.md §3: tax down ≥ 30 % three months running, customer loss > 20 %, coverage < 1.2. */
export const WARNING_THRESHOLDS = { taxDrop: 0.3, taxMonths: 3, customerLoss: 0.2, cashFlowCoverage: 1.2 } as const;

/** True when each of the last `months` months is at least `drop` below the month before that run began. */
export function taxFallingRun(monthly: number[], months: number = WARNING_THRESHOLDS.taxMonths, drop: number = WARNING_THRESHOLDS.taxDrop): boolean {
  if (monthly.length < months + 1) return false;
  const baseline = monthly[monthly.length - months - 1];
  if (baseline <= 0) return false;
  return monthly.slice(-months).every((m) => m <= baseline * (1 - drop));
}

/** The rules with the thresholds of the configuration in force (shared/bank-config.ts `warnings`); the defaults above when none is given. */
export function evaluateWarnings(s: MonitoringSignals, t: { taxDrop: number; taxMonths: number; customerLoss: number; cashFlowCoverage: number } = WARNING_THRESHOLDS): Warning[] {
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  const w: Warning[] = [];
  const add = (code: string, severity: Warning['severity'], zh: string, en: string) => w.push({ code, severity, text: { zh, en } });
  if (s.monthlyTaxPaid && taxFallingRun(s.monthlyTaxPaid, t.taxMonths, t.taxDrop)) add('tax-down', 'medium', `连续${t.taxMonths}个月纳税额下降${pct(t.taxDrop)}以上`, `Tax paid down ${pct(t.taxDrop)} or more ${t.taxMonths} months running`);
  if ((s.majorCustomerLoss ?? 0) > t.customerLoss) add('customer-loss', 'medium', `主要客户流失超过${pct(t.customerLoss)}`, `Lost more than ${pct(t.customerLoss)} of major customers`);
  if (s.cashFlowCoverage !== undefined && s.cashFlowCoverage < t.cashFlowCoverage) add('cash-flow-coverage', 'high', `现金流覆盖率低于${t.cashFlowCoverage}`, `Cash-flow coverage below ${t.cashFlowCoverage}`);
  if (s.newLitigation) add('new-litigation', 'high', '新增涉诉信息', 'New litigation');
  if (s.newDishonestDebtorEntry) add('dishonest-debtor', 'high', '被列入失信被执行人名单', 'Entered on the dishonest-debtor list');
  if (s.legalRepresentativeChanged) add('legal-rep-changed', 'medium', '法定代表人变更', 'Legal representative changed');
  if (s.rdFailure) add('rd-failure', 'high', '核心研发项目失败', 'Core R&D project failed');
  if (s.keyStaffExit) add('key-staff-exit', 'medium', '核心技术人员离职', 'Key technical staff left');
  if (s.taxArrears) add('tax-arrears', 'high', '存在欠税记录', 'Tax arrears reported');
  if ((s.daysPastDue ?? 0) > 0) add('payment-overdue', 'high', `贷款逾期${s.daysPastDue}天`, `Loan ${s.daysPastDue} days past due`);
  return w;
}

/** Monitoring cadence by band: green/blue monthly, yellow weekly, orange/red daily. */
export const CADENCE_DAYS: Record<Band, number> = { green: 30, blue: 30, yellow: 7, orange: 1, red: 1 };

/** What the bank does for each band once a warning is verified (within 24 hours by the account manager). */
export const RESPONSE_BY_BAND: Record<Band, { zh: string; en: string }> = {
  green: { zh: '常规贷后检查', en: 'Routine post-loan checks' },
  blue: { zh: '常规贷后检查', en: 'Routine post-loan checks' },
  yellow: { zh: '提交风险应对计划，增加检查频次', en: 'Risk plan and more frequent inspections' },
  orange: { zh: '压缩授信额度或追加担保', en: 'Cut the limit or add collateral' },
  red: { zh: '启动风险退出程序', en: 'Start the exit procedure' },
};

/** Hours the account manager has to verify a warning, and the follow-up window before close or escalation. */
export const RESPONSE_WINDOW = { verifyHours: 24, followUpDays: { min: 30, max: 60 } } as const;

/** The next check date after `lastCheck` (YYYY-MM-DD) for a band. */
export function nextCheck(lastCheck: string, band: Band): string {
  const d = new Date(`${lastCheck}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + CADENCE_DAYS[band]);
  return d.toISOString().slice(0, 10);
}
