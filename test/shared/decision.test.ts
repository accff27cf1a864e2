import { describe, expect, it } from 'vitest';
import { MemoryAdminHistory, MemoryNegativeList } from '../../functions/adapters/memory/bank-config.js';
import { demoNegativeListEntries } from '../../functions/adapters/negative-list/local-negative-list.js';

const demoList = () => new MemoryNegativeList(new MemoryAdminHistory({ now: () => new Date() }), demoNegativeListEntries());
import { chooseTier, type TierInput } from '../../shared/approval.js';
import { validateCreditCode } from '../../shared/credit-code.js';
import { assess, decide, decideFromScore, score, type DecisionInput } from '../../shared/decision.js';
import { STRONG_APPLICANT, WEAK_APPLICANT } from '../../shared/fixtures.js';
import { DEFAULT_POLICY } from '../../shared/policy.js';
import { SEED_CONFIG } from '../../shared/bank-config.js';
import { shadowCompare } from '../../shared/policy-shadow.js';
import { reasonDetail } from '../../shared/reasons.js';
import { PRODUCT_CONFIG, checkLoanAgainstProduct } from '../../shared/products.js';
import { CORE_DOCUMENT_KINDS, createApplicationSchema, type CreateApplicationInput } from '../../shared/schemas/application.js';

const ALL_DOCS = [...CORE_DOCUMENT_KINDS];
const TODAY = '2026-03-15';
const withLoan = (loan: Partial<CreateApplicationInput['loan']>, base = STRONG_APPLICANT): CreateApplicationInput => ({ ...base, loan: { ...base.loan, ...loan } });
const input = (application: CreateApplicationInput, over: Partial<DecisionInput> = {}): DecisionInput => ({
  application, verifiedDocuments: ALL_DOCS, negativeListHits: [], today: TODAY, ...over,
});
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('fixtures', () => {
  it.each([['strong', STRONG_APPLICANT], ['weak', WEAK_APPLICANT]] as const)('the %s applicant passes the schema and its product', (_, a) => {
    expect(createApplicationSchema.safeParse(a).success).toBe(true);
    expect(checkLoanAgainstProduct(a)).toBeNull();
  });
});

