/**
 * Demo and test applicants (pure data). STRONG_APPLICANT is a small, sound software firm whose ¥300,000
 * Technology Loan is approved automatically; WEAK_APPLICANT lands in the red band and is declined.
 */
import { ALL_CONSENTS_CURRENT } from './consents.js';
import type { CreateApplicationInput } from './schemas/application.js';

const CONSENTS: CreateApplicationInput['consents'] = ALL_CONSENTS_CURRENT;

export const STRONG_APPLICANT: CreateApplicationInput = {
  enterprise: {
    name: '河南智算科技有限公司',
    creditCode: '91410100MA9K3X7Q23',
    industry: 'software',
    establishedOn: '2014-05-01',
    employees: 120,
    techStaff: 60,
    labels: ['tech-sme', 'high-tech'],
    financials: {
      revenue: 8_000_000_000,
      totalAssets: 6_000_000_000,
      totalLiabilities: 1_800_000_000,
      netProfit: 900_000_000,
      rdExpense: 800_000_000,
    },
  },
  loan: {
    product: 'tech-loan',
    amount: 30_000_000,
    termMonths: 12,
    repaymentMethod: 'equal-instalment',
    purpose: 'Working capital for a computing-platform delivery contract (算力平台交付合同流动资金).',
  },
  consents: CONSENTS,
};

/** Young, loss-making, over-indebted, no R&D and no tech label: red band on any date within its first years. */
export const WEAK_APPLICANT: CreateApplicationInput = {
  enterprise: {
    name: '郑州速达商贸有限公司',
    creditCode: '91410100MA9L2P4R0C',
    industry: '批发零售',
    establishedOn: '2025-03-01',
    employees: 8,
    techStaff: 0,
    labels: [],
    financials: {
      revenue: 120_000_000,
      totalAssets: 50_000_000,
      totalLiabilities: 48_000_000,
      netProfit: -30_000_000,
      rdExpense: 0,
    },
  },
  loan: {
    product: 'ip-pledge-loan',
    amount: 20_000_000,
    termMonths: 12,
    repaymentMethod: 'monthly-interest',
    purpose: 'Stock for the spring season.',
  },
  consents: CONSENTS,
};
