/** What the API shows of an application: the applicant's view, plus the assessment for staff. */
import type { ApplicationEvent, ApplicationRecord, DocumentRecord } from '../../shared/types.js';
import { missingDocuments } from '../core/use-cases/submit-application.js';

const APPLICANT_VISIBLE_DETAIL = new Set(['created', 'routed', 'returned-to-applicant', 'decision-approved', 'decision-rejected', 'decision-referred']);

export function presentApplication(
  app: ApplicationRecord,
  docs: DocumentRecord[],
  events: ApplicationEvent[],
  forStaff: boolean,
) {
  const d = app.decision;
  return {
    id: app.id,
    status: app.status,
    createdAt: app.createdAt,
    updatedAt: app.updatedAt,
    submittedAt: app.submittedAt ?? null,
    enterprise: app.enterprise,
    loan: app.loan,
    branch: app.branch ? { code: app.branch.code, name: app.branch.name, nameZh: app.branch.nameZh } : null,
    ...(forStaff ? { assignee: app.assignee ?? null, review: app.review ?? null } : {}),
    returnNote: app.status === 'returned' ? app.returnNote ?? null : null,
    decision: d
      ? {
          outcome: d.outcome,
          tier: d.tier,
          reasons: d.reasons.map((r) => ({ code: r.code, text: r.text, ...(forStaff ? { detail: r.detail, impact: r.impact } : {}) })),
          decidedAt: d.decidedAt,
          policyVersion: d.policyVersion,
          ...(forStaff ? { assessment: d.assessment } : {}),
        }
      : null,
    ...(d?.offer && (d.outcome === 'approved' || forStaff) ? { offer: d.offer } : {}),
    documents: docs.map(({ documentId, kind, fileName, contentType, size, status, reason, sha256 }) =>
      ({ documentId, kind, fileName, contentType, size, status, ...(reason ? { reason } : {}), ...(sha256 ? { sha256 } : {}) })),
    missingDocuments: missingDocuments(app, docs),
    // Staff opinions and votes are internal; the applicant sees that a step happened, not what was said.
    events: events.map(({ seq, at, type, actor, detail }) => ({
      seq, at, type,
      actor,
      ...(detail && (forStaff || APPLICANT_VISIBLE_DETAIL.has(type)) ? { detail } : {}),
    })),
  };
}

export function presentSummary(app: ApplicationRecord) {
  return {
    id: app.id,
    status: app.status,
    createdAt: app.createdAt,
    updatedAt: app.updatedAt,
    enterprise: { name: app.enterprise.name, creditCode: app.enterprise.creditCode },
    loan: app.loan,
    branch: app.branch ? { code: app.branch.code, name: app.branch.name, nameZh: app.branch.nameZh } : null,
    decision: app.decision ? { outcome: app.decision.outcome, tier: app.decision.tier } : null,
  };
}
