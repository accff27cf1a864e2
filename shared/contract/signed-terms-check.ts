/**
 * The loan centre's automatic check before the seal: the borrower signed exactly the document
 * generated from the terms that were approved. Hashing happens outside (shared/ stays pure); this
 * compares what was recorded at each step.
 */
import { contractTerms, type ContractModel } from './contract-model.js';

export interface GeneratedContractRecord {
  /** contractTerms() of the model the PDF was rendered from, stored at generation. */
  terms: string;
  /** SHA-256 (hex) of the PDF as generated. */
  sha256: string;
}

export interface SignedContractRecord {
  /** SHA-256 of the document the borrower was shown and signed over (the audit trail's "before" of signing). */
  signedOverSha256: string;
  /** SHA-256 of the signed PDF as stored. */
  sha256: string;
}

export interface TermsFinding {
  code: 'terms-changed' | 'signed-other-document' | 'signed-document-altered';
  message: string;
}

export interface TermsCheck {
  ok: boolean;
  findings: TermsFinding[];
}

/**
 * `approved` is rebuilt now from the approved application and offer (same contract number and
 * generation date); `storedSignedSha256` is the hash of the signed PDF read back from storage.
 */
export function checkSignedMatchesApproved(input: {
  approved: ContractModel;
  generated: GeneratedContractRecord;
  signed: SignedContractRecord;
  storedSignedSha256: string;
}): TermsCheck {
  const findings: TermsFinding[] = [];
  if (contractTerms(input.approved) !== input.generated.terms) {
    findings.push({ code: 'terms-changed', message: '合同条款与审批结果不一致 (the generated contract\'s terms differ from the approved terms).' });
  }
  if (input.signed.signedOverSha256.toLowerCase() !== input.generated.sha256.toLowerCase()) {
    findings.push({ code: 'signed-other-document', message: '借款人签署的文件不是系统生成的合同 (the borrower signed a document other than the one generated).' });
  }
  if (input.storedSignedSha256.toLowerCase() !== input.signed.sha256.toLowerCase()) {
    findings.push({ code: 'signed-document-altered', message: '已签署文件在签署后被修改 (the signed document changed after signing).' });
  }
  return { ok: findings.length === 0, findings };
}
