/**
 * The one subscriber to status changes: transition() and transitionLoan() call it after each write that changed a
 * status, so every change the lifecycle allows tells the applicant (shared/status-notice.ts), whichever use case or
 * workflow task caused it. Only the write that won the version check gets here, so a retried or raced task cannot
 * send a change's notice twice. A failed send is logged, not thrown: the change is already stored, and failing the
 * caller would only make it retry a change that is done.
 */
import type { LoanStatus } from '../../shared/lifecycle.js';
import type { ApplicationStatus } from '../../shared/schemas/application.js';
import type { LoanRecord } from '../../shared/servicing/loan.js';
import { applicationNotice, loanNotice, type StatusNotice } from '../../shared/status-notice.js';
import type { ApplicationRecord } from '../../shared/types.js';
import type { Deps } from './ports.js';

async function deliver(deps: Pick<Deps, 'notifier'>, to: string, notice: StatusNotice, subject: string) {
  try {
    await deps.notifier.send(to, notice);
  } catch (err) {
    console.error(JSON.stringify({ level: 'error', notice: 'status-notice-failed', kind: notice.kind, subject, error: (err as Error).name || 'Error' }));
  }
}

export async function noticeApplicationChange(deps: Pick<Deps, 'notifier'>, from: ApplicationStatus, next: ApplicationRecord) {
  const notice = applicationNotice(from, next.status, {
    enterpriseName: next.enterprise.name, amount: next.loan.amount, returnNote: next.returnNote, contractNo: next.contract?.contractNo,
  });
  if (notice) await deliver(deps, next.ownerUsername ?? next.ownerId, notice, next.id);
}

export async function noticeLoanChange(deps: Pick<Deps, 'notifier'>, from: LoanStatus, next: LoanRecord) {
  const notice = loanNotice(from, next.status, { contractNo: next.contractNo, borrower: next.borrower.name });
  if (notice) await deliver(deps, next.ownerUsername ?? next.ownerId, notice, next.id);
}
