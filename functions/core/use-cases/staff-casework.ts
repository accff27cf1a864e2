/**
 * Casework around the review chain: the investigation report, releasing and reassigning a claim,
 * conflict-of-interest recusal, document links and SLA escalation. Each change is a versioned write
 * with its event, so the history says who did what.
 */
import { DomainError, conflict, forbidden, invalid, notFound } from '../../../shared/errors.js';
import { draftReport, type ReportSection } from '../../../shared/investigation-report.js';
import { canReachQuorum } from '../../../shared/committee.js';
import { startReview, type ReviewState } from '../../../shared/review-chain.js';
import { isOverdue } from '../../../shared/sla.js';
import { isHeadOffice, loadVisible, requireStaff } from '../access.js';
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

const canManageClaims = (p: Principal) => p.groups.includes('approver') || isHeadOffice(p);

/** The claimant lets go, or the branch approver takes it back; either way it returns to the pool. */
export async function releaseClaim(deps: Deps, p: Principal, id: string) {
  requireStaff(p);
  const app = await loadVisible(deps, p, id);
  if (app.status !== 'in-review') throw new DomainError('not-in-review', `Claims are released while the application is in review; it is ${app.status}.`, 409);
  const review = app.review ?? startReview();
  if (!review.claimedBy) throw conflict('not-claimed', 'Nobody has claimed this application.');
  if (review.claimedBy !== p.username && !canManageClaims(p)) throw forbidden('Only the claimant or a branch approver can release a claim.', { why: 'role-only', roles: ['approver'] });
  return transitionOrConflict(deps, app, p, { patch: { review: { ...review, claimedBy: undefined, claimedAt: undefined } } },
    [{ type: 'claim-released', actor: p.username, detail: { from: review.claimedBy } }]);
}

/** A branch approver or head office hands the case to a named colleague of the same branch. */
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
  return transitionOrConflict(deps, app, p, { patch: (at) => ({ assignee: target.username, review: { ...review, claimedBy: target.username, claimedAt: at } }) },
    [{ type: 'reassigned', actor: p.username, detail: { from: review.claimedBy ?? app.assignee ?? null, to: target.username } }]);
}

/** A committee member declares a conflict of interest and is recused; the quorum counts the others. */
export async function recuse(deps: Deps, p: Principal, id: string, input: { reason: string }) {
  requireStaff(p);
  const app = await loadVisible(deps, p, id);
  const review = app.review ?? startReview();
  // Committee members, and head-office alternates once they sit on this case.
  if (!p.groups.includes('committee') && !review.committee?.members.includes(p.username)) throw forbidden('Recusal is for credit committee members.', { why: 'role-only', roles: ['committee'] });
  if (app.status !== 'in-review') throw new DomainError('not-in-review', `Only applications in review take recusals; it is ${app.status}.`, 409);
  if (review.votes.some((v) => v.by === p.username)) throw conflict('already-acted', 'You have already voted; a recusal must come before the vote.');
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
export async function documentLink(deps: Deps, p: Principal, id: string, documentId: string) {
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
