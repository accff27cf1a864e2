/**
 * Shadow runs: replay past decision inputs under the configuration in force and a candidate, and report where the
 * outcome, tier, band, class or price would change, before the candidate goes live.
 */
import type { BankConfig } from './bank-config.js';
import { decide, type DecisionInput } from './decision.js';
import type { Decision } from './types.js';

export interface ShadowOutcome {
  outcome: Decision['outcome'];
  tier: Decision['tier'];
  band: Decision['assessment']['band'];
  stratClass: Decision['assessment']['stratClass'];
  rateBps: number | null;
}

/** A past case to replay: its facts, where it was routed, and an id to name it by. */
export type ShadowCase = DecisionInput & { id?: string; branch?: string };

export interface ShadowReport {
  currentVersion: number;
  candidateVersion: number;
  total: number;
  /** inputs whose outcome or tier would change */
  changedOutcomes: number;
  differences: { index: number; id?: string; outcomeOrTierChanged: boolean; current: ShadowOutcome; candidate: ShadowOutcome }[];
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

export function shadowCompare(inputs: ShadowCase[], current: BankConfig, candidate: BankConfig): ShadowReport {
  const differences: ShadowReport['differences'] = [];
  let changedOutcomes = 0;
  inputs.forEach((input, index) => {
    const opts = { branch: input.branch };
    const a = summary(decide(input, current, opts));
    const b = summary(decide(input, candidate, opts));
    const changed = a.outcome !== b.outcome || a.tier !== b.tier;
    if (changed) changedOutcomes++;
    if (!same(a, b)) differences.push({ index, ...(input.id ? { id: input.id } : {}), outcomeOrTierChanged: changed, current: a, candidate: b });
  });
  return { currentVersion: current.version, candidateVersion: candidate.version, total: inputs.length, changedOutcomes, differences };
}
