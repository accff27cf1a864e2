/**
 * The tiered human review chain (DESIGN.md §2 stage 3), as pure rules over plain data:
 *  review-approve        risk manager review → branch approver
 *  review-two-approvals  risk manager review → branch approver → head-office approver
 *  committee             risk manager review → credit committee vote (≥3 members, simple majority, quorum recorded)
 * Anyone on the chain may return the application to the applicant or reject it. Nobody acts twice on one
 * application, and whoever claimed it (its case owner) does not also approve it.
 */
import type { Role } from './roles.js';
import type { Tier } from './schemas/application.js';

/** Where a case's credit committee sits and who may vote; seated by shared/committee.ts. */
export interface CommitteeSeat {
  seat: 'branch' | 'head-office';
  branch?: string;
  /** Who may vote; empty = an open roster (any committee-group member), where only the quorum is checked. */
  members: string[];
  quorum: number;
  /** Why the case sits here rather than lower, when it does. */
  escalatedBecause?: string;
}

export type ReviewStage = 'review' | 'approval' | 'head-office-approval' | 'committee';
export type OpinionKind = 'approve' | 'reject' | 'return';

export interface Opinion {
  stage: ReviewStage;
  by: string;
  role: string;
  opinion: OpinionKind;
  comment: string;
  at: string;
}

export interface Vote {
  by: string;
  vote: 'for' | 'against';
  comment: string;
  at: string;
}

export interface ReviewState {
  stage: ReviewStage;
  claimedBy?: string;
  claimedAt?: string;
  opinions: Opinion[];
  votes: Vote[];
  recused: string[];
  /** Set when the application waited unclaimed past its SLA and went to the branch approver. */
  escalatedAt?: string;
  /** Where the committee sits and who may vote (shared/committee.ts), once the case reaches the committee. */
  committee?: CommitteeSeat;
}

export const COMMITTEE_QUORUM = 3;

/** The role that acts at each stage. */
export const STAGE_ROLE: Record<ReviewStage, Role> = {
  review: 'risk-manager',
  approval: 'approver',
  'head-office-approval': 'head-office',
  committee: 'committee',
};

const CHAINS: Record<Exclude<Tier, 'auto'>, ReviewStage[]> = {
  'review-approve': ['review', 'approval'],
  'review-two-approvals': ['review', 'approval', 'head-office-approval'],
  committee: ['review', 'committee'],
};

export function startReview(): ReviewState {
  return { stage: 'review', opinions: [], votes: [], recused: [] };
}

export type ChainStep =
  | { kind: 'next'; stage: ReviewStage }
  | { kind: 'final'; outcome: 'approved' | 'rejected' }
  | { kind: 'returned' }
  | { kind: 'pending' };

/** Why an actor may not act now, with the facts the message catalogue words it from (shared/error-messages.ts). */
export function refusalOf(state: ReviewState, actor: { username: string; groups: string[] }): { message: string; params: { why: string; [k: string]: string } } | null {
  const role = STAGE_ROLE[state.stage];
  const seat = state.stage === 'committee' ? state.committee : undefined;
  if (seat?.members.length) {
    // A seated committee: its roster (members and any alternates sitting) decides, whatever their group.
    if (!seat.members.includes(actor.username)) {
      return { message: `This case sits before the ${seat.seat === 'branch' ? `${seat.branch} branch` : 'head-office'} credit committee, and you are not on it.`, params: { why: 'not-on-committee', seat: seat.seat } };
    }
  } else if (!actor.groups.includes(role)) {
    return { message: `This application is at the ${state.stage} stage, which ${/^[aeiou]/.test(role) ? 'an' : 'a'} ${role} decides.`, params: { why: 'stage-role', stage: state.stage, role } };
  }
  const acted = state.opinions.some((o) => o.by === actor.username) || state.votes.some((v) => v.by === actor.username);
  if (acted) return { message: 'You have already acted on this application; someone else must take the next step.', params: { why: 'already-acted' } };
  if (state.stage !== 'review' && state.claimedBy === actor.username) {
    return { message: 'You own this case as its claimant, so you cannot also approve it.', params: { why: 'claimant-cannot-approve' } };
  }
  if (state.recused.includes(actor.username)) return { message: 'You declared a conflict of interest on this application.', params: { why: 'recused' } };
  return null;
}

/** Why an actor may not act now, or null when they may. */
export function refusal(state: ReviewState, actor: { username: string; groups: string[] }): string | null {
  return refusalOf(state, actor)?.message ?? null;
}

export function applyOpinion(tier: Exclude<Tier, 'auto'>, state: ReviewState, opinion: OpinionKind): ChainStep {
  if (opinion === 'reject') return { kind: 'final', outcome: 'rejected' };
  if (opinion === 'return') return { kind: 'returned' };
  const chain = CHAINS[tier];
  // A committee case that could not seat a quorum went to a head-office approver: that approval is the last step.
  if (!chain.includes(state.stage)) return { kind: 'final', outcome: 'approved' };
  const next = chain[chain.indexOf(state.stage) + 1];
  return next ? { kind: 'next', stage: next } : { kind: 'final', outcome: 'approved' };
}

/** Committee: decided once a quorum has voted; simple majority of votes cast, a tie is not a majority. */
export function tallyVotes(votes: Vote[], quorum = COMMITTEE_QUORUM): { decided: false; for: number; against: number } | { decided: true; outcome: 'approved' | 'rejected'; for: number; against: number } {
  const inFavour = votes.filter((v) => v.vote === 'for').length;
  const against = votes.length - inFavour;
  if (votes.length < quorum) return { decided: false, for: inFavour, against };
  return { decided: true, outcome: inFavour > against ? 'approved' : 'rejected', for: inFavour, against };
}
