/**
 * Branch staff work: the queue, atomic claims, opinions along the tiered chain and committee votes.
 * Every step is a version-conditional write with its event, so two people can never both win.
 */
import { COMMITTEE_ACTOR, seatCommittee } from '../../../shared/committee.js';
import { DomainError, forbidden } from '../../../shared/errors.js';
import {
  applyOpinion, claimRefusal, COMMITTEE_QUORUM, enterStage, opinionRefusal, startReview, staffActions, tallyVotes, voteRefusal, STAGE_ROLE,
  refusalError, type ChainStep, type OpinionKind, type ReviewState,
} from '../../../shared/review-chain.js';
import { workingMinutesBetween } from '../../../shared/sla.js';
import { makeReason, type ReasonParams } from '../../../shared/reasons.js';
import type { ApplicationRecord, Decision } from '../../../shared/types.js';
import { isHeadOffice, loadVisible, requireStaff } from '../access.js';
import type { Deps, Principal } from '../ports.js';
import { transition, transitionOrConflict, type Change } from '../transition.js';


export interface QueueFilter {
  /** Default in-review: the work waiting for people. */
  status?: string;
  tier?: string;
  product?: string;
  branch?: string;
  limit?: number;
  /** Opaque, from the previous page; only with a single branch. */
  cursor?: string;
}

export const QUEUE_PAGE_DEFAULT = 500;

/** The in-scope applications of one status, a page per branch (head office and committee: every branch). */
async function queueApps(deps: Deps, p: Principal, filter: QueueFilter) {
  requireStaff(p);
  const all = isHeadOffice(p) || p.groups.includes('committee');
  if (!all && !p.branch) throw forbidden('Your account is not assigned to a branch yet; ask head office.', { why: 'no-branch' });
  const config = await deps.bankConfig.inForce(deps.clock.now());
  const slaMinutes = config.sla.workingMinutes;
  const branches = all ? (filter.branch ? [filter.branch] : config.branches.map((b) => b.code)) : [p.branch!];
  const status = filter.status ?? 'in-review';
  const limit = filter.limit ?? QUEUE_PAGE_DEFAULT;
  const pages = await Promise.all(branches.map((b) => deps.applications.queuePage(b, status, {
    limit, cursor: branches.length === 1 ? filter.cursor : undefined,
  })));
  const apps = pages.flatMap((pg) => pg.items)
    .filter((a) => (!filter.tier || a.decision?.tier === filter.tier) && (!filter.product || a.loan.product === filter.product));
  return { apps, slaMinutes, cursor: branches.length === 1 ? pages[0].cursor : undefined };
}

function queueRows(deps: Deps, apps: ApplicationRecord[], slaMinutes: number) {
  const now = deps.clock.now().getTime();
  return apps
    .map((a) => {
      const since = Date.parse(a.submittedAt ?? a.createdAt);
      // The wait ends with the decision: an approved, signed or disbursed application is no longer waiting on anyone.
      const waitingUntil = a.status === 'in-review' || a.status === 'submitted' || !a.decision ? now : Math.min(now, Math.max(since, Date.parse(a.decision.decidedAt)));
      return {
        id: a.id,
        enterprise: { name: a.enterprise.name, creditCode: a.enterprise.creditCode },
        loan: { product: a.loan.product, amount: a.loan.amount, termMonths: a.loan.termMonths },
        status: a.status,
        tier: a.decision?.tier ?? null,
        outcome: a.decision?.outcome ?? null,
        band: a.decision?.assessment.band ?? null,
        stratClass: a.decision?.assessment.stratClass ?? null,
        branch: a.branch ? { code: a.branch.code, name: a.branch.name, nameZh: a.branch.nameZh } : null,
        submittedAt: a.submittedAt ?? null,
        waitingMinutes: Math.max(0, Math.round((waitingUntil - since) / 60_000)),
        workingMinutesWaiting: workingMinutesBetween(since, waitingUntil),
        slaMinutes,
        overdue: a.status === 'in-review' && !a.review?.claimedBy && workingMinutesBetween(since, now) > slaMinutes,
        escalated: Boolean(a.review?.escalatedAt),
        assignee: a.assignee ?? null,
        claimedBy: a.review?.claimedBy ?? null,
        stage: a.status === 'in-review' ? (a.review?.stage ?? 'review') : null,
        /** The role that acts at the current stage. */
        waitingFor: a.status === 'in-review' ? STAGE_ROLE[a.review?.stage ?? 'review'] : null,
      };
    })
    .sort((x, y) => y.waitingMinutes - x.waitingMinutes);
}

export async function listQueue(deps: Deps, p: Principal, filter: QueueFilter) {
  const { apps, slaMinutes, cursor } = await queueApps(deps, p, filter);
  return { items: queueRows(deps, apps, slaMinutes), cursor };
}

