import { describe, expect, it } from 'vitest';
import { chooseTier } from '../../shared/approval.js';
import { decide } from '../../shared/decision.js';
import {
  compareDeclared, confirmLabels, DECLARED_FIGURE_TOLERANCE, legalRepresentativeMatches, maskName, registeredDivisionProblem, type EnterpriseFacts,
} from '../../shared/enterprise.js';
import { STRONG_APPLICANT } from '../../shared/fixtures.js';
import { idNumberCheckChar, validateIdNumber } from '../../shared/id-number.js';
import { PRODUCT_CONFIG } from '../../shared/products.js';

describe('GB 11643 resident ID numbers', () => {
  it.each([
    ['11010519491231002X', true], // the standard's own example
    ['11010519491231002x', true],
    ['110105194912310021', false],
    ['11010519490231002X', false], // 31 February
    ['1101051949123100', false],
  ])('%s is valid: %s', (id, ok) => {
    expect(validateIdNumber(id).ok).toBe(ok);
  });

  it('computes the check character over the first 17 digits', () => {
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(idNumberCheckChar('44052418800101001')).toBe('4');
  });
});

const money = (value: number) => ({ value, year: 2025, source: 'tax-filing' });
const FACTS: EnterpriseFacts = {
  creditCode: STRONG_APPLICANT.enterprise.creditCode, name: STRONG_APPLICANT.enterprise.name, status: 'in-operation',
  legalRepresentative: { name: '欧阳娜娜', idNumber: '11010519491231002X' }, division: '410100', industry: 'software',
  establishedOn: '2014-05-01', registeredCapital: 1_000_000_000, address: '河南省郑州市金水区',
  labels: [{ label: 'tech-sme', year: 2025, source: 'most-tech-sme-registry' }],
  financials: {
    revenue: money(8_000_000_000), totalAssets: money(6_000_000_000), totalLiabilities: money(1_800_000_000), netProfit: money(900_000_000), rdExpense: money(800_000_000),
  },
  employees: { value: 120, year: 2025, source: 'social-insurance' }, techStaff: { value: 60, year: 2025, source: 'tax-filing' },
};

describe('what the bank already knows', () => {
  it('masks all but the first character of a name', () => {
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('张三')).toBe('张*');
  });

  it('matches the legal representative on name and ID number together, spacing and case aside', () => {
    expect(legalRepresentativeMatches(FACTS, { name: ' 欧阳 娜娜', idNumber: '11010519491231002x' })).toBe(true);
    expect(legalRepresentativeMatches(FACTS, { name: '欧阳娜', idNumber: '11010519491231002X' })).toBe(false);
    expect(legalRepresentativeMatches(FACTS, { name: '欧阳娜娜', idNumber: '440524188001010014' })).toBe(false);
  });

  it('flags declared figures beyond the tolerance, and only those', () => {
    const e = STRONG_APPLICANT.enterprise;
    expect(compareDeclared(e, FACTS)).toEqual([]);
    const within = { ...e, financials: { ...e.financials, revenue: Math.round(e.financials.revenue * (1 + DECLARED_FIGURE_TOLERANCE * 0.9)) } };
    expect(compareDeclared(within, FACTS)).toEqual([]);
    const beyond = { ...e, employees: 200, financials: { ...e.financials, revenue: e.financials.revenue * 2 } };
    expect(compareDeclared(beyond, FACTS).map((d) => d.field)).toEqual(['enterprise.financials.revenue', 'enterprise.employees']);
  });

  it('counts only labels a government list confirms', () => {
    expect(confirmLabels(['tech-sme', 'high-tech', 'tech-sme'], FACTS)).toEqual({ confirmed: ['tech-sme'], unconfirmed: ['high-tech'] });
  });

  it.each([
    [undefined, null],
    ['410100', null],
    ['410105', null],
    ['410305', 'refine'],
    ['110105', 'refine'],
  ])('a declared division %s against a Zhengzhou code', (declared, problem) => {
    const result = registeredDivisionProblem('91410100MA9K3X7Q23', declared);
    if (problem === null) expect(result).toBeNull();
    else expect(result).toMatch(/only refine it within the same prefecture/);
  });

  it('keeps a case with declared figures beyond the tolerance from the automatic tier', () => {
    const base = { amount: 30_000_000, band: 'green' as const, stratClass: 'A' as const, negativeListHits: 0, verifiedDocuments: ['business-licence', 'legal-rep-id', 'bank-account'] as const };
    expect(chooseTier({ ...base, verifiedDocuments: [...base.verifiedDocuments] }, PRODUCT_CONFIG['tech-loan']).outcome).toBe('approved');
    expect(chooseTier({ ...base, verifiedDocuments: [...base.verifiedDocuments], figureDiscrepancies: 1 }, PRODUCT_CONFIG['tech-loan']))
      .toMatchObject({ outcome: 'referred', tier: 'review-approve', rules: ['declared-figures-differ'] });
    const decision = decide({
      application: STRONG_APPLICANT, verifiedDocuments: ['business-licence', 'legal-rep-id', 'bank-account'], negativeListHits: [], today: '2026-12-01',
      discrepancies: [{ field: 'enterprise.financials.revenue', declared: 1, bank: 2 }],
    });
    expect(decision.outcome).toBe('referred');
    expect(decision.reasons[0]).toMatchObject({ code: 'declared-figures-differ', text: { zh: expect.stringContaining('税务'), en: expect.stringContaining('tax') } });
  });
});
