/**
 * The one way an application record changes: checked against the lifecycle table (shared/lifecycle.ts),
 * versioned, stamped from the clock, and written with its events in one version-conditional write.
 */
import { DomainError, conflict } from '../../shared/errors.js';
import { APPLICATION_LIFECYCLE, LOAN_LIFECYCLE, checkChange, type Cause, type LoanStatus, type SystemActor } from '../../shared/lifecycle.js';
import { isRole } from '../../shared/roles.js';
import type { ApplicationStatus } from '../../shared/schemas/application.js';
import type { LoanRecord } from '../../shared/servicing/loan.js';
import type { ApplicationRecord } from '../../shared/types.js';
import type { Deps, NewEvent, Principal, WorkflowKind } from './ports.js';
import { noticeApplicationChange, noticeLoanChange } from './status-notices.js';

/** A signed-in person, or a part of the system acting on its own. */
export type Actor = Principal | SystemActor;

/** What the caller may change; status, version and updatedAt are transition()'s. */
export type Patch = Omit<Partial<ApplicationRecord>, 'id' | 'ownerId' | 'createdAt' | 'status' | 'version' | 'updatedAt'>;

export interface Change {
  /** The new status; absent for a same-status update (a claim, a note, a contract trail step). */
  status?: ApplicationStatus;
  /** Fields to set (undefined clears one); a function gets the time the write is stamped with. */
  patch?: Patch | ((at: string) => Patch);
}

export interface TransitionOptions {
  inflight?: WorkflowKind | 'clear';
}

/** The roles the actor acts in on this record: `applicant` only on their own application. */
export function causesOf(actor: Actor, app: ApplicationRecord): Cause[] {
  if (typeof actor === 'string') return [actor];
  return actor.groups.filter(isRole).filter((r) => r !== 'applicant' || app.ownerId === actor.sub);
}

/** Throws 409 for a move the table does not have, 403 for an actor who may not cause it. */
export function assertAllowed(app: ApplicationRecord, actor: Actor, to: ApplicationStatus) {
  const verdict = checkChange(APPLICATION_LIFECYCLE, app.status, to, causesOf(actor, app));
  if (verdict.ok) return;
  throw (verdict.kind === 'illegal'
    ? new DomainError('illegal-transition', verdict.message, 409)
    : new DomainError('forbidden', verdict.message, 403)).withParams({ ...verdict.params, why: 'not-permitted' });
}

/**
 * Checks, builds and writes the next version of `app`. Returns it, or null when another write got there
 * first (nothing was written; the caller decides whether that is a conflict or someone else's success).
 */
export async function transition(
  deps: Deps, app: ApplicationRecord, actor: Actor, change: Change, events: NewEvent[], opts?: TransitionOptions,
): Promise<ApplicationRecord | null> {
  if (!events.length) throw new Error('transition() needs at least one event: every change is on the record.');
  const status = change.status ?? app.status;
  assertAllowed(app, actor, status);
  const at = deps.clock.now().toISOString();
  const patch = typeof change.patch === 'function' ? change.patch(at) : change.patch ?? {};
  const next: ApplicationRecord = { ...app, ...patch, status, version: app.version + 1, updatedAt: at };
  if (!(await deps.applications.update(next, events, opts))) return null;
  // The applicant hears of every status change, from the one write that made it.
  if (status !== app.status) await noticeApplicationChange(deps, app.status, next);
  return next;
}

/** transition() for callers to whom a lost race is the caller's to retry: 409 changed-meanwhile. */
export async function transitionOrConflict(
  deps: Deps, app: ApplicationRecord, actor: Actor, change: Change, events: NewEvent[], opts?: TransitionOptions,
): Promise<ApplicationRecord> {
  const next = await transition(deps, app, actor, change, events, opts);
  if (!next) throw conflict('changed-meanwhile', 'Someone else changed this application at the same moment; reload and try again.');
  return next;
}

/**
 * The one way a loan record changes (shared/lifecycle.ts LOAN_LIFECYCLE): checked, versioned, stamped and written
 * with one version-conditional write. Returns the new record, or null when another write got there first.
 */
export async function transitionLoan(
  deps: Deps, loan: LoanRecord, actor: Actor, change: { status?: LoanStatus; patch: Omit<Partial<LoanRecord>, 'id' | 'version' | 'status' | 'updatedAt'> },
): Promise<LoanRecord | null> {
  const status = change.status ?? loan.status;
  const causes: Cause[] = typeof actor === 'string' ? [actor] : actor.groups.filter(isRole).filter((r) => r !== 'applicant' || loan.ownerId === actor.sub);
  const verdict = checkChange(LOAN_LIFECYCLE, loan.status, status, causes);
  if (!verdict.ok) {
    throw (verdict.kind === 'illegal' ? new DomainError('illegal-transition', verdict.message, 409) : new DomainError('forbidden', verdict.message, 403)).withParams({ ...verdict.params, why: 'not-permitted' });
  }
  const next: LoanRecord = { ...loan, ...change.patch, status, version: loan.version + 1, updatedAt: deps.clock.now().toISOString() };
  if (!(await deps.loans.update(next))) return null;
  if (status !== loan.status) await noticeLoanChange(deps, loan.status, next);
  return next;
}
