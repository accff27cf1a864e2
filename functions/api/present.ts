/** What the API shows of an application: the applicant's view, plus the assessment for staff. */
import type { AuditStepKind } from '../../shared/contract/audit-trail.js';
import type { TermsFinding } from '../../shared/contract/signed-terms-check.js';
import type { ErrorLocale } from '../../shared/error-messages.js';
import { maskName } from '../../shared/enterprise.js';
import { isSystemActor } from '../../shared/lifecycle.js';
import { reasonDetail, reasonText } from '../../shared/reasons.js';
import { STAGE_ROLE, type ReviewStage } from '../../shared/review-chain.js';
import type { ApplicationEnterprise, ApplicationEvent, ApplicationRecord, ContractState, DocumentRecord, Reason } from '../../shared/types.js';
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

/** Who acted, as the applicant may know it: system parts and the applicant as they are, bank people by role, never by name. */
function applicantActor(e: ApplicationEvent, app: ApplicationRecord): string {
  if (isSystemActor(e.actor)) return e.actor;
  if (e.actor === app.ownerUsername) return 'applicant';
  if (e.type === 'vote' || e.type === 'recused') return 'committee';
  const stage = e.detail?.stage as ReviewStage | undefined;
  if (e.type === 'opinion' && stage && STAGE_ROLE[stage]) return STAGE_ROLE[stage];
  if (e.type === 'reconsideration-requested' || e.type === 'investigation-updated' || e.type === 'account-manager-assigned') return 'account-manager';
  if (e.type.startsWith('decision-') || e.type === 'returned-to-applicant') return 'approver';
  // An applicant's own earlier actions before ownerUsername was kept, and anyone else at the bank.
  return e.type === 'created' || e.type === 'submitted' || e.type.startsWith('contract-') ? 'applicant' : 'bank-staff';
}

/** The applicant's timeline: one "viewed" per person (records from before views were logged once had one per view). */
function applicantEvents(events: ApplicationEvent[], app: ApplicationRecord) {
  const viewed = new Set<string>();
  return events.filter((e) => {
    if (e.type !== 'contract-viewed') return true;
    if (viewed.has(e.actor)) return false;
    viewed.add(e.actor);
    return true;
  }).map((e) => ({ ...e, actor: applicantActor(e, app) }));
}

/** A reason as the API gives it: sentences for everyone; for staff also the facts and the figures behind them. */
function presentReason(r: Reason, forStaff: boolean, locale: ErrorLocale) {
  if (!forStaff) return { code: r.code, text: reasonText(r) };
  const detail = reasonDetail(r);
  return {
    code: r.code, text: reasonText(r), impact: r.impact, params: r.params ?? null,
    // Records decided before params keep their engine note only for English readers.
    detail: detail ? detail[locale] : locale === 'en' ? r.detail ?? null : null,
    details: detail,
  };
}

/** The enterprise as staff see it; the applicant gets the legal representative masked, as the profile gives it. */
function presentEnterprise(e: ApplicationEnterprise, forStaff: boolean): ApplicationEnterprise {
  if (forStaff || !e.legalRepresentative) return e;
  return { ...e, legalRepresentative: { name: maskName(e.legalRepresentative.name) } };
}

export function presentApplication(
  app: ApplicationRecord,
  docs: DocumentRecord[],
  events: ApplicationEvent[],
  forStaff: boolean,
  locale: ErrorLocale = 'en',
) {
  const d = app.decision;
  return {
    id: app.id,
    status: app.status,
    createdAt: app.createdAt,
    updatedAt: app.updatedAt,
    submittedAt: app.submittedAt ?? null,
    enterprise: presentEnterprise(app.enterprise, forStaff),
    loan: app.loan,
    branch: app.branch ? { code: app.branch.code, name: app.branch.name, nameZh: app.branch.nameZh } : null,
    ...(forStaff ? { assignee: app.assignee ?? null, review: app.review ?? null, bankCheck: app.bankCheck ?? null } : {}),
    returnNote: app.status === 'returned' ? app.returnNote ?? null : null,
    decision: d
      ? {
          outcome: d.outcome,
          tier: d.tier,
          reasons: d.reasons.map((r) => presentReason(r, forStaff, locale)),
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
    events: (forStaff ? events : applicantEvents(events, app)).map(({ seq, at, type, actor, detail }) => ({
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
