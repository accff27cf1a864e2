import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../shared/policy.js';
import { bandFor, healthIndex, linearScore, loanClass } from '../../shared/scoring/health.js';
import { industryBucket } from '../../shared/scoring/industry.js';
import {
  EQUAL_WEIGHTS, INNOVATION_GROUPS, INNOVATION_INDICATORS, entropyWeights, innovationPoints, populationEntropyWeights,
} from '../../shared/scoring/innovation.js';
import { generatePopulation, population, POPULATION_SIZE } from '../../shared/scoring/population.js';
import {
  classFor, classifyPopulation, labelCoefficient, percentileBucket, stratify, yearsBetween, yearsCoefficient, type StratSubject,
} from '../../shared/scoring/stratification.js';

const P = DEFAULT_POLICY;
const S = P.stratification;

describe('stratification coefficients (thesis table 3.1)', () => {
  it.each([[15, 1.2], [10.01, 1.2], [10, 1.1], [5, 1.1], [4.99, 1.0], [3, 1.0], [2.99, 0.9], [0, 0.9]])(
    '%f years since establishment → %f', (years, c) => expect(yearsCoefficient(years, S.years)).toBe(c),
  );
  it.each([[0, 0.9], [1, 1.0], [2, 1.1], [3, 1.2], [5, 1.4], [6, 1.5], [7, 1.5], [12, 1.5]])(
    '%i labels → %f (1.0 + 0.1 per extra, capped at 1.5)', (n, c) => expect(labelCoefficient(n, S.labels)).toBe(c),
  );
  it.each([[0, 'top20'], [0.199, 'top20'], [0.2, 'to50'], [0.499, 'to50'], [0.5, 'to70'], [0.699, 'to70'], [0.7, 'rest'], [1, 'rest']] as const)(
    'share better %f → bucket %s', (share, bucket) => expect(percentileBucket(share)).toBe(bucket),
  );
  it.each([[0, 'A'], [0.299, 'A'], [0.3, 'B'], [0.599, 'B'], [0.6, 'C'], [0.99, 'C']] as const)(
    'share of peers above %f → class %s', (share, c) => expect(classFor(share, S.classes)).toBe(c),
  );
  it.each([['2014-05-01', '2024-05-01', 10], ['2014-05-01', '2024-04-30', 9 + 11 / 12], ['2014-05-01', '2024-06-01', 10 + 1 / 12], ['2026-01-01', '2025-01-01', 0]])(
    'years from %s to %s = %f', (a, b, y) => expect(yearsBetween(a, b)).toBeCloseTo(y, 10),
  );
});

describe('industry buckets', () => {
  it.each([
    ['软件和信息技术服务业', 'software-it'], ['software', 'software-it'], ['Software development', 'software-it'],
    ['集成电路设计', 'electronics'], ['生物医药', 'biomedicine'], ['pharmaceuticals', 'biomedicine'],
    ['新材料', 'new-materials'], ['光伏组件', 'new-energy'], ['智能装备制造', 'advanced-manufacturing'],
    ['节能环保', 'environmental'], ['检测认证', 'tech-services'], ['现代农业', 'agritech'], ['批发零售', 'other'], ['', 'other'],
  ] as const)('%s → %s', (text, bucket) => expect(industryBucket(text)).toBe(bucket));
});

describe('synthetic population', () => {
  it('is the same for the same seed, and sized like Henan’s 20,652 tech firms', () => {
    expect(POPULATION_SIZE).toBe(20_652);
    expect(population()).toHaveLength(20_652);
    expect(generatePopulation(7, 50)).toEqual(generatePopulation(7, 50));
    expect(generatePopulation(7, 50)).not.toEqual(generatePopulation(8, 50));
  });

  it('classes roughly 30 % A and 30 % B within industries, excluding blacklisted firms', () => {
    const firms = population();
    const counts = classifyPopulation(firms, P);
    const ranked = firms.filter((f) => !f.blacklisted).length;
    expect(counts.A + counts.B + counts.C).toBe(ranked);
    expect(ranked).toBeLessThan(firms.length);
    // Firms tied on the composite share a class, so the cut points land near, not exactly on, 30 % and 60 %.
    expect(counts.A / ranked).toBeGreaterThan(0.25);
    expect(counts.A / ranked).toBeLessThan(0.35);
    expect((counts.A + counts.B) / ranked).toBeGreaterThan(0.55);
    expect((counts.A + counts.B) / ranked).toBeLessThan(0.65);
  });
});

