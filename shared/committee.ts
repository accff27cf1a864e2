/**
 * Where a credit committee sits and who may vote (DESIGN.md §2, §7.3). A case sits at its branch's committee when
 * the amount is within the branch's committee authority and enough eligible members remain, else at head office;
 * recusals, the case owner and anyone who already acted are not eligible. When even head office with its alternates
 * is short of a quorum, the case goes to a head-office approver instead: a case never deadlocks.
 */
import { branchOf, type BankConfig } from './bank-config.js';
import type { CommitteeSeat, ReviewState } from './review-chain.js';

export type { CommitteeSeat };

export type Seating =
  | { kind: 'seated'; seat: CommitteeSeat }
  | { kind: 'to-head-office-approval'; reason: string };

/** Not eligible on this case: recused, the claimant (case owner), or already acted at an earlier stage. */
export function ineligible(review: Pick<ReviewState, 'recused' | 'claimedBy' | 'opinions'>): Set<string> {
  return new Set([...review.recused, ...(review.claimedBy ? [review.claimedBy] : []), ...review.opinions.map((o) => o.by)]);
}

export function seatCommittee(config: BankConfig, input: { amount: number; branch?: string }, review: Pick<ReviewState, 'recused' | 'claimedBy' | 'opinions'>): Seating {
  const { quorum, headOffice, alternates } = config.committee;
  const out = ineligible(review);
  const eligible = (list: string[]) => [...new Set(list)].filter((u) => !out.has(u));
  const branch = input.branch ? branchOf(config, input.branch) : undefined;
  let because: string | undefined;
  if (branch && input.amount <= branch.authority.committeeLimit) {
    const members = eligible(branch.committee ?? []);
    if (members.length >= quorum) return { kind: 'seated', seat: { seat: 'branch', branch: branch.code, members, quorum } };
    because = `the ${branch.code} committee has ${members.length} eligible member(s), fewer than the quorum of ${quorum}`;
  } else if (branch) {
    because = `the amount is above the ${branch.code} committee's authority (${branch.authority.committeeLimit} fen)`;
  }
  if (!headOffice.length) return { kind: 'seated', seat: { seat: 'head-office', members: [], quorum, ...(because ? { escalatedBecause: because } : {}) } };
  const members = eligible(headOffice);
  if (members.length >= quorum) return { kind: 'seated', seat: { seat: 'head-office', members, quorum, ...(because ? { escalatedBecause: because } : {}) } };
  const withAlternates = eligible([...headOffice, ...alternates]);
  if (withAlternates.length >= quorum) {
    return { kind: 'seated', seat: { seat: 'head-office', members: withAlternates, quorum, escalatedBecause: `recusals left the head-office committee ${members.length} eligible member(s); alternates sit` } };
  }
  return { kind: 'to-head-office-approval', reason: `only ${withAlternates.length} eligible committee member(s) and alternates remain for a quorum of ${quorum}` };
}

/** Whether the seated committee can still reach its quorum with the members who have not voted and may. */
export function canReachQuorum(seat: CommitteeSeat, review: Pick<ReviewState, 'recused' | 'claimedBy' | 'opinions' | 'votes'>): boolean {
  if (!seat.members.length) return true;
  const out = ineligible(review);
  const voted = new Set(review.votes.map((v) => v.by));
  const remaining = seat.members.filter((m) => !out.has(m) && !voted.has(m)).length;
  return review.votes.length + remaining >= seat.quorum;
}
