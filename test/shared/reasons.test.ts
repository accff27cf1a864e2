import { describe, expect, it } from 'vitest';
import { DOCUMENT_KINDS, PRODUCTS } from '../../shared/catalog.js';
import { decide } from '../../shared/decision.js';
import { STRONG_APPLICANT } from '../../shared/fixtures.js';
import { makeReason, reasonDetail, reasonText, REASON_CODES, type ReasonParams } from '../../shared/reasons.js';

/** Facts of the kind the engine and the review chain give each code. */
function paramsFor(code: string): ReasonParams {
  if (code.startsWith('negative-list:')) return { source: '郑州市中级人民法院', since: '2025-06-01', note: '（2025）豫01执123号' };
  switch (code) {
    case 'band-red': return { band: 'red', healthIndex: 22.5 };
    case 'band-yellow-or-orange': return { band: 'orange', healthIndex: 41.2 };
    case 'amount-above-auto-ceiling': return { amount: 2_000_000_000, autoCeiling: 50_000_000 };
    case 'amount-above-branch-authority': return { amount: 800_000_000, branchAuthority: 300_000_000 };
    case 'amount-above-two-approval-limit': return { amount: 2_000_000_000, twoApprovalLimit: 1_000_000_000 };
    case 'class-c': return { stratClass: 'C' };
    case 'documents-missing': return { missing: ['legal-rep-id', 'bank-account'] };
    case 'declared-figures-differ': return { fields: ['enterprise.financials.revenue', 'enterprise.employees'] };
    case 'non-standard-product': return { product: 'ip-pledge-loan' };
    case 'review-approved': return { seat: 'branch', branch: 'zhengzhou', votesFor: 2, votesAgainst: 1, votes: 3, quorum: 3 };
    case 'review-rejected': return { note: '经营现金流不足以覆盖还款' };
    case 'management': return { value: 0, score: 70, weight: 0.1, stratClass: 'B' };
    case 'industry-cycle': return { value: 0, score: 60, weight: 0.1, industry: '软件和信息技术服务业' };
    default: return { value: 0.4, score: 83.3, weight: 0.2 };
  }
}

// What a reader of one language must never see: engine codes, fen, the other script. English prose has
// hyphenated words of its own, so there the codes themselves are looked for.
const RAW_CODE = /\b[a-z]+(?:-[a-z]+)+\b/;
const CODES = [...REASON_CODES, ...PRODUCTS, 'enterprise.', 'zhengzhou'].concat(DOCUMENT_KINDS.filter((k) => k.includes('-'))).filter((c) => c.includes('-') || c.includes('.') || c === 'zhengzhou');
const hasCode = (s: string) => CODES.some((c) => s.includes(c));
const UNGROUPED = /\d{7,}/;
const LATIN_WORD = /[A-Za-z]{3,}/;
const CJK = /[\u4e00-\u9fff]/;
const DATA = /郑州市中级人民法院|（2025）豫01执123号|软件和信息技术服务业|经营现金流不足以覆盖还款/g;

describe('decision reasons in words', () => {
  it.each(REASON_CODES.map((c) => [c]))('renders %s as sentences in both languages, for the applicant and for staff', (code) => {
    const r = makeReason(code, code.startsWith('negative') ? -100 : 6.7, paramsFor(code));
    const detail = reasonDetail(r)!;
    for (const text of [reasonText(r), detail, r.text]) {
      expect(text.zh).toMatch(CJK);
      expect(text.zh).not.toMatch(LATIN_WORD);
      expect(text.en.replace(DATA, '')).not.toMatch(CJK);
      expect(text.zh).not.toMatch(RAW_CODE);
      expect(hasCode(text.en)).toBe(false);
      for (const s of [text.zh, text.en]) {
        expect(s).not.toMatch(UNGROUPED);
        expect(s).toMatch(/[。.”"]$/);
      }
    }
  });

  it('states amounts in yuan with separators, never in fen', () => {
    const r = makeReason('amount-above-auto-ceiling', -30, { amount: 2_000_000_000, autoCeiling: 50_000_000 });
    expect(reasonDetail(r)).toEqual({
      zh: '申请金额20,000,000元，高于秒批上限500,000元。',
      en: 'Amount ¥20,000,000 is above the instant-approval ceiling of ¥500,000.',
    });
    expect(r.text.zh).toContain('20,000,000元');
  });

  it('names missing documents and differing figures by what they are called', () => {
    expect(reasonText(makeReason('documents-missing', -30, { missing: ['legal-rep-id'] })).zh).toBe('尚缺已核验的材料：法定代表人身份证。');
    expect(reasonDetail(makeReason('declared-figures-differ', -30, { fields: ['enterprise.techStaff'] }))!.en).toBe('Declared figures beyond the tolerance: technical staff.');
  });

  it('gives a health factor its score and weight as a sentence, not an engine trace', () => {
    const d = reasonDetail(makeReason('solvency', 6.7, { value: 0.4, score: 83.3, weight: 0.2 }))!;
    expect(d.zh).toBe('资产负债率40.0%：得分83.3（满分100），权重20.0%，较中性水平+6.7分。');
    expect(d.en).not.toMatch(/→|×|value 0\.4/);
  });

  it('keeps the stored text of a reason decided before reasons had facts, and gives it no staff detail', () => {
    const old = { code: 'amount-above-auto-ceiling', impact: -30, text: { zh: '旧', en: 'old' }, detail: 'amount 2000000000 > auto ceiling 50000000' };
    expect(reasonText(old)).toEqual({ zh: '旧', en: 'old' });
    expect(reasonDetail(old)).toBeNull();
  });

  it('gives every reason of a real decision its facts, so every reader gets sentences', () => {
    const d = decide({ application: { ...STRONG_APPLICANT, loan: { ...STRONG_APPLICANT.loan, amount: 2_000_000_000 } }, verifiedDocuments: ['business-licence'], negativeListHits: [], today: '2026-03-15' });
    expect(d.reasons.length).toBeGreaterThanOrEqual(3);
    for (const r of d.reasons) {
      expect(r.params).toBeTruthy();
      const detail = reasonDetail(r)!;
      expect(detail.zh).not.toMatch(UNGROUPED);
      expect(detail.en).not.toMatch(UNGROUPED);
      expect(detail.zh).not.toMatch(RAW_CODE);
      expect(hasCode(detail.en)).toBe(false);
    }
  });
});