/**
 * "My work": the stages I have claimed, and the in-review cases in my scope whose current stage I may act on and
 * nobody has claimed. The same rule as the API's checks (shared/review-chain.ts staffActions) picks them.
 */
export async function myWork(deps: Deps, p: Principal) {
  const { apps, slaMinutes } = await queueApps(deps, p, { status: 'in-review', limit: 1000 });
  const claimed = apps.filter((a) => a.review?.claimedBy === p.username);
  const waiting = apps.filter((a) => {
    if (a.review?.claimedBy) return false;
    const can = staffActions(a, p);
    return can.claim || can.opine || can.vote;
  });
  return { claimed: queueRows(deps, claimed, slaMinutes), waiting: queueRows(deps, waiting, slaMinutes) };
}

async function loadForStaff(deps: Deps, p: Principal, id: string) {
  requireStaff(p);
  const app = await loadVisible(deps, p, id);
  if (app.status !== 'in-review') {
    throw new DomainError('not-in-review', `This application is ${app.status}; only applications in review can be worked on.`, 409);
  }
  return { app, review: app.review ?? startReview() };
}


/** Claims the current stage, for someone who may act at it; exactly one claimant wins. */
export async function claimApplication(deps: Deps, p: Principal, id: string) {
  const { app, review } = await loadForStaff(deps, p, id);
  const why = claimRefusal(app, p);
  if (why) throw refusalError(why);
  if (review.claimedBy === p.username) return app;
  const next = await transition(deps, app, p, { patch: (at) => ({ review: { ...review, claimedBy: p.username, claimedAt: at } }) },
    [{ type: 'claimed', actor: p.username, detail: { stage: review.stage } }]);
  if (!next) {
    const current = await deps.applications.get(id);
    if (current?.review?.claimedBy === p.username && current.review.stage === review.stage) return current;
    throw new DomainError('already-claimed', `${current?.review?.claimedBy ?? 'Someone else'} claimed this stage first.`, 409);
  }
  return next;
}

function humanDecision(app: ApplicationRecord, outcome: 'approved' | 'rejected', by: string, at: string, params: ReasonParams): Decision {
  const prior = app.decision!;
  return { ...prior, outcome, decidedAt: at, decidedBy: by, reasons: [makeReason(`review-${outcome}`, 0, params), ...prior.reasons] };
}

/**
 * Seats the committee for a case reaching it (branch or head office by authority, alternates when recusals leave it
 * short); when no quorum can sit, the case goes to a head-office approver instead of waiting for ever.
 */
export async function seatFor(deps: Deps, app: ApplicationRecord, review: ReviewState): Promise<{ review: ReviewState; event: { type: string; actor: string; detail: Record<string, unknown> } }> {
  const config = await deps.bankConfig.inForce(deps.clock.now());
  const seating = seatCommittee(config, { amount: app.loan.amount, branch: app.branch?.code }, review);
  if (seating.kind === 'to-head-office-approval') {
    return {
      review: { ...enterStage(review, 'head-office-approval'), votes: [], committee: undefined },
      event: { type: 'committee-escalated', actor: 'system', detail: { to: 'head-office-approval', reason: seating.reason } },
    };
  }
  const { seat } = seating;
  return {
    review: { ...enterStage(review, 'committee'), votes: [], committee: seat },
    event: { type: 'committee-seated', actor: 'system', detail: { seat: seat.seat, branch: seat.branch, members: seat.members, quorum: seat.quorum, ...(seat.escalatedBecause ? { because: seat.escalatedBecause } : {}) } },
  };
}

/** Applies one step of the chain and writes it; a lost race is reported, never silently merged. */
async function writeStep(deps: Deps, p: Principal, app: ApplicationRecord, review: ReviewState, step: ChainStep, eventType: string, detail: Record<string, unknown>, note: string | ReasonParams, decidedBy = p.username) {
  const noteText = typeof note === 'string' ? note : '';
  const events = [{ type: eventType, actor: p.username, detail }];
  let change: Change = { patch: { review } };
  if (step.kind === 'next' && step.stage === 'committee') {
    const seated = await seatFor(deps, app, review);
    change = { patch: { review: seated.review } };
    events.push(seated.event);
  } else if (step.kind === 'next') {
    change = { patch: { review: enterStage(review, step.stage) } };
  } else if (step.kind === 'final') {
    const outcome = step.outcome;
    change = { status: outcome, patch: (at) => ({ review, decision: humanDecision(app, outcome, decidedBy, at, typeof note === 'string' ? { note } : note) }) };
    events.push({ type: `decision-${outcome}`, actor: decidedBy, detail: { tier: app.decision?.tier } });
  } else if (step.kind === 'returned') {
    change = { status: 'returned', patch: { review, returnNote: noteText } };
    events.push({ type: 'returned-to-applicant', actor: p.username, detail: { note: noteText } });
  }
  const next = await transitionOrConflict(deps, app, p, change, events);
  // What follows a human approval starts a workflow again: the contract is rendered before the borrower asks for it.
  if (step.kind === 'final' && step.outcome === 'approved') {
    await deps.workflow.start('contract', next.id, `${next.id}-contract-prepare-v${next.version}`);
  }
  if (step.kind === 'final' || step.kind === 'returned') {
    // The applicant's notice of the outcome or return (with the note) is transition()'s, as for every status change.
    if (app.branch) await deps.staff.adjustLoad(app.branch.code, -1, app.assignee);
  }
  return next;
}

