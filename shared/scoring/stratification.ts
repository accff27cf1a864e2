/**
 * Customer stratification (thesis table 3.1): a composite score = 100 × the product of one coefficient per
 * dimension (years since establishment; industry-percentile buckets of debt-to-asset ratio, net margin, asset
 * scale and revenue scale; strategic emerging industry; number of tech labels), then classes A/B/C by the
 * composite's rank among non-blacklisted peers in the same industry.
 */
import type { BucketCoefficients, Policy } from '../policy.js';
import type { StratClass } from '../types.js';
import { INDUSTRY_BUCKETS, STRATEGIC_EMERGING, type IndustryBucket } from './industry.js';
import { shareBetter, sortedAsc } from './percentile.js';
import { population, type Firm } from './population.js';

export type PercentileBucket = keyof BucketCoefficients;

/** What stratification needs to know about a firm; money in fen. */
export interface StratSubject {
  industry: IndustryBucket;
  yearsEstablished: number;
  labelCount: number;
  revenue: number;
  totalAssets: number;
  totalLiabilities: number;
  netProfit: number;
}

export interface Ratios {
  debtRatio: number;
  netMargin: number;
  assetScale: number;
  revenueScale: number;
}

export interface Stratification {
  compositeScore: number;
  stratClass: StratClass;
  /** Share of industry peers with a strictly higher composite. */
  shareAbove: number;
  ratios: Ratios;
  buckets: Record<'debtRatio' | 'netMargin' | 'assetScale' | 'revenueScale', PercentileBucket>;
  coefficients: Record<'years' | 'debtRatio' | 'netMargin' | 'assetScale' | 'revenueScale' | 'strategicEmerging' | 'labels', number>;
}

/** No assets means every liability is uncovered; no revenue gives a margin of 0 (or −100 % with a loss). */
export function ratios(s: Pick<StratSubject, 'revenue' | 'totalAssets' | 'totalLiabilities' | 'netProfit'>): Ratios {
  return {
    debtRatio: s.totalAssets > 0 ? s.totalLiabilities / s.totalAssets : s.totalLiabilities > 0 ? 10 : 0,
    netMargin: s.revenue > 0 ? s.netProfit / s.revenue : s.netProfit < 0 ? -1 : 0,
    assetScale: s.totalAssets,
    revenueScale: s.revenue,
  };
}

/** Bucket by the share of peers strictly better: < 20 % top, < 50 %, < 70 %, the rest. */
export function percentileBucket(shareBetterThan: number): PercentileBucket {
  if (shareBetterThan < 0.2) return 'top20';
  if (shareBetterThan < 0.5) return 'to50';
  if (shareBetterThan < 0.7) return 'to70';
  return 'rest';
}

/** > 10 years, 5–10, 3–5, < 3 (a firm exactly 10 years old is in 5–10). */
export function yearsCoefficient(years: number, c: Policy['stratification']['years']): number {
  if (years > 10) return c.over10;
  if (years >= 5) return c.from5;
  if (years >= 3) return c.from3;
  return c.under3;
}

/** 1 label = base; each extra adds step, capped (thesis: 1.0, +0.1 each, at most 1.5). */
export function labelCoefficient(count: number, c: Policy['stratification']['labels']): number {
  if (count <= 0) return c.none;
  return Math.min(c.cap, Math.round((c.base + (count - 1) * c.step) * 1000) / 1000);
}

/** Whole calendar months from one ISO date to another, as years (exactly 10 years after the date = 10). */
export function yearsBetween(fromIso: string, toIso: string): number {
  const [y1, m1, d1] = fromIso.split('-').map(Number);
  const [y2, m2, d2] = toIso.split('-').map(Number);
  const months = (y2 - y1) * 12 + (m2 - m1) - (d2 < d1 ? 1 : 0);
  return Math.max(0, months) / 12;
}

interface IndustryRatios {
  debtRatio: Float64Array;
  netMargin: Float64Array;
  assetScale: Float64Array;
  revenueScale: Float64Array;
}

const firmSubject = (f: Firm): StratSubject => ({ ...f });