const subject = fc.record({
  industry: fc.constantFrom('software-it', 'advanced-manufacturing', 'other' as const),
  yearsEstablished: fc.double({ min: 0, max: 30, noNaN: true }),
  labelCount: fc.integer({ min: 0, max: 8 }),
  revenue: fc.integer({ min: 0, max: 50_000_000_000 }),
  totalAssets: fc.integer({ min: 1, max: 50_000_000_000 }),
  totalLiabilities: fc.integer({ min: 0, max: 50_000_000_000 }),
  netProfit: fc.integer({ min: -5_000_000_000, max: 5_000_000_000 }),
}) as fc.Arbitrary<StratSubject>;

describe('a better input never lowers a score', () => {
  const classRank = { A: 3, B: 2, C: 1 };
  it('stratification: older, more labels, less debt, more profit, more assets', () => {
    fc.assert(fc.property(
      subject, fc.double({ min: 0, max: 10, noNaN: true }), fc.integer({ min: 0, max: 3 }),
      fc.integer({ min: 0, max: 5_000_000_000 }), fc.integer({ min: 0, max: 1_000_000_000 }), fc.integer({ min: 0, max: 5_000_000_000 }),
      (s, moreYears, moreLabels, lessDebt, moreProfit, moreAssets) => {
        const better = {
          ...s, yearsEstablished: s.yearsEstablished + moreYears, labelCount: s.labelCount + moreLabels,
          totalLiabilities: Math.max(0, s.totalLiabilities - lessDebt), netProfit: s.netProfit + moreProfit, totalAssets: s.totalAssets + moreAssets,
        };
        const a = stratify(s, P);
        const b = stratify(better, P);
        expect(b.compositeScore).toBeGreaterThanOrEqual(a.compositeScore);
        expect(classRank[b.stratClass]).toBeGreaterThanOrEqual(classRank[a.stratClass]);
      },
    ), { numRuns: 300 });
  });

  it('health index: less debt, more margin, years, R&D and tech staff, a better class, no hits', () => {
    const arb = fc.record({
      debtRatio: fc.double({ min: 0, max: 2, noNaN: true }), netMargin: fc.double({ min: -1, max: 1, noNaN: true }),
      years: fc.double({ min: 0, max: 30, noNaN: true }), rd: fc.double({ min: 0, max: 1, noNaN: true }), tech: fc.double({ min: 0, max: 1, noNaN: true }),
      cls: fc.constantFrom('A', 'B', 'C' as const), hits: fc.boolean(),
    });
    fc.assert(fc.property(arb, fc.double({ min: 0, max: 1, noNaN: true }), (x, d) => {
      const h = (v: typeof x) => healthIndex({
        ratios: { debtRatio: v.debtRatio, netMargin: v.netMargin }, yearsEstablished: v.years, rdIntensity: v.rd, techStaffShare: v.tech,
        negativeListHits: v.hits ? [{ list: 'litigation', detail: 'x' }] : [], stratClass: v.cls, industry: 'software-it', labelCount: 1,
      }, P).index;
      const better = {
        debtRatio: Math.max(0, x.debtRatio - d), netMargin: x.netMargin + d, years: x.years + d * 10, rd: x.rd + d, tech: Math.min(1, x.tech + d),
        cls: x.cls === 'C' ? 'B' as const : 'A' as const, hits: false,
      };
      expect(h(better)).toBeGreaterThanOrEqual(h(x));
    }), { numRuns: 300 });
  });

  it('innovation points: more R&D, tech staff and profit', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 1_000_000_000 }), fc.integer({ min: 0, max: 500_000_000 }), fc.double({ min: 0, max: 1, noNaN: true }),
      (rd, more, share) => {
        const base = { rdExpense: rd, rdIntensity: rd / 5e9, techStaffShare: share, rdSuperDeduction: rd };
        const better = { rdExpense: rd + more, rdIntensity: (rd + more) / 5e9, techStaffShare: Math.min(1, share + 0.1), rdSuperDeduction: rd + more };
        expect(innovationPoints(better, P)).toBeGreaterThanOrEqual(innovationPoints(base, P));
      },
    ), { numRuns: 100 });
  });
});