const COMMENT_NEEDED: Record<OpinionKind, string> = {
  approve: 'Say why you approve: the opinion goes on the record.',
  reject: 'Say why you reject: the opinion goes on the record.',
  return: 'Say what the applicant must fix when returning an application.',
};

export async function giveOpinion(deps: Deps, p: Principal, id: string, input: { opinion: OpinionKind; comment: string }) {
  const { app, review } = await loadForStaff(deps, p, id);
  const why = opinionRefusal(app, p);
  if (why) throw refusalError(why);
  if (!input.comment.trim()) {
    throw new DomainError('validation-failed', COMMENT_NEEDED[input.opinion], 422, { comment: input.opinion === 'return' ? 'Required when returning.' : 'Required: every opinion gives its reason.' });
  }
  const tier = app.decision?.tier;
  if (!tier || tier === 'auto') throw new DomainError('no-review-chain', 'This application has no human review chain.', 409);
  const now = deps.clock.now().toISOString();
  const withOpinion: ReviewState = {
    ...review,
    opinions: [...review.opinions, { stage: review.stage, by: p.username, role: STAGE_ROLE[review.stage], opinion: input.opinion, comment: input.comment, at: now }],
  };
  const step = applyOpinion(tier, review, input.opinion);
  return writeStep(deps, p, app, withOpinion, step, 'opinion', { stage: review.stage, opinion: input.opinion, comment: input.comment }, input.comment);
}

export async function castVote(deps: Deps, p: Principal, id: string, input: { vote: 'for' | 'against'; comment: string }) {
  const { app, review } = await loadForStaff(deps, p, id);
  const why = voteRefusal(app, p);
  if (why) throw refusalError(why);
  const now = deps.clock.now().toISOString();
  const votes = [...review.votes, { by: p.username, vote: input.vote, comment: input.comment, at: now }];
  const quorum = review.committee?.quorum ?? COMMITTEE_QUORUM;
  const tally = tallyVotes(votes, quorum);
  const seat = review.committee;
  const minutes: ReasonParams = {
    seat: seat?.seat === 'branch' ? 'branch' : 'head-office', branch: seat?.seat === 'branch' ? seat.branch : null,
    votesFor: tally.for, votesAgainst: tally.against, votes: votes.length, quorum,
  };
  const step: ChainStep = tally.decided ? { kind: 'final', outcome: tally.outcome } : { kind: 'pending' };
  // The committee decides, by its majority: the decision is never attributed to the member whose vote closed it.
  return writeStep(deps, p, app, { ...review, votes }, step, 'vote', { vote: input.vote, comment: input.comment, for: tally.for, against: tally.against }, minutes, COMMITTEE_ACTOR);
}

/**
 * An account manager sends an automatic rejection to people, with the reason on record. Overturning a
 * negative-list hit or a red band is the committee's call whatever the amount, so it goes to the committee chain.
 */
export async function requestReconsideration(deps: Deps, p: Principal, id: string, input: { comment: string }) {
  requireStaff(p);
  if (!p.groups.includes('account-manager')) throw forbidden('Only an account manager can ask for reconsideration.', { why: 'role-only', roles: ['account-manager'] });
  const app = await loadVisible(deps, p, id);
  if (app.status !== 'rejected' || app.decision?.decidedBy !== 'workflow') {
    throw new DomainError('not-reconsiderable', 'Only an automatic rejection can be sent for manual reconsideration.', 409);
  }
  if (!input.comment) {
    throw new DomainError('validation-failed', 'Say why the rejection should be reconsidered.', 422, { comment: 'Required.' });
  }
  const tier = 'committee' as const;
  const prior = app.decision;
  const next = await transitionOrConflict(deps, app, p, {
    status: 'in-review',
    patch: (at) => ({
      // The account manager owns the case; the review stage is the risk manager's to claim.
      assignee: app.assignee ?? p.username,
      review: startReview(),
      decision: { ...prior, outcome: 'referred', tier, decidedAt: at, decidedBy: p.username },
    }),
  }, [{ type: 'reconsideration-requested', actor: p.username, detail: { comment: input.comment, tier } }]);
  if (app.branch) await deps.staff.adjustLoad(app.branch.code, 1, next.assignee);
  return next;
}
