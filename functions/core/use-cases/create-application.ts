import { sha256 } from '../sha256.js';
import { productOf } from '../../../shared/bank-config.js';
import { consentProblems } from '../../../shared/consents.js';
import { compareDeclared, confirmLabels, registeredDivisionProblem, verifiedEnterprise } from '../../../shared/enterprise.js';
import { conflict, DomainError, invalid } from '../../../shared/errors.js';
import { checkLoanAgainstProduct } from '../../../shared/products.js';
import { divisionForEnterprise, routeToBranch } from '../../../shared/routing.js';
import type { CreateApplicationInput } from '../../../shared/schemas/application.js';
import type { ApplicationEnterprise, ApplicationRecord } from '../../../shared/types.js';
import { requireApplicant } from '../access.js';
import type { Deps, Principal } from '../ports.js';
import { requireVerified } from './enterprises.js';

/**
 * Every check of the form's content that needs the bank's data (verified representation, the registry, the
 * configuration in force, the service area), shared by creating a draft and by saving or correcting it: checks
 * that would otherwise surprise the applicant later are made now, so bad requests get a 422 and nothing is written.
 * Returns the input with the registry's name, code and legal representative and only the confirmed labels, the name
 * typed when it differs (for the audit trail), and the comparison with the bank's data.
 */
export async function checkApplicationInput(deps: Deps, p: Principal, input: CreateApplicationInput) {
  // Only for an enterprise this account has been verified to represent (DESIGN.md §7.1).
  await requireVerified(deps, p, input.enterprise.creditCode, 'enterprise.creditCode');
  const divisionProblem = registeredDivisionProblem(input.enterprise.creditCode, input.enterprise.registeredDivision);
  if (divisionProblem) throw invalid(divisionProblem, { 'enterprise.registeredDivision': divisionProblem }, 'registered-division-mismatch');
  const facts = await deps.registry.lookup(input.enterprise.creditCode);
  if (!facts) throw new DomainError('enterprise-not-found', 'The enterprise registry no longer has this credit code.', 404, { 'enterprise.creditCode': 'Not in the registry.' });
  // Only labels a government list confirms count, for the product's eligibility as for the decision.
  const labels = confirmLabels(input.enterprise.labels, facts);
  // The party is the enterprise verified, not what was typed: the name flows into the decision, contract and staff view.
  const verified = verifiedEnterprise(input.enterprise, facts);
  const checked: CreateApplicationInput & { enterprise: ApplicationEnterprise } = { ...input, enterprise: { ...verified.enterprise, labels: labels.confirmed } };
  // The schema knows calendars, not today: an enterprise cannot have been established in the future.
  const today = deps.clock.now().toISOString().slice(0, 10);
  if (input.enterprise.establishedOn > today) {
    throw invalid('The establishment date is in the future.', { 'enterprise.establishedOn': `Enter a date on or before ${today}.` });
  }
  // DESIGN.md §6's body has no consents, so a request without them stays valid (recorded as such);
  // when they are given, every required one must be there at the wording in force.
  const consentIssues = input.consents ? consentProblems(input.consents) : null;
  if (consentIssues) throw invalid(`Agree to the required consents: ${Object.keys(consentIssues).join(', ')}.`, consentIssues);
  const config = await deps.bankConfig.inForce(deps.clock.now());
  const productIssues = checkLoanAgainstProduct(checked, productOf(config, input.loan.product));
  if (productIssues) throw invalid('The loan request does not fit the product.', productIssues, 'loan-out-of-bounds');

  const division = divisionForEnterprise(input.enterprise);
  const route = routeToBranch({ divisionCode: division, branches: config.branches });
  if (!route.ok) {
    const field = input.enterprise.registeredDivision ? 'enterprise.registeredDivision' : 'enterprise.creditCode';
    throw invalid(route.message, { [field]: route.message }, 'outside-service-area').withParams(route.params);
  }
  const now = deps.clock.now().toISOString();
  const bankCheck: NonNullable<ApplicationRecord['bankCheck']> = {
    discrepancies: compareDeclared(input.enterprise, facts),
    unconfirmedLabels: labels.unconfirmed,
    declaredLabels: input.enterprise.labels,
    checkedAt: now,
  };
  return { checked, bankCheck, typedName: verified.typedName };
}

/** Creates a draft application (every check of checkApplicationInput first). */
export async function createApplication(
  deps: Deps,
  p: Principal,
  input: CreateApplicationInput,
  idempotencyKey?: string,
): Promise<{ app: ApplicationRecord; replayed: boolean }> {
  requireApplicant(p);
  const { checked, bankCheck, typedName } = await checkApplicationInput(deps, p, input);
  const labels = { unconfirmed: bankCheck.unconfirmedLabels };

  const now = deps.clock.now().toISOString();
  const app: ApplicationRecord = {
    ...checked,
    id: deps.newId(),
    ownerId: p.sub,
    ownerUsername: p.username,
    status: 'draft',
    version: 1,
    createdAt: now,
    updatedAt: now,
    decision: null,
    bankCheck,
  };
  const idem = idempotencyKey
    ? { key: idempotencyKey, bodyHash: sha256(JSON.stringify(input)) }
    : undefined;
  const result = await deps.applications.create(app, idem, {
    type: 'created', actor: p.username,
    detail: {
      consents: input.consents ?? [], consentsGiven: input.consents !== undefined,
      discrepancies: app.bankCheck!.discrepancies.map((d) => d.field), unconfirmedLabels: labels.unconfirmed,
      // What the applicant typed, when not the registry's name: kept for the audit trail, never as the party.
      ...(typedName !== undefined ? { typedName } : {}),
    },
  });
  if ('conflict' in result) {
    throw conflict('idempotency-key-reused', 'This Idempotency-Key was already used with a different application. Use a new key for a new application.');
  }
  return result;
}
