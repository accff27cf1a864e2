/**
 * The contract workflow's tasks (infra/workflows/contract-signing.asl.json). Each checks the stored state
 * first, so a re-driven run skips what is done; disbursement is idempotent in the core-banking port too.
 * The seal step lives in contract-seal.ts: it alone needs the PDF code, which would triple these bundles.
 */
import { checkSignedMatchesApproved } from '../../shared/contract/signed-terms-check.js';
import { contractModelFor, contractTerms } from '../../shared/contract/contract-model.js';
import type { ApplicationRecord } from '../../shared/types.js';
import type { Deps } from '../core/ports.js';
import { sha256 } from '../core/sha256.js';
import { PermanentError } from './tasks.js';

export async function loadSigned(deps: Deps, applicationId: string) {
  const app = await deps.applications.get(applicationId);
  if (!app?.contract?.signedKey) throw new PermanentError(`Application ${applicationId} has no signed contract.`);
  return app as ApplicationRecord & { contract: NonNullable<ApplicationRecord['contract']> };
}

export async function readContract(deps: Deps, key: string) {
  const stored = await deps.contracts.read(key, 50 * 1024 * 1024);
  if (!stored) throw new Error(`contract object ${key} is not readable yet`);
  return stored.bytes;
}

export async function saveStep(deps: Deps, next: ApplicationRecord, events: { type: string; actor: string; detail?: Record<string, unknown> }[], inflight?: 'clear') {
  if (!(await deps.applications.update(next, events, inflight ? { inflight } : {}))) {
    throw new Error('the application changed during the step; retrying');
  }
}

export async function loanCentreReview(deps: Deps, input: { applicationId: string }) {
  const app = await loadSigned(deps, input.applicationId);
  const c = app.contract;
  if (c.reviewedAt) return { ok: true };
  const signed = await readContract(deps, c.signedKey!);
  const approved = contractModelFor(app, c);
  const check = checkSignedMatchesApproved({
    approved,
    generated: { terms: c.terms, sha256: c.generatedSha256 },
    signed: { signedOverSha256: c.signedOverSha256!, sha256: c.signedSha256! },
    storedSignedSha256: sha256(signed),
  });
  const at = deps.clock.now().toISOString();
  if (!check.ok) {
    await deps.applications.update({ ...app, version: app.version + 1, updatedAt: at },
      [{ type: 'contract-review-failed', actor: 'loan-centre', detail: { findings: check.findings } }], { inflight: 'clear' });
    throw new PermanentError(check.findings.map((f) => f.message).join(' '));
  }
  const step = { step: 'reviewed' as const, at, actor: '贷款中心（自动审核）loan centre, automatic', sha256Before: c.signedSha256, sha256After: c.signedSha256, note: `terms ${sha256(contractTerms(approved)).slice(0, 16)}…` };
  await saveStep(deps, { ...app, version: app.version + 1, updatedAt: at, contract: { ...c, reviewedAt: at, trail: [...c.trail, step] } },
    [{ type: 'contract-reviewed', actor: 'loan-centre', detail: { ok: true } }]);
  return { ok: true };
}

export async function disburse(deps: Deps, input: { applicationId: string }) {
  const app = await loadSigned(deps, input.applicationId);
  if (app.status === 'active') return { transactionId: app.contract.disbursement?.transactionId, replayed: true };
  if (!app.contract.sealedKey) throw new PermanentError('A contract is disbursed only after it is sealed.');
  const payment = await deps.coreBanking.disburse({ applicationId: app.id, amount: app.loan.amount, account: `${app.enterprise.creditCode} basic account` });
  const at = deps.clock.now().toISOString();
  await saveStep(deps, {
    ...app, status: 'active', version: app.version + 1, updatedAt: at,
    contract: { ...app.contract, disbursement: { transactionId: payment.transactionId, at: payment.at, amount: payment.amount } },
  }, [{ type: 'disbursed', actor: 'core-banking', detail: { transactionId: payment.transactionId, amount: payment.amount } }], 'clear');
  await deps.notifier.send(app.ownerUsername ?? app.ownerId, {
    kind: 'disbursed', subject: '贷款已发放 / Loan disbursed',
    body: `合同 ${app.contract.contractNo} 项下贷款已发放至贵司账户。The loan under contract ${app.contract.contractNo} has been paid to your account.`,
  });
  return { transactionId: payment.transactionId, replayed: payment.replayed };
}
