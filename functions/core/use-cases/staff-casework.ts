/**
 * Casework around the review chain: the investigation report, releasing and reassigning a claim,
 * conflict-of-interest recusal, document links and SLA escalation. Each change is a versioned write
 * with its event, so the history says who did what.
 */
import { DomainError, forbidden, invalid, notFound } from '../../../shared/errors.js';
import { draftReport, type ReportSection } from '../../../shared/investigation-report.js';
import { canReachQuorum } from '../../../shared/committee.js';
import {
  STAGE_ROLE, canManageClaims, recuseRefusal, refusalError, releaseRefusal, startReview, type ReviewState,
} from '../../../shared/review-chain.js';
import { isOverdue } from '../../../shared/sla.js';
import { loadVisible, requireStaff } from '../access.js';
import { inStatusEverywhere } from '../portfolio.js';
import type { Deps, Principal } from '../ports.js';
import { transition, transitionOrConflict } from '../transition.js';
import { seatFor } from './staff-review.js';

export async function getInvestigation(deps: Deps, p: Principal, id: string) {
  requireStaff(p);
  const app = await loadVisible(deps, p, id);
  return { ...draftReport(app, app.investigation?.sections), updatedBy: app.investigation?.updatedBy ?? null, updatedAt: app.investigation?.updatedAt ?? null };
}

export async function saveInvestigation(deps: Deps, p: Principal, id: string, input: { sections: Partial<Record<ReportSection, string>> }) {
  requireStaff(p);
  if (!p.groups.includes('account-manager')) throw forbidden('The account manager writes the investigation report.', { why: 'role-only', roles: ['account-manager'] });
  const app = await loadVisible(deps, p, id);
  if (app.status !== 'in-review') throw new DomainError('not-in-review', `The report is written while the application is in review; it is ${app.status}.`, 409);
  const sections = { ...(app.investigation?.sections ?? {}), ...input.sections };
  const next = await transitionOrConflict(deps, app, p, { patch: (at) => ({ investigation: { sections, updatedBy: p.username, updatedAt: at } }) },
    [{ type: 'investigation-updated', actor: p.username, detail: { sections: Object.keys(input.sections) } }]);
  return { ...draftReport(next, sections), updatedBy: p.username, updatedAt: next.updatedAt };
}


/** The claimant lets go, or the branch approver takes it back; either way the stage returns to the pool. */
export async function releaseClaim(deps: Deps, p: Principal, id: string) {
  requireStaff(p);
  const app = await loadVisible(deps, p, id);
  const why = releaseRefusal(app, p);
  if (why) throw refusalError(why);
  const review = app.review ?? startReview();
  return transitionOrConflict(deps, app, p, { patch: { review: { ...review, claimedBy: undefined, claimedAt: undefined } } },
    [{ type: 'claim-released', actor: p.username, detail: { from: review.claimedBy } }]);
}

/**
 * A branch approver or head office hands the case to a named colleague of the same branch: an account manager
 * becomes the case owner; someone who may act at the current stage takes its claim. Anyone else is refused, so a
 * claim never sits with a person who cannot act on it.
 */
export async function reassign(deps: Deps, p: Principal, id: string, input: { username: string }) {
  requireStaff(p);
  if (!canManageClaims(p)) throw forbidden('Only a branch approver or head office can reassign an application.', { why: 'role-only', roles: ['approver', 'head-office'] });
  const app = await loadVisible(deps, p, id);
  if (app.status !== 'in-review') throw new DomainError('not-in-review', `Only applications in review are reassigned; it is ${app.status}.`, 409);
  const target = await deps.staff.getStaff(input.username);
  if (!target || target.branch !== app.branch?.code) {
    throw invalid('That person is not staff of this application\'s branch.', { username: 'Not staff of this branch.' }, 'unknown-staff');
  }
  const review = app.review ?? startReview();
  const owner = target.roles.includes('account-manager');
  const claimant = review.stage !== 'committee' && target.roles.includes(STAGE_ROLE[review.stage])
    && !review.opinions.some((o) => o.by === target.username) && !review.recused.includes(target.username);
  if (!owner && !claimant) {
    throw invalid(`${target.username} cannot act at this stage and is not an account manager.`, { username: 'Cannot act at this stage.' }, 'cannot-act-at-stage');
  }
  return transitionOrConflict(deps, app, p, {
    patch: (at) => ({
      ...(owner ? { assignee: target.username } : {}),
      ...(claimant ? { review: { ...review, claimedBy: target.username, claimedAt: at } } : {}),
    }),
  }, [{ type: 'reassigned', actor: p.username, detail: { from: claimant ? review.claimedBy ?? null : app.assignee ?? null, to: target.username, as: claimant ? 'claimant' : 'owner', stage: review.stage } }]);
}

