/**
 * The tiered human review chain (DESIGN.md §2 stage 3), as pure rules over plain data:
 *  review-approve        risk manager review → branch approver
 *  review-two-approvals  risk manager review → branch approver → head-office approver
 *  committee             risk manager review → credit committee vote (≥3 members, simple majority, quorum recorded)
 * Anyone on the chain may return the application to the applicant or reject it. Nobody acts twice on one
 * application, and its case owner (the account manager it is assigned to) does not also approve it.
 * Claims are per stage: only someone who may act at the stage claims it, and the claim ends with the stage.
 * What a person may do here (claim, opine, vote, recuse) is decided by the functions below, which both the API's
 * checks and the page's controls use.
 */
import type { Role } from './roles.js';
import type { Tier } from './schemas/application.js';
import { DomainError } from './errors.js';

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

/** A claim on one stage, kept for the record once the stage is done. */
export interface StageClaim {
  stage: ReviewStage;
  by: string;
  at: string;
}

export interface ReviewState {
  stage: ReviewStage;
  /** The current stage's claimant; cleared when the case moves to the next stage. */
  claimedBy?: string;
  claimedAt?: string;
  /** Earlier stages' claims. */
  claims?: StageClaim[];
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

export interface Actor {
  username: string;
  groups: readonly string[];
}

/** What the rules need to know of the case. */
export interface CaseState {
  status: string;
  tier?: Tier | null;
  /** The case owner: the account manager the application is assigned to. */
  assignee?: string | null;
  review?: ReviewState | null;
}

/** Why an actor may not do something now: a stable code, the HTTP status the API answers, and words. */
export interface Refusal {
  code: string;
  status: 403 | 409;
  message: string;
  /** The facts the Chinese message is worded from (shared/error-messages.ts). */
  params?: Record<string, string>;
}

const refuse = (code: string, status: 403 | 409, message: string, params?: Record<string, string>): Refusal => ({ code, status, message, ...(params ? { params } : {}) });

/** The error the API answers for a refusal: its code and status, with the facts the Chinese message is worded from. */
export const refusalError = (r: Refusal) => new DomainError(r.code, r.message, r.status).withParams(r.params ?? {});

const STAGE_WORDS: Record<ReviewStage, string> = {
  review: 'risk review', approval: 'branch approval', 'head-office-approval': 'head-office approval', committee: 'credit committee',
};
const ROLE_WORDS: Record<string, string> = {
  'risk-manager': 'a risk manager', approver: 'a branch approver', 'head-office': 'a head-office approver', committee: 'a credit committee member',
};

/** Whether the actor's role (or, for a seated committee, the roster) lets them act at the current stage. */
function stageRefusal(state: ReviewState, actor: Actor): Refusal | null {
  const role = STAGE_ROLE[state.stage];
  const seat = state.stage === 'committee' ? state.committee : undefined;
  if (seat?.members.length) {
    // A seated committee: its roster (members and any alternates sitting) decides, whatever their group.
    if (!seat.members.includes(actor.username)) {
      return refuse('not-on-committee', 403, `This case sits before the ${seat.seat === 'branch' ? `${seat.branch} branch` : 'head-office'} credit committee, and you are not on it.`);
    }
  } else if (!actor.groups.includes(role)) {
    return refuse('not-your-stage', 403, `This application is at the ${STAGE_WORDS[state.stage]} stage, where only ${ROLE_WORDS[role] ?? role} acts.`, { stage: state.stage, role });
  }
  return null;
}

const hasActed = (state: ReviewState, username: string) =>
  state.opinions.some((o) => o.by === username) || state.votes.some((v) => v.by === username);

/** Why an actor may not give an opinion or vote at the current stage, or null when they may. */
export function actRefusal(c: CaseState, actor: Actor): Refusal | null {
  if (c.status !== 'in-review') return refuse('not-in-review', 409, `This application is ${c.status}; only applications in review can be worked on.`);
  const state = c.review ?? startReview();
  // Having acted is said first: it is why the next stage is not theirs either.
  if (hasActed(state, actor.username)) return refuse('already-acted', 409, 'You have already acted on this application; someone else must take the next step.');
  const stage = stageRefusal(state, actor);
  if (stage) return stage;
  if (state.recused.includes(actor.username)) return refuse('recused', 403, 'You declared a conflict of interest on this application.');
  if (state.stage !== 'review' && c.assignee && c.assignee === actor.username) {
    return refuse('case-owner', 403, 'You own this case as its account manager, so you cannot also approve it.');
  }
  if (state.claimedBy && state.claimedBy !== actor.username) {
    return refuse('claimed-by-another', 409, `${state.claimedBy} has claimed this stage; they act on it, or a branch approver releases the claim.`);
  }
  return null;
}

export function opinionRefusal(c: CaseState, actor: Actor): Refusal | null {
  const state = c.review ?? startReview();
  if (c.status === 'in-review' && state.stage === 'committee') {
    return refuse('committee-stage', 409, 'This application is before the credit committee: members vote rather than give an opinion.');
  }
  return actRefusal(c, actor);
}

export function voteRefusal(c: CaseState, actor: Actor): Refusal | null {
  const state = c.review ?? startReview();
  if (c.status === 'in-review' && state.stage !== 'committee') {
    return refuse('not-committee-stage', 409, `Votes are for the credit committee stage; this application is at the ${STAGE_WORDS[state.stage]} stage.`);
  }
  return actRefusal(c, actor);
}

/** Claims are per stage, by someone who may act there; a committee is not claimed (each member votes). */
export function claimRefusal(c: CaseState, actor: Actor): Refusal | null {
  if (c.status !== 'in-review') return refuse('not-in-review', 409, `This application is ${c.status}; only applications in review can be claimed.`);
  const state = c.review ?? startReview();
  if (state.stage === 'committee') return refuse('committee-stage', 409, 'A case before the credit committee is not claimed: each member votes.');
  if (state.claimedBy === actor.username) return null;
  const act = actRefusal({ ...c, review: { ...state, claimedBy: undefined } }, actor);
  if (act) return act;
  if (state.claimedBy) return refuse('already-claimed', 409, `${state.claimedBy} has already claimed this stage.`);
  return null;
}

/** Why the actor may not declare a conflict of interest, or null. */
export function recuseRefusal(c: CaseState, actor: Actor): Refusal | null {
  const state = c.review ?? startReview();
  if (!actor.groups.includes('committee') && !state.committee?.members.includes(actor.username)) return refuse('forbidden', 403, 'Recusal is for credit committee members.');
  if (c.status !== 'in-review') return refuse('not-in-review', 409, `Only applications in review take recusals; it is ${c.status}.`);
  if (state.votes.some((v) => v.by === actor.username)) return refuse('already-acted', 409, 'You have already voted; a recusal must come before the vote.');
  return null;
}

/** The claimant lets go, or a branch approver or head office takes it back. */
export function releaseRefusal(c: CaseState, actor: Actor): Refusal | null {
  if (c.status !== 'in-review') return refuse('not-in-review', 409, `Claims are released while the application is in review; it is ${c.status}.`);
  const state = c.review ?? startReview();
  if (!state.claimedBy) return refuse('not-claimed', 409, 'Nobody has claimed this stage.');
  if (state.claimedBy !== actor.username && !canManageClaims(actor)) return refuse('forbidden', 403, 'Only the claimant or a branch approver can release a claim.');
  return null;
}

export const canManageClaims = (actor: Actor) => actor.groups.includes('approver') || actor.groups.includes('head-office');

export type StaffAction = 'claim' | 'release' | 'opine' | 'vote' | 'recuse' | 'reassign';

/**
 * What the actor may do on the case now, with the reason for each thing they may not: the API enforces the same
 * functions, so the page shows exactly the controls that will be accepted.
 */
export function staffActions(c: CaseState, actor: Actor): Record<StaffAction, boolean> & { why: Partial<Record<StaffAction, { code: string; message: string }>> } {
  const checks: Record<StaffAction, Refusal | null> = {
    claim: claimRefusal(c, actor),
    release: releaseRefusal(c, actor),
    opine: opinionRefusal(c, actor),
    vote: voteRefusal(c, actor),
    recuse: recuseRefusal(c, actor),
    reassign: !canManageClaims(actor) ? refuse('forbidden', 403, 'Only a branch approver or head office can reassign an application.')
      : c.status !== 'in-review' ? refuse('not-in-review', 409, 'Only applications in review are reassigned.') : null,
  };
  // A claim already held is not offered again.
  const state = c.review ?? startReview();
  if (!checks.claim && state.claimedBy === actor.username) checks.claim = refuse('already-claimed', 409, 'You have claimed this stage.');
  const why: Partial<Record<StaffAction, { code: string; message: string }>> = {};
  const out = { why } as Record<StaffAction, boolean> & { why: typeof why };
  for (const [k, r] of Object.entries(checks) as [StaffAction, Refusal | null][]) {
    out[k] = !r;
    if (r) why[k] = { code: r.code, message: r.message };
  }
  return out;
}

/** Moves the case to the next stage: the finished stage's claim goes to the record, and the new stage is unclaimed. */
export function enterStage(state: ReviewState, stage: ReviewStage): ReviewState {
  const claims = state.claimedBy ? [...(state.claims ?? []), { stage: state.stage, by: state.claimedBy, at: state.claimedAt ?? '' }] : state.claims;
  return { ...state, stage, claimedBy: undefined, claimedAt: undefined, ...(claims ? { claims } : {}) };
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
