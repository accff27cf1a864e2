/**
 * A reproducible synthetic population of Henan's tech enterprises (20,652, the provincial count the thesis
 * cites), spread over industry buckets. Percentile buckets and classes (thesis table 3.1) need peers; the
 * real registry is not ours to ship, so this stands in with plausible, seeded distributions.
 */
import { INDUSTRY_BUCKETS, type IndustryBucket } from './industry.js';
import { clamp, lognormal, mulberry32, normal } from './prng.js';

export const POPULATION_SIZE = 20_652;
export const POPULATION_SEED = 20_652;

/** One synthetic firm; money in fen. Fields beyond the application's are the innovation-points indicators. */
export interface Firm {
  industry: IndustryBucket;
  yearsEstablished: number;
  employees: number;
  techStaff: number;
  revenue: number;
  totalAssets: number;
  totalLiabilities: number;
  netProfit: number;
  rdExpense: number;
  labelCount: number;
  blacklisted: boolean;
  rdGrowth: number;
  inventionApplications: number;
  inventionGrants: number;
  highTechRevenue: number;
  revenueGrowth: number;
  postgraduateShare: number;
  incomeTaxRelief: number;
  equityFinancing: number;
  nationalProgrammes: number;
  awards: number;
  standards: number;
}

/** Share of firms per bucket (Henan's tech-SME mix: software and manufacturing dominate). */
const INDUSTRY_MIX: Record<IndustryBucket, number> = {
  'software-it': 0.22, electronics: 0.1, biomedicine: 0.09, 'new-materials': 0.1, 'new-energy': 0.06,
  'advanced-manufacturing': 0.22, environmental: 0.06, 'tech-services': 0.08, agritech: 0.04, other: 0.03,
};

const BLACKLIST_SHARE = 0.03;
const LABEL_COUNT_CUMULATIVE = [0.1, 0.6, 0.85, 0.95, 1]; // 0,1,2,3,4 labels

function pickIndustry(u: number): IndustryBucket {
  let acc = 0;
  for (const b of INDUSTRY_BUCKETS) {
    acc += INDUSTRY_MIX[b];
    if (u < acc) return b;
  }
  return 'other';
}

const count = (rng: () => number, mean: number) => Math.max(0, Math.round(lognormal(rng, mean, 1) - 0.5 * mean));

function makeFirm(rng: () => number): Firm {
  const industry = pickIndustry(rng());
  const employees = Math.round(clamp(lognormal(rng, 40, 0.9), 3, 2000));
  const revenue = Math.round(clamp(employees * lognormal(rng, 40_000_000, 0.6), 0, 5e11)); // ¥400k per head median
  const totalAssets = Math.round(revenue * lognormal(rng, 0.9, 0.5)) + 100_000_00;
  const debtRatio = clamp(0.5 + 0.18 * normal(rng), 0.02, 1.3);
  const margin = clamp(0.05 + 0.1 * normal(rng), -0.6, 0.4);
  const rdIntensity = clamp(lognormal(rng, 0.05, 0.6), 0, 0.6);
  const netProfit = Math.round(revenue * margin);
  const rdExpense = Math.round(revenue * rdIntensity);
  const u = rng();
  const labelCount = LABEL_COUNT_CUMULATIVE.findIndex((c) => u < c);
  const highTech = labelCount >= 2;
  return {
    industry,
    yearsEstablished: clamp(-8 * Math.log(Math.max(rng(), 1e-9)), 0, 40),
    employees,
    techStaff: Math.round(employees * clamp(0.1 + 0.6 * rng(), 0, 1)),
    revenue,
    totalAssets,
    totalLiabilities: Math.round(totalAssets * debtRatio),
    netProfit,
    rdExpense,
    labelCount,
    blacklisted: rng() < BLACKLIST_SHARE,
    rdGrowth: clamp(0.15 + 0.25 * normal(rng), -0.8, 3),
    inventionApplications: count(rng, 3),
    inventionGrants: count(rng, 1.5),
    highTechRevenue: Math.round(revenue * clamp(0.5 + 0.3 * normal(rng), 0, 1)),
    revenueGrowth: clamp(0.12 + 0.2 * normal(rng), -0.8, 3),
    postgraduateShare: clamp(0.08 + 0.08 * normal(rng), 0, 0.9),
    incomeTaxRelief: highTech && netProfit > 0 ? Math.round(netProfit * 0.1) : 0,
    equityFinancing: rng() < 0.25 ? Math.round(lognormal(rng, 1_000_000_000, 1)) : 0,
    nationalProgrammes: rng() < 0.1 ? 1 + Math.floor(rng() * 3) : 0,
    awards: rng() < 0.15 ? 1 + Math.floor(rng() * 3) : 0,
    standards: rng() < 0.12 ? 1 + Math.floor(rng() * 3) : 0,
  };
}

/** The same firms for the same seed and size, on every machine. */
export function generatePopulation(seed = POPULATION_SEED, size = POPULATION_SIZE): Firm[] {
  const rng = mulberry32(seed);
  return Array.from({ length: size }, () => makeFirm(rng));
}

let cached: Firm[] | undefined;
/** The default population, generated once per process. */
export function population(): Firm[] {
  cached ??= generatePopulation();
  return cached;
}
