/**
 * Shadow runs: replay past decision inputs under the live policy and a candidate, and report where the
 * outcome, tier, band, class or price would change, before the candidate goes live.
 */
import { decide, type DecisionInput } from './decision.js';
import type { Policy } from './policy.js';
import type { Decision } from './types.js';

export interface ShadowOutcome {
  outcome: Decision['outcome'];
  tier: Decision['tier'];
  band: Decision['assessment']['band'];
  stratClass: Decision['assessment']['stratClass'];
  rateBps: number | null;
}

export interface ShadowReport {
  currentVersion: string;
  candidateVersion: string;
  total: number;
  /** inputs whose outcome or tier would change */
  changedOutcomes: number;
  differences: { index: number; current: ShadowOutcome; candidate: ShadowOutcome }[];
}

const summary = (d: Decision): ShadowOutcome => ({
  outcome: d.outcome,
  tier: d.tier,
  band: d.assessment.band,
  stratClass: d.assessment.stratClass,
  rateBps: d.offer?.rateBps ?? null,
});

const same = (a: ShadowOutcome, b: ShadowOutcome) =>
  a.outcome === b.outcome && a.tier === b.tier && a.band === b.band && a.stratClass === b.stratClass && a.rateBps === b.rateBps;

export function shadowCompare(inputs: DecisionInput[], current: Policy, candidate: Policy): ShadowReport {
  const differences: ShadowReport['differences'] = [];
  let changedOutcomes = 0;
  inputs.forEach((input, index) => {
    const a = summary(decide(input, current));
    const b = summary(decide(input, candidate));
    if (a.outcome !== b.outcome || a.tier !== b.tier) changedOutcomes++;
    if (!same(a, b)) differences.push({ index, current: a, candidate: b });
  });
  return { currentVersion: current.version, candidateVersion: candidate.version, total: inputs.length, changedOutcomes, differences };
}