describe('decide', () => {
  it('approves the strong small applicant automatically, with reasons and an exact offer', () => {
    const d = decide(input(STRONG_APPLICANT));
    expect(d).toMatchObject({ outcome: 'approved', tier: 'auto', policyVersion: DEFAULT_POLICY.version, decidedBy: 'workflow', decidedAt: '2026-03-15T00:00:00.000Z' });
    expect(['green', 'blue']).toContain(d.assessment.band);
    expect(['A', 'B']).toContain(d.assessment.stratClass);
    expect(d.reasons.length).toBeGreaterThanOrEqual(3);
    expect(d.reasons.length).toBeLessThanOrEqual(5);
    for (const r of d.reasons) {
      expect(r.text.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(r.text.en.length).toBeGreaterThan(10);
      expect(reasonDetail(r)!.en.length).toBeGreaterThan(10);
      expect(reasonDetail(r)!.zh).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(d.reasons[0].impact).toBeGreaterThan(0);
    const offer = d.offer!;
    expect(sum(offer.schedule.map((r) => r.principal))).toBe(STRONG_APPLICANT.loan.amount);
    expect(offer.totalInterest).toBe(sum(offer.schedule.map((r) => r.interest)));
    expect(offer.schedule).toHaveLength(12);
    expect(offer.schedule[0].dueDate).toBe('2026-04-15');
    const { min, max } = PRODUCT_CONFIG['tech-loan'].rateBps;
    expect(offer.rateBps).toBeGreaterThanOrEqual(min);
    expect(offer.rateBps).toBeLessThanOrEqual(max);
    // Interest accrues on actual days / 360 (shared/day-count.ts), so the disclosed APR is the rate × 365/360.
    expect(Math.abs(offer.aprBps - Math.round(offer.rateBps * 365 / 360))).toBeLessThanOrEqual(2);
  });

  it.each([
    [30_000_000, 'approved', 'auto'],
    [50_000_000, 'approved', 'auto'],
    [50_000_001, 'referred', 'review-approve'],
    [200_000_000, 'referred', 'review-approve'],
    [300_000_000, 'referred', 'review-approve'],
    [300_000_001, 'referred', 'review-two-approvals'],
    [800_000_000, 'referred', 'review-two-approvals'],
    [1_000_000_000, 'referred', 'review-two-approvals'],
    [1_000_000_001, 'referred', 'committee'],
  ] as const)('a strong request for %i fen is %s (%s) with an indicative offer', (amount, outcome, tier) => {
    const d = decide(input(withLoan({ amount })));
    expect(d.outcome).toBe(outcome);
    expect(d.tier).toBe(tier);
    expect(sum(d.offer!.schedule.map((r) => r.principal))).toBe(amount);
    if (outcome === 'referred') expect(d.reasons[0].code).toMatch(/^amount-above/);
  });

  it('refers a strong applicant whose core documents are not all verified, naming them', () => {
    const d = decide(input(STRONG_APPLICANT, { verifiedDocuments: ['business-licence'] }));
    expect(d).toMatchObject({ outcome: 'referred', tier: 'review-approve' });
    const missing = d.reasons.find((r) => r.code === 'documents-missing')!;
    expect(missing.text.en).toContain("legal representative's ID card");
    expect(missing.text.en).toContain('basic deposit account details');
    expect(missing.text.zh).toContain('法定代表人身份证');
    expect(missing.params).toEqual({ missing: ['legal-rep-id', 'bank-account'] });
  });

  it.each([
    ['91410100317000520M', 'dishonest-debtor', /dishonest judgment-debtor list/, /失信被执行人/],
    ['914103003170005301', 'abnormal-business-status', /abnormal business operations/, /经营异常名录/],
  ])('rejects the demo negative-list code %s automatically, naming the list', async (creditCode, list, en, zh) => {
    expect(validateCreditCode(creditCode).ok).toBe(true);
    const hits = await demoList().lookup(creditCode);
    expect(hits.map((h) => h.list)).toEqual([list]);
    const application = { ...STRONG_APPLICANT, enterprise: { ...STRONG_APPLICANT.enterprise, creditCode } };
    const d = decide(input(application, { negativeListHits: hits }));
    expect(d).toMatchObject({ outcome: 'rejected', tier: null });
    expect(d.offer).toBeUndefined();
    expect(d.reasons[0].code).toBe(`negative-list:${list}`);
    expect(d.reasons[0].text.en).toMatch(en);
    expect(d.reasons[0].text.zh).toMatch(zh);
    expect(d.reasons[0].text.zh).toContain(`来源：${hits[0].source}`);
  });

  it('finds nothing for a clean code and matches codes case-insensitively', async () => {
    const list = demoList();
    expect(await list.lookup(STRONG_APPLICANT.enterprise.creditCode)).toEqual([]);
    expect(await list.lookup(' 91410100317000520m ')).toHaveLength(1);
    expect(await list.lookup('91411500317000954W')).toHaveLength(2);
  });

  it('rejects the weak applicant in the red band, with concerns as reasons', () => {
    const d = decide(input(WEAK_APPLICANT));
    expect(d.assessment.band).toBe('red');
    expect(d).toMatchObject({ outcome: 'rejected', tier: null });
    expect(d.reasons[0].code).toBe('band-red');
    expect(d.reasons.slice(1).every((r) => r.impact < 0)).toBe(true);
  });

  it('assess gives the same assessment decide records', () => {
    expect(assess(input(STRONG_APPLICANT))).toEqual(decide(input(STRONG_APPLICANT)).assessment);
  });
});

describe('tiers (DESIGN.md §2)', () => {
  const limits = PRODUCT_CONFIG['tech-loan'];
  const base: TierInput = { amount: 30_000_000, band: 'green', stratClass: 'A', negativeListHits: 0, verifiedDocuments: ALL_DOCS };
  it.each([
    [{}, 'approved', 'auto'],
    [{ band: 'blue' }, 'approved', 'auto'],
    [{ stratClass: 'B' }, 'approved', 'auto'],
    [{ stratClass: 'C' }, 'referred', 'review-approve'],
    [{ band: 'yellow' }, 'referred', 'committee'],
    [{ band: 'orange' }, 'referred', 'committee'],
    [{ band: 'red' }, 'rejected', null],
    [{ negativeListHits: 1 }, 'rejected', null],
    [{ negativeListHits: 1, band: 'green', amount: 1 }, 'rejected', null],
    [{ verifiedDocuments: [] }, 'referred', 'review-approve'],
    [{ amount: 2_000_000_000 }, 'referred', 'committee'],
    [{ amount: 2_000_000_000, band: 'red' }, 'rejected', null],
  ] as const)('%o → %s %s', (over, outcome, tier) => {
    const choice = chooseTier({ ...base, ...over } as TierInput, limits);
    expect(choice.outcome).toBe(outcome);
    expect(choice.tier).toBe(tier);
  });

  it('follows a product’s own auto ceiling', () => {
    const choice = chooseTier({ ...base, amount: 30_000_000 }, { ...limits, autoCeiling: 20_000_000 });
    expect(choice).toMatchObject({ outcome: 'referred', tier: 'review-approve', rules: ['amount-above-auto-ceiling'] });
  });
});

describe('product bounds at create time', () => {
  it.each([30_000_000, 200_000_000, 800_000_000])('a tech loan of %i fen fits', (amount) => {
    expect(checkLoanAgainstProduct(withLoan({ amount }))).toBeNull();
  });
  it.each([
    [{ amount: 5_000_000 }, 'loan.amount', /科技贷 \(Technology Loan\) lends ¥100,000–¥30,000,000; you asked for ¥50,000/],
    [{ amount: 3_000_000_001 }, 'loan.amount', /lends/],
    [{ termMonths: 48 }, 'loan.termMonths', /3–36 months; you asked for 48/],
    [{ termMonths: 1 }, 'loan.termMonths', /3–36 months/],
    [{ product: 'srdi-loan' as const }, 'enterprise.labels', /srdi, little-giant/],
  ])('refuses %o on %s', (loan, field, message) => {
    const issues = checkLoanAgainstProduct(withLoan(loan));
    expect(issues?.[field]).toMatch(message);
  });
  it('needs a tech label for the technology loan but not for the IP pledge loan', () => {
    const unlabelled = { ...STRONG_APPLICANT, enterprise: { ...STRONG_APPLICANT.enterprise, labels: [] } };
    expect(checkLoanAgainstProduct(unlabelled)?.['enterprise.labels']).toBeDefined();
    expect(checkLoanAgainstProduct(withLoan({ product: 'ip-pledge-loan' }, unlabelled))).toBeNull();
  });
  it('every product requires the three core documents and keeps its tier limits in order', () => {
    for (const p of Object.values(PRODUCT_CONFIG)) {
      expect(p.requiredDocuments).toEqual(ALL_DOCS);
      expect(p.autoCeiling).toBe(50_000_000);
      expect(p.autoCeiling).toBeLessThan(p.branchAuthority);
      expect(p.branchAuthority).toBeLessThan(p.twoApprovalLimit);
    }
  });
});

describe('configuration versions in shadow', () => {
  const inputs = [30_000_000, 45_000_000, 200_000_000].map((amount) => input(withLoan({ amount })));
  it('reports no difference for the same configuration', () => {
    expect(shadowCompare(inputs, SEED_CONFIG, SEED_CONFIG)).toMatchObject({ total: 3, changedOutcomes: 0, differences: [] });
  });
  it('shows which past applications a lower auto ceiling or a higher LPR would change', () => {
    const candidate = { ...SEED_CONFIG, version: 2, lpr: { rateBps: 310, publishedOn: '2026-06-20' } };
    const report = shadowCompare(inputs, SEED_CONFIG, candidate);
    expect(report.candidateVersion).toBe(2);
    expect(report.differences).toHaveLength(3);
    expect(report.differences[0].candidate.rateBps! - report.differences[0].current.rateBps!).toBe(10);
    expect(report.changedOutcomes).toBe(0);
    const lower = { ...SEED_CONFIG, version: 3, thresholds: { ...SEED_CONFIG.thresholds, autoCeiling: 40_000_000 } };
    const lowered = shadowCompare(inputs, SEED_CONFIG, lower);
    expect(lowered.changedOutcomes).toBe(1);
    expect(lowered.differences[0]).toMatchObject({ index: 1, outcomeOrTierChanged: true, current: { outcome: 'approved', tier: 'auto' }, candidate: { outcome: 'referred', tier: 'review-approve' } });
    const strict = { ...SEED_CONFIG, version: 4, policy: { ...SEED_CONFIG.policy, health: { ...SEED_CONFIG.policy.health, bandFloors: { green: 101, blue: 100, yellow: 99, orange: 30 } } } };
    expect(shadowCompare(inputs, SEED_CONFIG, strict).changedOutcomes).toBe(3);
  });
  it('records the configuration version and the LPR it priced on', () => {
    const d = decide(input(STRONG_APPLICANT), { ...SEED_CONFIG, version: 7, lpr: { rateBps: 290, publishedOn: '2026-02-20' } });
    expect(d).toMatchObject({ configVersion: 7, lpr: { rateBps: 290, publishedOn: '2026-02-20' } });
    expect(d.offer!.rateBps).toBe(decide(input(STRONG_APPLICANT)).offer!.rateBps - 10);
  });
  it('keeps one review + one approval for standard products and SRDI firms (DESIGN.md §2)', () => {
    const pledge = withLoan({ product: 'ip-pledge-loan', amount: 100_000_000, termMonths: 12 });
    const d = decide(input(pledge));
    expect(d.tier).toBe('review-two-approvals');
    expect(d.reasons.map((r) => r.code)).toContain('non-standard-product');
    const srdi = { ...pledge, enterprise: { ...pledge.enterprise, labels: [...pledge.enterprise.labels, 'srdi'] } };
    expect(decide(input(srdi)).tier).toBe('review-approve');
    expect(decide(input(withLoan({ amount: 100_000_000 }))).tier).toBe('review-approve');
  });
  it('takes a branch\'s own authority for one review + one approval', () => {
    const cfg = { ...SEED_CONFIG, branches: SEED_CONFIG.branches.map((b) => (b.code === 'hebi' ? { ...b, authority: { ...b.authority, approvalLimit: 100_000_000 } } : b)) };
    const amount = 200_000_000;
    expect(decide(input(withLoan({ amount })), cfg, { branch: 'zhengzhou' }).tier).toBe('review-approve');
    expect(decide(input(withLoan({ amount })), cfg, { branch: 'hebi' }).tier).toBe('review-two-approvals');
  });
});

describe('the workflow split: Score, then ChooseTier from its output', () => {
  const hit = { list: 'litigation' as const, detail: 'one pending case' };
  it.each([
    ['strong', input(STRONG_APPLICANT)],
    ['weak', input(WEAK_APPLICANT)],
    ['large', input(withLoan({ amount: 800_000_000 }))],
    ['missing documents', input(STRONG_APPLICANT, { verifiedDocuments: ['business-licence'] })],
    ['negative-list hit', input(STRONG_APPLICANT, { negativeListHits: [hit] })],
  ])('decides the %s applicant exactly as decide() does, after the score went through JSON (the state)', (_, di) => {
    const scored = JSON.parse(JSON.stringify(score(di)));
    expect(scored.assessment).toEqual(assess(di));
    expect(decideFromScore(di, scored)).toEqual(decide(di));
  });
});
