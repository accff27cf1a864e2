/** What the API shows of an application: the applicant's view, plus the assessment for staff. */
import type { AuditStepKind } from '../../shared/contract/audit-trail.js';
import type { TermsFinding } from '../../shared/contract/signed-terms-check.js';
import type { ApplicationEvent, ApplicationRecord, ContractState, DocumentRecord } from '../../shared/types.js';
import { missingDocuments } from '../core/use-cases/submit-application.js';

/** Every check the loan centre runs before the seal (shared/contract/signed-terms-check.ts), so staff see what passed. */
const LOAN_CENTRE_CHECKS = Object.keys({
  'terms-changed': true, 'signed-other-document': true, 'signed-document-altered': true,
} satisfies Record<TermsFinding['code'], true>) as TermsFinding['code'][];

/**
 * Where the contract stands. The code's times let the page resume its resend cooldown; the code itself never leaves.
 * Staff also get the document hashes and each loan-centre check; the applicant only whether the check passed.
 */
function presentContract(c: ContractState, events: ApplicationEvent[], forStaff: boolean) {
  const stepAt = (step: AuditStepKind) => c.trail.findLast((s) => s.step === step)?.at ?? null;
  const signedAt = stepAt('signed');
  const failed = events.findLast((e) => e.type === 'contract-review-failed');
  const findings = ((failed?.detail?.findings ?? []) as TermsFinding[]);
  const outcome = c.reviewedAt ? 'passed' : failed && signedAt && failed.at >= signedAt ? 'failed' : signedAt ? 'pending' : null;
  return {
    contractNo: c.contractNo,
    contractDate: c.contractDate,
    codeSentAt: c.otp?.sentAt ?? null,
    codeExpiresAt: c.otp?.expiresAt ?? null,
    signedAt,
    reviewedAt: c.reviewedAt ?? null,
    sealedAt: c.sealedKey ? stepAt('sealed') : null,
    disbursedAt: c.disbursement?.at ?? null,
    loanCentreCheck: outcome && {
      outcome,
      at: outcome === 'passed' ? c.reviewedAt! : outcome === 'failed' ? failed!.at : null,
      ...(forStaff ? {
        checks: LOAN_CENTRE_CHECKS.map((code) => ({
          code,
          passed: outcome === 'passed' ? true : outcome === 'failed' ? !findings.some((f) => f.code === code) : null,
          message: findings.find((f) => f.code === code)?.message ?? null,
        })),
      } : {}),
    },
    ...(forStaff ? {
      generatedSha256: c.generatedSha256,
      signedSha256: c.signedSha256 ?? null,
      sealedSha256: c.sealedSha256 ?? null,
      disbursement: c.disbursement ?? null,
    } : {}),
  };
}

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
    ...(forStaff ? { assignee: app.assignee ?? null, review: app.review ?? null, bankCheck: app.bankCheck ?? null } : {}),
    returnNote: app.status === 'returned' ? app.returnNote ?? null : null,
    decision: d
      ? {
          outcome: d.outcome,
          tier: d.tier,
          reasons: d.reasons.map((r) => ({ code: r.code, text: r.text, ...(forStaff ? { detail: r.detail, impact: r.impact } : {}) })),
          decidedAt: d.decidedAt,
          policyVersion: d.policyVersion,
          configVersion: d.configVersion ?? null,
          ...(forStaff ? { assessment: d.assessment } : {}),
        }
      : null,
    ...(d?.offer && (d.outcome === 'approved' || forStaff) ? { offer: d.offer } : {}),
    documents: docs.map(({ documentId, kind, fileName, contentType, size, status, reason, sha256 }) =>
      ({ documentId, kind, fileName, contentType, size, status, ...(reason ? { reason } : {}), ...(sha256 ? { sha256 } : {}) })),
    missingDocuments: missingDocuments(app, docs),
    contract: app.contract ? presentContract(app.contract, events, forStaff) : null,
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
