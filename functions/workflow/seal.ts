/** Contract workflow: appends the audit certificate page and applies the bank's digital signature. */
import { BANK } from '../../shared/contract/bank.js';
import { appendAuditPage, applyLenderSeal } from '../adapters/pdf/contract-pdf.js';
import { sha256 } from '../core/sha256.js';
import { transition } from '../core/transition.js';
import { defineTask } from './define-task.js';
import { lambdaHandler } from './lambda-handler.js';
import { warmPdf } from './contract-document.js';
import { loadSigned, readContract, written } from './load.js';

export const task = defineTask({
  name: 'Seal',
  warm: warmPdf,
  async run(deps, input: { applicationId: string }): Promise<{ sha256?: string }> {
    const app = await loadSigned(deps, input.applicationId);
    const c = app.contract;
    if (c.sealedKey) return { sha256: c.sealedSha256 };
    const at = deps.clock.now();
    const signed = await readContract(deps, c.signedKey!);
    const sealStep = { step: 'sealed' as const, at: at.toISOString(), actor: BANK.nameZh, sha256Before: sha256(signed), note: '本页之后的数字签名覆盖全文 / the digital signature covers the whole document' };
    // The visible seal and its date go in the lender's box first, so the digital signature covers them too.
    const stamped = await applyLenderSeal(signed, { name: BANK.nameZh, use: '合同专用章', at: sealStep.at });
    const withAudit = await appendAuditPage(stamped, [...c.trail, sealStep]);
    const sealed = await deps.seal.seal(withAudit, { reason: '借款合同电子印章', location: BANK.address, name: BANK.nameZh, signingTime: at });
    const sealedSha256 = sha256(sealed);
    const sealedKey = `contracts/${app.id}/sealed.pdf`;
    await deps.contracts.write(sealedKey, sealed, 'application/pdf');
    written(await transition(deps, app, 'bank', { patch: { contract: { ...c, sealedKey, sealedSha256, trail: [...c.trail, { ...sealStep, sha256After: sealedSha256 }] } } },
      [{ type: 'contract-sealed', actor: 'bank', detail: { sha256: sealedSha256 } }]));
    return { sha256: sealedSha256 };
  },
});

export const handler = lambdaHandler(task);
