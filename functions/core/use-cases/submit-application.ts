import { DomainError, invalid } from '../../../shared/errors.js';
import type { DocumentKind } from '../../../shared/catalog.js';
import { DOCUMENT_NAMES } from '../../../shared/reasons.js';
import { missingDocuments as missingRequired } from '../../../shared/approval.js';
import { productOf, SEED_CONFIG, type BankConfig } from '../../../shared/bank-config.js';
import type { ApplicationRecord, DocumentRecord } from '../../../shared/types.js';
import { loadOwn } from '../access.js';
import type { Deps, Principal } from '../ports.js';
import { transition } from '../transition.js';

/** The product's required documents not verified yet, under the configuration in force (the seed's when none is given). */
export function missingDocuments(app: ApplicationRecord, docs: DocumentRecord[], config: BankConfig = SEED_CONFIG): string[] {
  const verified = docs.filter((d) => d.status === 'verified').map((d) => d.kind);
  return missingRequired(productOf(config, app.loan.product).requiredDocuments, verified);
}

/** Submits for a decision. A replay of a submit that already went through returns the current state. */
export async function submitApplication(deps: Deps, p: Principal, appId: string): Promise<ApplicationRecord> {
  const app = await loadOwn(deps, p, appId);
  if (app.status !== 'draft' && app.status !== 'returned') {
    if (app.submittedAt) return app;
    throw new DomainError('not-submittable', `This application is ${app.status} and cannot be submitted.`, 409).withParams({ status: app.status });
  }
  const [docs, config] = await Promise.all([deps.documentRecords.listDocuments(app.id), deps.bankConfig.inForce(deps.clock.now())]);
  const missing = missingDocuments(app, docs, config);
  if (missing.length) {
    const fields = Object.fromEntries(missing.map((k) => [`documents.${k}`, `Upload and verify the ${k} document before submitting.`]));
    throw invalid(`Missing core documents: ${missing.map((k) => DOCUMENT_NAMES[k as DocumentKind]?.en ?? k).join(', ')}.`, fields, 'missing-documents').withParams({ missing });
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
