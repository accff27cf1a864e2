/**
 * The loan products (DESIGN.md §3): amount and term ranges, eligible labels, tier limits, required
 * documents and pricing bounds. Amounts in fen, rates in bps. Head office may change these per product.
 */
import { formatYuan } from './money.js';
import { CORE_DOCUMENT_KINDS, type DocumentKind, type Product, type RepaymentMethod } from './catalog.js';
import type { CreateApplicationInput } from './schemas/application.js';

export interface ProductConfig {
  nameZh: string;
  nameEn: string;
  amount: { min: number; max: number };
  termMonths: { min: number; max: number };
  /** The enterprise needs at least one of these labels; empty = open to all. */
  eligibleLabels: string[];
  /** Highest amount the workflow may approve with no human (秒批). */
  autoCeiling: number;
  /** Highest amount a branch's one review + one approval may decide (一审一批). */
  branchAuthority: number;
  /** Highest amount for one review + two approvals (一审二批); above goes to the committee. */
  twoApprovalLimit: number;
  requiredDocuments: DocumentKind[];
  rateBps: { min: number; max: number };
  repaymentMethods: RepaymentMethod[];
}

const TECH_LABELS = ['tech-sme', 'high-tech', 'srdi', 'little-giant'];
const ALL_METHODS: RepaymentMethod[] = ['equal-instalment', 'equal-principal', 'monthly-interest'];
const TIER_DEFAULTS = { autoCeiling: 50_000_000, branchAuthority: 300_000_000, twoApprovalLimit: 1_000_000_000 };

export const PRODUCT_CONFIG: Record<Product, ProductConfig> = {
  // Credit loan backed by the provincial risk compensation pool, for any recognised tech enterprise.
  'tech-loan': {
    nameZh: '科技贷', nameEn: 'Technology Loan',
    amount: { min: 10_000_000, max: 3_000_000_000 },
    termMonths: { min: 3, max: 36 },
    eligibleLabels: TECH_LABELS,
    ...TIER_DEFAULTS,
    requiredDocuments: [...CORE_DOCUMENT_KINDS],
    rateBps: { min: 320, max: 650 },
    repaymentMethods: ALL_METHODS,
  },
  // For SRDI (专精特新) and little-giant enterprises only; longer terms, lower floor.
  'srdi-loan': {
    nameZh: '专精特新贷', nameEn: 'SRDI Loan',
    amount: { min: 10_000_000, max: 3_000_000_000 },
    termMonths: { min: 3, max: 36 },
    eligibleLabels: ['srdi', 'little-giant'],
    ...TIER_DEFAULTS,
    requiredDocuments: [...CORE_DOCUMENT_KINDS],
    rateBps: { min: 310, max: 600 },
    repaymentMethods: ALL_METHODS,
  },
  // Secured by registered patents or trademarks; valuation makes every case a human one above the auto ceiling.
  'ip-pledge-loan': {
    nameZh: '知识产权质押贷', nameEn: 'IP Pledge Loan',
    amount: { min: 10_000_000, max: 5_000_000_000 },
    termMonths: { min: 6, max: 60 },
    eligibleLabels: [],
    ...TIER_DEFAULTS,
    requiredDocuments: [...CORE_DOCUMENT_KINDS],
    rateBps: { min: 340, max: 700 },
    repaymentMethods: ALL_METHODS,
  },
};

const METHOD_NAMES: Record<RepaymentMethod, string> = {
  'equal-instalment': 'equal instalments (等额本息)',
  'equal-principal': 'equal principal (等额本金)',
  'monthly-interest': 'monthly interest, principal at maturity (按月付息到期还本)',
};

/** Field path → message for each way the request does not fit its product; null when it fits. */
export function checkLoanAgainstProduct(
  input: CreateApplicationInput,
  product: Omit<ProductConfig, 'autoCeiling' | 'branchAuthority' | 'twoApprovalLimit'> = PRODUCT_CONFIG[input.loan.product],
): Record<string, string> | null {
  const { loan, enterprise } = input;
  const p = product;
  const name = `${p.nameZh} (${p.nameEn})`;
  const issues: Record<string, string> = {};
  if (loan.amount < p.amount.min || loan.amount > p.amount.max) {
    issues['loan.amount'] = `${name} lends ${formatYuan(p.amount.min, 'en')}–${formatYuan(p.amount.max, 'en')}; you asked for ${formatYuan(loan.amount, 'en')}.`;
  }
  if (loan.termMonths < p.termMonths.min || loan.termMonths > p.termMonths.max) {
    issues['loan.termMonths'] = `${name} runs ${p.termMonths.min}–${p.termMonths.max} months; you asked for ${loan.termMonths}.`;
  }
  if (!p.repaymentMethods.includes(loan.repaymentMethod)) {
    issues['loan.repaymentMethod'] = `${name} is repaid by ${p.repaymentMethods.map((m) => METHOD_NAMES[m]).join(' or ')}.`;
  }
  if (p.eligibleLabels.length && !enterprise.labels.some((l) => p.eligibleLabels.includes(l))) {
    issues['enterprise.labels'] = `${name} is for enterprises recognised as one of: ${p.eligibleLabels.join(', ')}.`;
  }
  return Object.keys(issues).length ? issues : null;
}
