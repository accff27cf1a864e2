/**
 * Object-level access, in one place and deny by default: who may see which application.
 * Anything a caller may not see is reported as not found, so ids cannot be probed.
 */
import { forbidden, notFound } from '../../shared/errors.js';
import { STAFF_ROLES, hasStaffRole } from '../../shared/roles.js';
import type { ApplicationRecord } from '../../shared/types.js';
import type { Deps, Principal } from './ports.js';

/** Kept under its old name for the API's import; the list itself is shared/roles.ts. */
export const STAFF_GROUPS = STAFF_ROLES;

export const isApplicant = (p: Principal) => p.groups.includes('applicant');
export const isHeadOffice = (p: Principal) => p.groups.includes('head-office');
export const isStaff = (p: Principal) => hasStaffRole(p.groups);

export function canSee(p: Principal, app: ApplicationRecord): boolean {
  if (app.ownerId === p.sub) return true;
  if (isHeadOffice(p) || p.groups.includes('committee')) return app.status !== 'draft';
  if (isStaff(p) && p.branch && app.branch?.code === p.branch) return true;
  return false;
}

export async function loadVisible(deps: Deps, p: Principal, id: string): Promise<ApplicationRecord> {
  const app = /^[A-Za-z0-9-]{1,64}$/.test(id) ? await deps.applications.get(id) : null;
  if (!app || !canSee(p, app)) throw notFound();
  return app;
}

/** The applicant's own application, for actions only its owner may take. */
export async function loadOwn(deps: Deps, p: Principal, id: string): Promise<ApplicationRecord> {
  const app = await loadVisible(deps, p, id);
  if (app.ownerId !== p.sub) throw forbidden('Only the applicant can do this.', { why: 'applicant-only' });
  return app;
}

export function requireApplicant(p: Principal) {
  if (!isApplicant(p)) throw forbidden('Only enterprise applicants can apply; staff work from the queue.', { why: 'apply-applicant-only' });
}

export function requireStaff(p: Principal) {
  if (!isStaff(p)) throw forbidden('This is for bank staff only.', { why: 'staff-only' });
}
