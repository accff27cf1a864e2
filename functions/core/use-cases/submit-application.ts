import { DomainError, invalid } from '../../../shared/errors.js';
import { missingDocuments as missingRequired } from '../../../shared/approval.js';
import { PRODUCT_CONFIG } from '../../../shared/products.js';
import type { ApplicationRecord, DocumentRecord } from '../../../shared/types.js';
import { loadOwn } from '../access.js';
import type { Deps, Principal } from '../ports.js';
import { transition } from '../transition.js';

export function missingDocuments(app: ApplicationRecord, docs: DocumentRecord[]): string[] {
  const verified = docs.filter((d) => d.status === 'verified').map((d) => d.kind);
  return missingRequired(PRODUCT_CONFIG[app.loan.product].requiredDocuments, verified);
}

/** Submits for a decision. A replay of a submit that already went through returns the current state. */
export async function submitApplication(deps: Deps, p: Principal, appId: string): Promise<ApplicationRecord> {
  const app = await loadOwn(deps, p, appId);
  if (app.status !== 'draft' && app.status !== 'returned') {
    if (app.submittedAt) return app;
    throw new DomainError('not-submittable', `This application is ${app.status} and cannot be submitted.`, 409);
  }
  const missing = missingDocuments(app, await deps.documentRecords.listDocuments(app.id));
  if (missing.length) {
    const fields = Object.fromEntries(missing.map((k) => [`documents.${k}`, `Upload and verify the ${k} document before submitting.`]));
    throw invalid(`Missing core documents: ${missing.join(', ')}.`, fields, 'missing-documents');
  }
  const next = await transition(deps, app, p, { status: 'submitted', patch: (at) => ({ submittedAt: at, decision: null, review: undefined }) },
    [{ type: 'submitted', actor: p.username }], { inflight: 'decision' });
  if (!next) {
    // A concurrent submit won the race; its result is ours too.
    const current = await deps.applications.get(app.id);
    if (current?.submittedAt) return current;
    throw new DomainError('conflict', 'The application changed while submitting; try again.', 409);
  }
  await deps.workflow.start('decision', app.id, `${app.id}-v${next.version}`);
  return next;
}