/** A committee member declares a conflict of interest and is recused; the quorum counts the others. */
export async function recuse(deps: Deps, p: Principal, id: string, input: { reason: string }) {
  requireStaff(p);
  const app = await loadVisible(deps, p, id);
  const review = app.review ?? startReview();
  // Committee members, and head-office alternates once they sit on this case.
  const why = recuseRefusal(app, p);
  if (why) throw refusalError(why);
  if (review.recused.includes(p.username)) return app;
  let next: ReviewState = { ...review, recused: [...review.recused, p.username] };
  const events = [{ type: 'recused', actor: p.username, detail: { reason: input.reason } as Record<string, unknown> }];
  // A seat the recusal leaves short of its quorum is re-seated (higher, or with alternates), so the case never stalls.
  if (next.stage === 'committee' && next.committee && !canReachQuorum(next.committee, next)) {
    const seated = await seatFor(deps, app, next);
    next = seated.review;
    events.push(seated.event);
  }
  return transitionOrConflict(deps, app, p, { patch: { review: next } }, events);
}

/** A short-lived download link for a staff member of the branch; always served as an attachment. */
export async function documentLink(deps: Deps, p: Principal, id: string, documentId: string, opts: { staffOnly?: boolean } = {}) {
  // The staff route checks the role first, so an applicant learns nothing about the id.
  if (opts.staffOnly) requireStaff(p);
  const app = await loadVisible(deps, p, id);
  const doc = /^[A-Za-z0-9-]{1,64}$/.test(documentId) ? await deps.documentRecords.getDocument(app.id, documentId) : null;
  if (!doc || doc.status !== 'verified') throw notFound('document');
  return { url: await deps.documents.presignDownload(doc.objectKey, doc.fileName), expiresInSeconds: 300 };
}

/** Unclaimed past the SLA in working time: flag it and tell the branch's approvers, once. */
export async function escalateOverdue(deps: Deps, slaOverride?: number): Promise<number> {
  const now = deps.clock.now().getTime();
  const slaMinutes = slaOverride ?? (await deps.bankConfig.inForce(deps.clock.now())).sla.workingMinutes;
  let escalated = 0;
  for await (const app of inStatusEverywhere(deps.applications, 'in-review', 200)) {
    const review = app.review ?? startReview();
    if (review.claimedBy || review.escalatedAt || !isOverdue(app.submittedAt ?? app.updatedAt, now, slaMinutes)) continue;
    if (!(await transition(deps, app, 'sla', { patch: (at) => ({ review: { ...review, escalatedAt: at } }) },
      [{ type: 'escalated', actor: 'sla', detail: { slaMinutes } }]))) continue;
    const approvers = (await deps.staff.listStaff(app.branch!.code)).filter((s) => s.roles.includes('approver'));
    await Promise.all(approvers.map((s) => deps.notifier.send(s.username, {
      kind: 'sla-escalation',
      subject: `待办超时 / Unclaimed past SLA: ${app.enterprise.name}`,
      body: `申请 ${app.id} 超过${slaMinutes / 60}个工作小时无人认领。Application ${app.id} has waited unclaimed for more than ${slaMinutes / 60} working hours.`,
    })));
    escalated++;
  }
  return escalated;
}