describe('innovation points (Torch Center scheme)', () => {
  it('has 3 groups of 6 indicators with equal weights level by level', () => {
    expect(Object.keys(INNOVATION_GROUPS)).toHaveLength(3);
    expect(Object.values(INNOVATION_GROUPS).every((g) => g.length === 6)).toBe(true);
    expect(INNOVATION_INDICATORS).toHaveLength(18);
    expect(Object.values(EQUAL_WEIGHTS).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(new Set(Object.values(EQUAL_WEIGHTS).map((w) => w.toFixed(12))).size).toBe(1);
  });

  it('scores nothing as 0 and the best firm near 100', () => {
    expect(innovationPoints({}, P)).toBe(0);
    const best = Object.fromEntries(INNOVATION_INDICATORS.map((k) => [k, 1e15]));
    expect(innovationPoints(best, P)).toBeGreaterThan(99);
  });

  it('derives entropy weights: a constant column gets none, a varied one more than an even one', () => {
    const w = entropyWeights([[1, 5, 0], [1, 5, 100], [1, 5, 0], [1, 5, 1]]);
    expect(w[0]).toBe(0);
    expect(w[1]).toBe(0);
    expect(w[2]).toBeCloseTo(1, 12);
    const w2 = entropyWeights([[0, 0], [1, 0], [2, 0], [3, 10]]);
    expect(w2[1]).toBeGreaterThan(w2[0]);
    expect(entropyWeights([[2, 2], [2, 2]])).toEqual([0.5, 0.5]);
  });

  it('derives 18 entropy weights from the population that sum to 1', () => {
    const w = populationEntropyWeights(P, generatePopulation(3, 2000));
    expect(Object.keys(w)).toHaveLength(18);
    expect(Object.values(w).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(Object.values(w).every((x) => x >= 0)).toBe(true);
  });
});

describe('health bands and loan classes', () => {
  it.each([[100, 'green'], [90, 'green'], [89, 'blue'], [70, 'blue'], [69, 'yellow'], [50, 'yellow'], [49, 'orange'], [30, 'orange'], [29, 'red'], [0, 'red']] as const)(
    'index %i → %s', (i, band) => expect(bandFor(i, P.health.bandFloors)).toBe(band),
  );
  it.each([
    ['green', 0, 'normal'], ['blue', 0, 'normal'], ['yellow', 0, 'special-mention'], ['orange', 0, 'substandard'], ['red', 0, 'doubtful'],
    ['green', 1, 'special-mention'], ['green', 90, 'special-mention'], ['green', 91, 'substandard'], ['blue', 271, 'doubtful'], ['green', 361, 'loss'], ['red', 400, 'loss'],
  ] as const)('band %s with %i days past due → %s', (band, dpd, c) => expect(loanClass(band, dpd)).toBe(c));
  it.each([[0.3, 0.9, 0.3, 100], [0.9, 0.9, 0.3, 0], [0.6, 0.9, 0.3, 50], [5, 0, 8, 62.5], [-1, 0, 8, 0]])(
    'scores %f linearly between %f (0) and %f (100) → %f', (x, z, f, s) => expect(linearScore(x, z, f)).toBeCloseTo(s, 9),
  );
});
