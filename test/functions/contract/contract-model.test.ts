import { describe, expect, it } from 'vitest';
import { BANK } from '../../../shared/contract/bank.js';
import { buildContractModel, contractTerms, ENTRUSTED_PAYMENT_THRESHOLD_FEN } from '../../../shared/contract/contract-model.js';
import { checkSignedMatchesApproved } from '../../../shared/contract/signed-terms-check.js';
import { toBeijingTime, toUtcTime } from '../../../shared/contract/audit-trail.js';
import { approvedApplication, contractModel } from '../../../bench/support/contract-fixture.js';

const build = (over: Parameters<typeof approvedApplication>[0] = {}, extra: Partial<Parameters<typeof buildContractModel>[0]> = {}) => {
  const { application, offer } = approvedApplication(over);
  return buildContractModel({ application, offer, lender: BANK, contractNo: 'KD-1', today: '2026-03-20', ...extra });
};

describe('buildContractModel', () => {
  it('carries the borrower, the amount in figures and capitals, and the term to maturity', () => {
    const m = build();
    expect(m.borrower).toMatchObject({ name: '郑州智芯微电子科技有限公司', creditCode: '91410100MA44XXXX0A' });
    expect(m.amount).toEqual({ fen: 300_000_000, figures: '3,000,000.00', capitals: '叁佰万元整' });
    expect(m.term).toEqual({ months: 12, startDate: '2026-03-20', maturityDate: '2027-03-20' });
    expect(m.lender.nameZh).toBe(BANK.nameZh);
  });

  it('sets the rate as the LPR plus a spread that is kept when the rate is repriced each year', () => {
    const m = build({}, { lpr: { tenor: '1y', bps: 310, publishedOn: '2025-12-22' } });
    expect(m.rate).toMatchObject({ annualBps: 385, annual: '3.85%', spreadBps: 75 });
    expect(m.rate.adjustment).toContain('2025年12月22日');
    expect(m.rate.adjustment).toContain('加75个基点');
    expect(m.rate.adjustment).toContain('每满一年调整一次');
  });

  it('uses the five-year LPR for terms beyond five years', () => {
    expect(build({ termMonths: 72 }).rate.lpr.tenor).toBe('5y');
    expect(build({ termMonths: 60 }).rate.lpr.tenor).toBe('1y');
  });

  it('totals the full schedule to exactly the principal', () => {
    const m = build({ amount: 123_456_789, termMonths: 36 });
    expect(m.repayment.schedule).toHaveLength(36);
    expect(m.repayment.totals.principal).toBe(123_456_789);
    expect(m.repayment.totals.total).toBe(m.repayment.totals.principal + m.repayment.totals.interest);
  });

  it.each([
    [ENTRUSTED_PAYMENT_THRESHOLD_FEN, 'self', '借款人自主支付'],
    [ENTRUSTED_PAYMENT_THRESHOLD_FEN + 100, 'entrusted', '贷款人受托支付'],
  ])('pays %i fen by the %s method', (amount, method, zh) => {
    const m = build({ amount });
    expect(m.payment).toMatchObject({ method, methodZh: zh });
  });

  it('names the repayment account when one is known, and the basic account otherwise', () => {
    const account = { accountName: '郑州智芯微电子科技有限公司', accountNo: '4101 2345 6789 0001', bankName: '河南科创商业银行郑州高新支行' };
    expect(build({}, { repaymentAccount: account }).articles.find((a) => a.title === '还款账户')!.paragraphs[0]).toContain(account.accountNo);
    expect(build().articles.find((a) => a.title === '还款账户')!.paragraphs[0]).toContain('基本存款账户');
  });

  it('refuses an offer whose schedule does not repay the loan', () => {
    const { application, offer } = approvedApplication();
    const short = { ...offer, schedule: offer.schedule.slice(1) };
    expect(() => buildContractModel({ application, offer: short, lender: BANK, contractNo: 'KD-1', today: '2026-03-20' })).toThrow(/schedule repays/);
  });

  it('numbers the articles and leaves a signature block for each party', () => {
    const m = contractModel();
    expect(m.articles[0].no).toBe('第一条');
    expect(m.articles.at(-1)!.no).toBe(`第${['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'][m.articles.length - 1]}条`);
    expect(m.signatures.borrower.name).toBe(m.borrower.name);
    expect(m.signatures.lender.name).toBe(BANK.nameZh);
  });
});

describe('checkSignedMatchesApproved', () => {
  const approved = build();
  const generated = { terms: contractTerms(approved), sha256: 'a'.repeat(64) };
  const signed = { signedOverSha256: 'a'.repeat(64), sha256: 'b'.repeat(64) };

  it('passes when the borrower signed the generated document of the approved terms', () => {
    expect(checkSignedMatchesApproved({ approved, generated, signed, storedSignedSha256: 'B'.repeat(64) })).toEqual({ ok: true, findings: [] });
  });

  it.each([
    ['terms-changed', { approved: build({ amount: 300_000_100 }) }],
    ['signed-other-document', { signed: { ...signed, signedOverSha256: 'c'.repeat(64) } }],
    ['signed-document-altered', { storedSignedSha256: 'd'.repeat(64) }],
  ] as const)('finds %s', (code, change) => {
    const result = checkSignedMatchesApproved({ approved, generated, signed, storedSignedSha256: 'b'.repeat(64), ...change });
    expect(result.ok).toBe(false);
    expect(result.findings.map((f) => f.code)).toEqual([code]);
  });

  it('sees a changed rate or schedule as changed terms', () => {
    const { application, offer } = approvedApplication();
    const repriced = buildContractModel({ application, offer: { ...offer, rateBps: 390 }, lender: BANK, contractNo: 'KD-1', today: '2026-03-20' });
    expect(contractTerms(repriced)).not.toBe(generated.terms);
  });
});

describe('audit times', () => {
  it('shows an instant in UTC and in Beijing time, which is eight hours ahead across midnight', () => {
    expect(toUtcTime('2026-03-20T20:30:00.000Z')).toBe('2026-03-20 20:30:00 UTC');
    expect(toBeijingTime('2026-03-20T20:30:00.000Z')).toBe('2026-03-21 04:30:00 (UTC+8)');
  });
});
