/**
 * Contract workflow, after the borrower signs: draws the signature recorded at signing into the generated
 * contract and stores the signed PDF, completing the trail's `signed` step with the hash after. The API
 * records the signature and the code check only, so it never loads the PDF code.
 */
import type { BorrowerSigning } from '../adapters/pdf/contract-pdf.js';
import { applyBorrowerSignature } from '../adapters/pdf/contract-pdf.js';
import { sha256 } from '../core/sha256.js';
import { transition } from '../core/transition.js';
import { defineTask, PermanentError } from './define-task.js';
import { lambdaHandler } from './lambda-handler.js';
import { warmPdf } from './contract-document.js';
import { loadSigned, readContract, written } from './load.js';

export const task = defineTask({
  name: 'ApplySignature',
  warm: warmPdf,
  async run(deps, input: { applicationId: string }): Promise<{ sha256: string }> {
    const app = await loadSigned(deps, input.applicationId);
    const c = app.contract;
    if (c.signedKey) return { sha256: c.signedSha256! };
    if (!c.signature) throw new PermanentError(`Application ${app.id} has no recorded signature.`);
    const [generated, given] = await Promise.all([readContract(deps, c.generatedKey), readContract(deps, c.signature.key)]);
    if (sha256(generated) !== c.signedOverSha256) throw new PermanentError('The stored contract is not the one the borrower signed.');
    const { signature, signer } = JSON.parse(new TextDecoder().decode(given)) as Pick<BorrowerSigning, 'signature' | 'signer'>;
    const { at, ip, userAgent } = c.signature;
    const signed = await applyBorrowerSignature(generated, { signature, signer, at, ip, userAgent });
    const signedSha256 = sha256(signed);
    const signedKey = `contracts/${app.id}/signed.pdf`;
    await deps.contracts.write(signedKey, signed, 'application/pdf');
    // The borrower's step keeps its time and origin; the document it produced is known only now.
    const trail = c.trail.map((s) => (s.step === 'signed' && !s.sha256After ? { ...s, sha256After: signedSha256 } : s));
    written(await transition(deps, app, 'system', { patch: { contract: { ...c, signedKey, signedSha256, trail } } },
      [{ type: 'contract-signature-applied', actor: 'system', detail: { sha256: signedSha256 } }]));
    return { sha256: signedSha256 };
  },
});

export const handler = lambdaHandler(task);
