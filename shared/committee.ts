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

type Eligibility = Pick<ReviewState, 'recused' | 'claimedBy' | 'opinions'> & Partial<Pick<ReviewState, 'claims'>>;

/** Not eligible on this case: recused, a claimant of an earlier stage, or already acted at an earlier stage. */
export function ineligible(review: Eligibility): Set<string> {
  return new Set([
    ...review.recused, ...(review.claimedBy ? [review.claimedBy] : []), ...(review.claims ?? []).map((c) => c.by), ...review.opinions.map((o) => o.by),
  ]);
}

export function seatCommittee(config: BankConfig, input: { amount: number; branch?: string }, review: Eligibility): Seating {
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
export function canReachQuorum(seat: CommitteeSeat, review: Eligibility & Pick<ReviewState, 'votes'>): boolean {
  if (!seat.members.length) return true;
  const out = ineligible(review);
  const voted = new Set(review.votes.map((v) => v.by));
  const remaining = seat.members.filter((m) => !out.has(m) && !voted.has(m)).length;
  return review.votes.length + remaining >= seat.quorum;
}

/** The committee's count as it stands, for the page and the minutes. */
export interface CommitteeTally {
  seat: 'branch' | 'head-office';
  branch?: string;
  for: number;
  against: number;
  cast: number;
  quorum: number;
  /** Members who may vote on this case (after recusals and those who acted earlier); null for an open roster. */
  eligible: number | null;
  recused: number;
  /** Votes still needed before the quorum is reached. */
  toQuorum: number;
  /** Votes in favour a decision to approve needs once every vote needed is cast (a simple majority; a tie is not). */
  majorityNeeded: number;
  decided: boolean;
  outcome: 'approved' | 'rejected' | null;
}

export function committeeTally(review: Eligibility & Pick<ReviewState, 'stage' | 'committee' | 'votes'>, quorumDefault = 3): CommitteeTally | null {
  if (review.stage !== 'committee') return null;
  const seat = review.committee;
  const quorum = seat?.quorum ?? quorumDefault;
  const inFavour = review.votes.filter((v) => v.vote === 'for').length;
  const cast = review.votes.length;
  const out = ineligible(review);
  const eligible = seat?.members.length ? seat.members.filter((m) => !out.has(m) || review.votes.some((v) => v.by === m)).length : null;
  const decided = cast >= quorum;
  return {
    seat: seat?.seat ?? 'head-office',
    ...(seat?.branch ? { branch: seat.branch } : {}),
    for: inFavour,
    against: cast - inFavour,
    cast,
    quorum,
    eligible,
    recused: review.recused.length,
    toQuorum: Math.max(0, quorum - cast),
    majorityNeeded: Math.floor(Math.max(quorum, cast) / 2) + 1,
    decided,
    outcome: decided ? (inFavour > cast - inFavour ? 'approved' : 'rejected') : null,
  };
}

/** Who the decision is attributed to: the committee itself, never one member (who may have voted against). */
export const COMMITTEE_ACTOR = 'credit-committee';