/** Sorted ratio columns per industry, over non-blacklisted firms (blacklisted are excluded before ranking). */
export function buildIndustryRatios(firms: Firm[]): Map<IndustryBucket, IndustryRatios> {
  const out = new Map<IndustryBucket, IndustryRatios>();
  for (const bucket of INDUSTRY_BUCKETS) {
    const rs = firms.filter((f) => f.industry === bucket && !f.blacklisted).map(ratios);
    out.set(bucket, {
      debtRatio: sortedAsc(rs.map((r) => r.debtRatio)),
      netMargin: sortedAsc(rs.map((r) => r.netMargin)),
      assetScale: sortedAsc(rs.map((r) => r.assetScale)),
      revenueScale: sortedAsc(rs.map((r) => r.revenueScale)),
    });
  }
  return out;
}

function composite(s: StratSubject, peers: IndustryRatios, policy: Policy) {
  const c = policy.stratification;
  const r = ratios(s);
  const buckets = {
    debtRatio: percentileBucket(shareBetter(peers.debtRatio, r.debtRatio, false)),
    netMargin: percentileBucket(shareBetter(peers.netMargin, r.netMargin, true)),
    assetScale: percentileBucket(shareBetter(peers.assetScale, r.assetScale, true)),
    revenueScale: percentileBucket(shareBetter(peers.revenueScale, r.revenueScale, true)),
  };
  const coefficients = {
    years: yearsCoefficient(s.yearsEstablished, c.years),
    debtRatio: c.debtRatio[buckets.debtRatio],
    netMargin: c.netMargin[buckets.netMargin],
    assetScale: c.assetScale[buckets.assetScale],
    revenueScale: c.revenueScale[buckets.revenueScale],
    strategicEmerging: STRATEGIC_EMERGING.has(s.industry) ? c.strategicEmerging.yes : c.strategicEmerging.no,
    labels: labelCoefficient(s.labelCount, c.labels),
  };
  const score = 100 * Object.values(coefficients).reduce((a, b) => a * b, 1);
  return { compositeScore: Math.round(score * 1e6) / 1e6, ratios: r, buckets, coefficients };
}

export function classFor(shareAbove: number, c: Policy['stratification']['classes']): StratClass {
  if (shareAbove < c.aBelow) return 'A';
  if (shareAbove < c.bBelow) return 'B';
  return 'C';
}

interface Stats {
  ratios: Map<IndustryBucket, IndustryRatios>;
  composites: Map<IndustryBucket, Float64Array>;
}

/** Peer composites per industry under one policy's coefficients. */
export function buildStats(firms: Firm[], policy: Policy): Stats {
  const byIndustry = buildIndustryRatios(firms);
  const composites = new Map<IndustryBucket, Float64Array>();
  for (const bucket of INDUSTRY_BUCKETS) {
    const peers = byIndustry.get(bucket)!;
    const scores = firms.filter((f) => f.industry === bucket && !f.blacklisted)
      .map((f) => composite(firmSubject(f), peers, policy).compositeScore);
    composites.set(bucket, sortedAsc(scores));
  }
  return { ratios: byIndustry, composites };
}

// Computed lazily once per policy object (a policy is immutable once published).
const statsCache = new WeakMap<Policy, Stats>();
function stats(policy: Policy): Stats {
  let s = statsCache.get(policy);
  if (!s) {
    s = buildStats(population(), policy);
    statsCache.set(policy, s);
  }
  return s;
}

/** Stratifies one firm against the default population's industry peers. */
export function stratify(subject: StratSubject, policy: Policy, peers: Stats = stats(policy)): Stratification {
  const base = composite(subject, peers.ratios.get(subject.industry)!, policy);
  const shareAbove = shareBetter(peers.composites.get(subject.industry)!, base.compositeScore, true);
  return { ...base, shareAbove, stratClass: classFor(shareAbove, policy.stratification.classes) };
}

/** Scores and classes every non-blacklisted firm of a population from scratch (no cache): the bulk path the bench times. */
export function classifyPopulation(firms: Firm[], policy: Policy): Record<StratClass, number> {
  const peers = buildStats(firms, policy);
  const counts: Record<StratClass, number> = { A: 0, B: 0, C: 0 };
  for (const f of firms) {
    if (f.blacklisted) continue;
    counts[stratify(firmSubject(f), policy, peers).stratClass]++;
  }
  return counts;
}
