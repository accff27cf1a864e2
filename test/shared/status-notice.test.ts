import { describe, expect, it } from 'vitest';
import { APPLICATION_LIFECYCLE, LOAN_LIFECYCLE } from '../../shared/lifecycle.js';
import { applicationNotice, loanNotice } from '../../shared/status-notice.js';

const facts = { enterpriseName: '郑州智芯微电子科技有限公司', amount: 300_000_000, returnNote: '请补充近三年财务报表', contractNo: 'KD-20260320-ABCDEF12' };

describe('applicationNotice', () => {
  it.each(APPLICATION_LIFECYCLE.moves.map((m) => [m.from, m.to] as const))('has a Chinese sentence with the amount in yuan for %s → %s', (from, to) => {
    const notice = applicationNotice(from, to, facts)!;
    expect(notice.kind).toBe(`application-${to}`);
    expect(notice.subject).toMatch(/^[\u4e00-\u9fff]+ \/ [A-Z]/);
    expect(notice.body).toContain('郑州智芯微电子科技有限公司的3,000,000元贷款申请');
    // No raw fen: the only long digit run a notice may carry is the contract's number.
    expect(notice.body.replaceAll(facts.contractNo, '')).not.toMatch(/\d{7,}/);
  });

  it('says what to fix on a return, and nothing when the status stays', () => {
    expect(applicationNotice('in-review', 'returned', facts)!.body).toContain('：请补充近三年财务报表');
    expect(applicationNotice('approved', 'approved', facts)).toBeNull();
  });
});

describe('loanNotice', () => {
  it.each(LOAN_LIFECYCLE.moves.map((m) => [m.from, m.to] as const))('for %s → %s', (from, to) => {
    const notice = loanNotice(from, to, { contractNo: facts.contractNo, borrower: facts.enterpriseName });
    // Falling overdue is told by servicing's missed-payment reminder, with what is owed.
    if (to === 'overdue') expect(notice).toBeNull();
    else expect(notice!.body).toMatch(new RegExp(`${facts.enterpriseName}的借款合同（${facts.contractNo}）项下.*(结清|还清)`));
  });
});
