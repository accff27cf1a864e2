/**
 * A target-list row's A/B/C class (thesis table 3.1, shared/scoring/stratification.ts) within its industry. Lists
 * often carry no figures: then the bank's own (registry, tax) are used, and failing those the industry's median
 * firm stands in, so such a firm is ranked on its age, labels and industry alone rather than guessed at.
 */
import { DEFAULT_POLICY, type Policy } from './policy.js';
import type { IndustryBucket } from './scoring/industry.js';
import { population } from './scoring/population.js';
import { stratify, yearsBetween, type StratSubject } from './scoring/stratification.js';
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

/** `today` is the Beijing date the import runs (the clock stays outside shared/). */
export function classifyLead(facts: LeadFacts, today: string, policy: Policy = DEFAULT_POLICY): { class: StratClass; compositeScore: number; imputed: boolean } {
  const figures = facts.financials ?? industryMedian(facts.industryBucket);
  const subject: StratSubject = {
    industry: facts.industryBucket,
    // Unknown age counts as under three years: the least favourable, never a guess in the firm's favour.
    yearsEstablished: facts.establishedOn ? yearsBetween(facts.establishedOn, today) : 0,
    labelCount: facts.labels.length,
    ...figures,
  };
  const s = stratify(subject, policy);
  return { class: s.stratClass, compositeScore: s.compositeScore, imputed: !facts.financials };
}
