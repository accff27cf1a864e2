import { describe, expect, it } from 'vitest';
import { generateCreditCode } from '../../shared/credit-code.js';
import { estimateOffer, type EstimateInput } from '../../shared/estimate.js';
import { PRODUCT_CONFIG } from '../../shared/products.js';

let s = 7;
const rng = () => { s = (s * 48271) % 2147483647; return s / 2147483647; };
const base: EstimateInput = {
  creditCode: generateCreditCode(rng, '410100'), product: 'tech-loan', establishedOn: '2015-03-01', labels: ['tech-sme', 'high-tech'],
  revenue: 8_000_000_000, totalAssets: 6_000_000_000, totalLiabilities: 2_000_000_000, rdExpense: 600_000_000, termMonths: 12, today: '2026-12-02',
};

describe('estimateOffer', () => {
  it('gives a sound enterprise an amount, rate and payment range inside the product', () => {
    const e = estimateOffer(base);
    if (!e.ok) throw new Error(e.message);
    const p = PRODUCT_CONFIG['tech-loan'];
    expect(e.branch).toBe('zhengzhou');
    expect(e.amount.min).toBeGreaterThanOrEqual(p.amount.min);
    expect(e.amount.max).toBeLessThanOrEqual(p.amount.max);
    expect(e.amount.min).toBeLessThanOrEqual(e.amount.max);
    expect(e.rateBps.min).toBeGreaterThanOrEqual(p.rateBps.min);
    expect(e.rateBps.max).toBeLessThanOrEqual(p.rateBps.max);
    expect(e.monthlyPayment.max).toBeGreaterThan(e.amount.max / 12);
  });

  it('offers less to a weaker enterprise', () => {
    const strong = estimateOffer(base);
    const weak = estimateOffer({ ...base, totalLiabilities: 5_500_000_000, rdExpense: 0, establishedOn: '2025-06-01' });
    if (!strong.ok || !weak.ok) throw new Error('refused');
    expect(weak.amount.max).toBeLessThan(strong.amount.max);
    expect(weak.rateBps.min).toBeGreaterThanOrEqual(strong.rateBps.min);
  });

  it.each([
    [{ creditCode: '91410100MA12345' }, 'credit-code'],
    [{ creditCode: generateCreditCode(rng, '110100') }, 'outside-service-area'],
    [{ product: 'srdi-loan' as const }, 'labels'],
    [{ termMonths: 48 }, 'term'],
  ])('refuses %j as %s', (patch, reason) => {
    expect(estimateOffer({ ...base, ...patch })).toMatchObject({ ok: false, reason });
  });
});
