/**
 * The applicant's own changes before a decision: a draft saved step by step, a returned application corrected
 * and answered, and either withdrawn. Only the owner, only while draft or returned (shared/lifecycle.ts).
 */
import { conflict, DomainError, invalid, notFound } from '../../../shared/errors.js';
import type { UpdateApplicationInput } from '../../../shared/schemas/application.js';
import type { ApplicationRecord } from '../../../shared/types.js';
import { loadVisible, requireApplicant } from '../access.js';
import type { Deps, Principal } from '../ports.js';
import { transitionOrConflict } from '../transition.js';
import { checkApplicationInput } from './create-application.js';

const EDITABLE: ApplicationRecord['status'][] = ['draft', 'returned'];

/** The caller's own application; anyone else's is not there at all (404, as for reading it). */
async function loadOwnEditable(deps: Deps, p: Principal, id: string): Promise<ApplicationRecord> {
  requireApplicant(p);
  const app = await loadVisible(deps, p, id);
  if (app.ownerId !== p.sub) throw notFound();
  if (!EDITABLE.includes(app.status)) {
    throw new DomainError('not-editable', `This application is ${app.status}: only a draft or a returned application can be changed.`, 409);
  }
  return app;
}

/** Top-level field paths whose values differ (what the event records as changed). */
function changedPaths(before: ApplicationRecord, after: Pick<ApplicationRecord, 'enterprise' | 'loan' | 'consents'>): string[] {
  const paths: string[] = [];
  const walk = (a: unknown, b: unknown, path: string) => {
    if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
      for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) walk((a as any)[k], (b as any)[k], path ? `${path}.${k}` : k);
    } else if (JSON.stringify(a) !== JSON.stringify(b)) {
      paths.push(path);
    }
  };
  walk({ enterprise: before.enterprise, loan: before.loan }, { enterprise: after.enterprise, loan: after.loan }, '');
  if (after.consents !== undefined && JSON.stringify(before.consents ?? null) !== JSON.stringify(after.consents)) paths.push('consents');
  return paths;
}

/**
 * Saves the whole form over a draft or a returned application, with every check a new one gets. The same body
 * again changes nothing (no new version, no event); a stale `version` is 409 changed-meanwhile.
 */
export async function updateApplication(deps: Deps, p: Principal, id: string, input: UpdateApplicationInput): Promise<ApplicationRecord> {
  const app = await loadOwnEditable(deps, p, id);
  if (input.version !== undefined && input.version !== app.version) {
    throw conflict('changed-meanwhile', 'This application was changed elsewhere (another tab or device) since you opened it; reload to see the saved version.');
  }
  if (input.enterprise.creditCode.toUpperCase() !== app.enterprise.creditCode) {
    const message = 'An application stays with its enterprise; start a new application for another one.';
    throw invalid(message, { 'enterprise.creditCode': message }, 'enterprise-fixed');
  }
  const { version: _version, reply, ...form } = input;
  const { checked, bankCheck, typedName } = await checkApplicationInput(deps, p, form);
  const next = { enterprise: checked.enterprise, loan: checked.loan, consents: checked.consents ?? app.consents };
  const changed = changedPaths(app, next);
  if (reply && app.status !== 'returned') {
    throw invalid('Only a returned application has a question from the bank to answer.', { reply: 'There is nothing to answer on a draft.' });
  }
  if (!changed.length && !reply) return app;

  const returned = app.status === 'returned';
  return transitionOrConflict(deps, app, p, { patch: { ...next, bankCheck } }, [{
    type: returned ? 'application-corrected' : 'draft-saved',
    actor: p.username,
    // The reply is the applicant's answer to the reviewer's return note: staff read it in the timeline.
    detail: {
      fields: changed, ...(reply ? { comment: reply } : {}), discrepancies: bankCheck.discrepancies.map((d) => d.field),
      // As on creation: a typed name other than the registry's is noted, the record keeps the registry's.
      ...(typedName !== undefined ? { typedName } : {}),
    },
  }]);
}

/** The applicant withdraws a draft or a returned application; it stays on record, final. A repeat answers the same. */
export async function withdrawApplication(deps: Deps, p: Principal, id: string, reason?: string): Promise<ApplicationRecord> {
  requireApplicant(p);
  const current = await loadVisible(deps, p, id);
  if (current.ownerId !== p.sub) throw notFound();
  if (current.status === 'withdrawn') return current;
  const app = await loadOwnEditable(deps, p, id);
  return transitionOrConflict(deps, app, p, { status: 'withdrawn', patch: {} }, [
    { type: 'withdrawn', actor: p.username, ...(reason ? { detail: { comment: reason } } : {}) },
  ]);
}
