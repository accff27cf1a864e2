/**
 * Target-list classes rank a firm among the list's own firms of its industry (DESIGN.md §3): A the top 30 %, B the
 * next 30 %, C the rest. Against the bank's general population a government list (recognised, larger firms) came
 * out nearly all A; the generated 20,652-row list of `npm run bench` is the case.
 */
import { describe, expect, it } from 'vitest';
import { MIN_LIST_PEERS, classifyLead, listPeers, type LeadFacts } from '../../shared/lead-stratification.js';
import type { IndustryBucket } from '../../shared/scoring/industry.js';

const TODAY = '2026-12-02';
let seed = 42;
const rng = () => { seed = (seed * 48271) % 2147483647; return seed / 2147483647; };

/** Firms as the bench's generated list has them: every one labelled, revenue ¥2M–¥200M (in fen). */
function listFirm(industryBucket: IndustryBucket): LeadFacts {
  const revenue = Math.round(200 + rng() * 20_000) * 1_000_000;
  const totalAssets = Math.round(revenue * (0.5 + rng()));
  return {
    industryBucket, labels: ['tech-sme', ...(rng() < 0.4 ? ['high-tech'] : [])], establishedOn: `${1995 + Math.floor(rng() * 30)}-06-15`,
    financials: { revenue, totalAssets, totalLiabilities: Math.round(totalAssets * (0.2 + rng() * 0.6)), netProfit: Math.round(revenue * (rng() * 0.25 - 0.05)) },
  };
}

const count = (rows: LeadFacts[], peers?: ReturnType<typeof listPeers>) => {
  const c = { A: 0, B: 0, C: 0 };
  for (const r of rows) c[classifyLead(r, TODAY, undefined, peers).class]++;
  return c;
};

describe('target-list stratification within the list’s industry', () => {
  const rows = Array.from({ length: 3000 }, (_, i) => listFirm((['software-it', 'biomedicine', 'new-materials'] as const)[i % 3]));

  it('gives sensible classes to a list of recognised firms when ranked among themselves', () => {
    const c = count(rows, listPeers(rows, TODAY));
    for (const [cls, share] of Object.entries(c).map(([k, v]) => [k, v / rows.length] as const)) {
      // About 30 / 30 / 40, ties between equal composites aside.
      expect(share, cls).toBeGreaterThan(0.2);
      expect(share, cls).toBeLessThan(0.5);
    }
  });

  it('against the population alone the same list is nearly all A (the skew this fixes)', () => {
    expect(count(rows).A / rows.length).toBeGreaterThan(0.6);
  });

  it('ranks a firm of an industry the list holds too few of against the population, and classes the same from the stored JSON', () => {
    const few = Array.from({ length: MIN_LIST_PEERS - 1 }, () => listFirm('agritech'));
    const peers = listPeers([...rows, ...few], TODAY);
    expect(peers.agritech).toBeUndefined();
    expect(peers['software-it']!.composites.length).toBe(1000);
    expect(classifyLead(few[0], TODAY, undefined, peers)).toEqual(classifyLead(few[0], TODAY));
    // Stored as plain JSON by the parse step and read back by each chunk.
    const roundTrip = JSON.parse(JSON.stringify(peers));
    expect(classifyLead(rows[0], TODAY, undefined, roundTrip)).toEqual(classifyLead(rows[0], TODAY, undefined, peers));
  });
});
