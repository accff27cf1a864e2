/** Contract workflow: the signed document must be the one generated from the approved terms. */
import { checkSignedMatchesApproved } from '../../shared/contract/signed-terms-check.js';
import { contractModelFor, contractTerms } from '../../shared/contract/contract-model.js';
import { sha256 } from '../core/sha256.js';
import { transition } from '../core/transition.js';
import { defineTask, PermanentError } from './define-task.js';
import { lambdaHandler } from './lambda-handler.js';
import { loadSigned, readContract, written } from './load.js';

export const task = defineTask({
  name: 'LoanCentreReview',
  async run(deps, input: { applicationId: string }): Promise<{ ok: boolean }> {
    const app = await loadSigned(deps, input.applicationId);
    const c = app.contract;
    if (c.reviewedAt) return { ok: true };
    if (!c.signedKey) throw new PermanentError('The signature is not applied to the contract yet.');
    const signed = await readContract(deps, c.signedKey);
    const approved = contractModelFor(app, c);
    const check = checkSignedMatchesApproved({
      approved,
      generated: { terms: c.terms, sha256: c.generatedSha256 },
      signed: { signedOverSha256: c.signedOverSha256!, sha256: c.signedSha256! },
      storedSignedSha256: sha256(signed),
    });
    if (!check.ok) {
      await transition(deps, app, 'loan-centre', {}, [{ type: 'contract-review-failed', actor: 'loan-centre', detail: { findings: check.findings } }], { inflight: 'clear' });
      throw new PermanentError(check.findings.map((f) => f.message).join(' '));
    }
    const note = `terms ${sha256(contractTerms(approved)).slice(0, 16)}…`;
    written(await transition(deps, app, 'loan-centre', {
      patch: (at) => ({
        contract: { ...c, reviewedAt: at, trail: [...c.trail, { step: 'reviewed' as const, at, actor: '贷款中心（自动审核）loan centre, automatic', sha256Before: c.signedSha256, sha256After: c.signedSha256, note }] },
      }),
    }, [{ type: 'contract-reviewed', actor: 'loan-centre', detail: { ok: true } }]));
    return { ok: true };
  },
});

export const handler = lambdaHandler(task);
