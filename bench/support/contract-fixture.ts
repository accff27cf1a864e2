/**
 * An approved application and its offer, as the decision workflow would leave them, for the contract
 * tests and the benchmark. The schedule is a plain equal-instalment one that sums to the principal.
 */
import { BANK } from '../../shared/contract/bank.js';
import { buildContractModel, type ContractModel } from '../../shared/contract/contract-model.js';
import type { ApplicationRecord, Offer, ScheduleRow } from '../../shared/types.js';

export function equalInstalmentSchedule(principal: number, rateBps: number, months: number, firstDue: string): ScheduleRow[] {
  const r = rateBps / 10_000 / 12;
  const payment = Math.round((principal * r * (1 + r) ** months) / ((1 + r) ** months - 1));
  const rows: ScheduleRow[] = [];
  let balance = principal;
  const start = new Date(`${firstDue}T00:00:00Z`);
  for (let period = 1; period <= months; period++) {
    const interest = Math.round(balance * r);
    const part = period === months ? balance : payment - interest;
    balance -= part;
    const due = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + period - 1, start.getUTCDate()));
    rows.push({ period, dueDate: due.toISOString().slice(0, 10), principal: part, interest });
  }
  return rows;
}

export function approvedApplication(overrides: { name?: string; amount?: number; termMonths?: number } = {}): { application: ApplicationRecord; offer: Offer } {
  const amount = overrides.amount ?? 300_000_000;
  const termMonths = overrides.termMonths ?? 12;
  const rateBps = 385;
  const schedule = equalInstalmentSchedule(amount, rateBps, termMonths, '2026-04-20');
  const application: ApplicationRecord = {
    id: 'app-7f3c2a',
    ownerId: 'user-applicant',
    status: 'approved',
    version: 5,
    createdAt: '2026-03-18T01:00:00.000Z',
    updatedAt: '2026-03-20T02:00:00.000Z',
    enterprise: {
      name: overrides.name ?? '郑州智芯微电子科技有限公司',
      creditCode: '91410100MA44XXXX0A',
      industry: '集成电路设计',
      establishedOn: '2016-05-12',
      employees: 86,
      techStaff: 52,
      labels: ['tech-sme', 'high-tech'],
      registeredDivision: '410100',
      address: '河南省郑州市高新技术产业开发区科学大道100号',
      financials: { revenue: 6_800_000_000, totalAssets: 5_200_000_000, totalLiabilities: 2_100_000_000, netProfit: 540_000_000, rdExpense: 820_000_000 },
    },
    loan: { product: 'tech-loan', amount, termMonths, repaymentMethod: 'equal-instalment', purpose: '购买芯片测试设备及支付研发材料款' },
    decision: null,
  };
  const offer: Offer = {
    rateBps,
    aprBps: rateBps,
    totalInterest: schedule.reduce((s, r) => s + r.interest, 0),
    schedule,
  };
  return { application, offer };
}

export function contractModel(overrides: Parameters<typeof approvedApplication>[0] = {}): ContractModel {
  const { application, offer } = approvedApplication(overrides);
  return buildContractModel({ application, offer, lender: BANK, contractNo: 'KD-2026-0320-000123', today: '2026-03-20' });
}
