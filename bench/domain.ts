/**
 * Domain figures: scoring one application (µs, averaged after warm-up) and scoring and classing the whole
 * 20,652-firm synthetic population from scratch (ms). Run: npx tsx bench/domain.ts
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { assess, decide, warmUp } from '../shared/decision.js';
import { STRONG_APPLICANT } from '../shared/fixtures.js';
import { DEFAULT_POLICY } from '../shared/policy.js';
import { generatePopulation, POPULATION_SIZE } from '../shared/scoring/population.js';
import { classifyPopulation } from '../shared/scoring/stratification.js';

export interface DomainBench {
  coldStartMs: number;
  assessOneUs: number;
  decideOneUs: number;
  populationGenerateMs: number;
  populationClassifyMs: number;
  classes: Record<'A' | 'B' | 'C', number>;
}

export function runDomainBench(iterations = 2000): DomainBench {
  const input = {
    application: STRONG_APPLICANT,
    verifiedDocuments: ['business-licence', 'legal-rep-id', 'bank-account'] as const,
    negativeListHits: [],
    today: '2026-03-15',
  };
  const di = { ...input, verifiedDocuments: [...input.verifiedDocuments] };
  let t = performance.now();
  warmUp();
  const coldStartMs = performance.now() - t;

  t = performance.now();
  for (let i = 0; i < iterations; i++) assess(di);
  const assessOneUs = ((performance.now() - t) * 1000) / iterations;
  t = performance.now();
  for (let i = 0; i < iterations; i++) decide(di);
  const decideOneUs = ((performance.now() - t) * 1000) / iterations;

  t = performance.now();
  const firms = generatePopulation();
  const populationGenerateMs = performance.now() - t;
  t = performance.now();
  const classes = classifyPopulation(firms, DEFAULT_POLICY);
  const populationClassifyMs = performance.now() - t;
  return { coldStartMs, assessOneUs, decideOneUs, populationGenerateMs, populationClassifyMs, classes };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = runDomainBench();
  console.log(`population statistics, first build (cold start): ${r.coldStartMs.toFixed(1)} ms`);
  console.log(`scoring one application (assess): ${r.assessOneUs.toFixed(1)} µs`);
  console.log(`full decision for one application (assess + tier + price + 12-month schedule): ${r.decideOneUs.toFixed(1)} µs`);
  console.log(`generating the ${POPULATION_SIZE.toLocaleString('en')}-firm population: ${r.populationGenerateMs.toFixed(1)} ms`);
  console.log(`scoring and classing the whole population from scratch: ${r.populationClassifyMs.toFixed(1)} ms (A ${r.classes.A}, B ${r.classes.B}, C ${r.classes.C})`);
}
