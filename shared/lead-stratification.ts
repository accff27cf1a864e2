/**
 * A target-list row's A/B/C class (thesis table 3.1, shared/scoring/stratification.ts) within its industry. Lists
 * often carry no figures: then the bank's own (registry, tax) are used, and failing those the industry's median
 * firm stands in, so such a firm is ranked on its age, labels and industry alone rather than guessed at.
 *
 * The peers are the list's own firms of the same industry (its percentile buckets and its classes, §3), when the
 * list holds enough of them: a government list is of recognised, mostly larger firms, so against the bank's
 * general population nearly all of them came out A (15,971 of 20,652). A list with few firms of an industry is
 * ranked against the population's industry peers instead, as before.
 */
import { DEFAULT_POLICY, type Policy } from './policy.js';
import { INDUSTRY_BUCKETS, type IndustryBucket } from './scoring/industry.js';
import { population, type Firm } from './scoring/population.js';
import { buildStats, stratify, yearsBetween, type StratSubject } from './scoring/stratification.js';
import type { ListFinancials } from './target-list.js';
import type { StratClass } from './types.js';

let medians: Map<IndustryBucket, ListFinancials> | undefined;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : 0;
};

/** The industry's median figures over the population (computed once per process). */
export function industryMedian(bucket: IndustryBucket): ListFinancials {
  if (!medians) {
    medians = new Map();
    const firms = population().filter((f) => !f.blacklisted);
    for (const b of new Set(firms.map((f) => f.industry))) {
      const peers = firms.filter((f) => f.industry === b);
      medians.set(b, {
        revenue: median(peers.map((f) => f.revenue)),
        totalAssets: median(peers.map((f) => f.totalAssets)),
        totalLiabilities: median(peers.map((f) => f.totalLiabilities)),
        netProfit: median(peers.map((f) => f.netProfit)),
      });
    }
  }
  return medians.get(bucket) ?? { revenue: 0, totalAssets: 0, totalLiabilities: 0, netProfit: 0 };
}

export interface LeadFacts {
  industryBucket: IndustryBucket;
  establishedOn?: string;
  labels: readonly string[];
  financials?: ListFinancials;
}

/** Below this many firms of an industry in a list, its firms are ranked against the population's peers. */
export const MIN_LIST_PEERS = 30;

/** The list's own peers per industry, as sorted columns: plain arrays, so the parse step can store them for the chunks. */
export type ListPeers = Partial<Record<IndustryBucket, {
  debtRatio: number[]; netMargin: number[]; assetScale: number[]; revenueScale: number[]; composites: number[];
}>>;

function subjectOf(facts: LeadFacts, today: string): StratSubject {
  return {
    industry: facts.industryBucket,
    // Unknown age counts as under three years: the least favourable, never a guess in the firm's favour.
    yearsEstablished: facts.establishedOn ? yearsBetween(facts.establishedOn, today) : 0,
    labelCount: facts.labels.length,
    ...(facts.financials ?? industryMedian(facts.industryBucket)),
  };
}

/** The percentile columns and composites of a list's firms per industry (screened-out firms left out by the caller). */
export function listPeers(rows: readonly LeadFacts[], today: string, policy: Policy = DEFAULT_POLICY): ListPeers {
  const firms = rows.map((r) => ({ ...subjectOf(r, today), blacklisted: false }) as unknown as Firm);
  const stats = buildStats(firms, policy);
  const out: ListPeers = {};
  for (const bucket of INDUSTRY_BUCKETS) {
    const composites = stats.composites.get(bucket)!;
    if (composites.length < MIN_LIST_PEERS) continue;
    const r = stats.ratios.get(bucket)!;
    out[bucket] = {
      debtRatio: [...r.debtRatio], netMargin: [...r.netMargin], assetScale: [...r.assetScale], revenueScale: [...r.revenueScale],
      composites: [...composites],
    };
  }
  return out;
}

type PeerStats = NonNullable<Parameters<typeof stratify>[2]>;
// Typed columns built once per peers object and industry, not once per row.
const peerCache = new WeakMap<ListPeers, Map<IndustryBucket, PeerStats>>();
function peerStats(peers: ListPeers, bucket: IndustryBucket): PeerStats | undefined {
  const own = peers[bucket];
  if (!own) return undefined;
  let byBucket = peerCache.get(peers);
  if (!byBucket) peerCache.set(peers, byBucket = new Map());
  let stats = byBucket.get(bucket);
  if (!stats) {
    stats = {
      ratios: new Map([[bucket, {
        debtRatio: Float64Array.from(own.debtRatio), netMargin: Float64Array.from(own.netMargin),
        assetScale: Float64Array.from(own.assetScale), revenueScale: Float64Array.from(own.revenueScale),
      }]]),
      composites: new Map([[bucket, Float64Array.from(own.composites)]]),
    };
    byBucket.set(bucket, stats);
  }
  return stats;
}

/**
 * `today` is the Beijing date the import runs (the clock stays outside shared/). With `peers` (the list's own), a
 * firm of an industry the list holds enough of is ranked among them; otherwise among the population's.
 */
export function classifyLead(facts: LeadFacts, today: string, policy: Policy = DEFAULT_POLICY, peers?: ListPeers): { class: StratClass; compositeScore: number; imputed: boolean } {
  const subject = subjectOf(facts, today);
  const own = peers ? peerStats(peers, facts.industryBucket) : undefined;
  const s = own ? stratify(subject, policy, own) : stratify(subject, policy);
  return { class: s.stratClass, compositeScore: s.compositeScore, imputed: !facts.financials };
}
