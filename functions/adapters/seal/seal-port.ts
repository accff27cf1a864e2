/**
 * The bank's seal: a PDF digital signature made with the bank's certificate. Locally the key is a
 * P12 generated on first start and kept with the data; in AWS the caller loads it from Secrets
 * Manager (or a KMS-backed signer can stand behind the same port).
 */
export interface SealMeta {
  /** Why the document is signed, e.g. 贷款合同电子印章. */
  reason: string;
  location: string;
  /** The signer's name as the signature dictionary shows it (the bank's legal name). */
  name: string;
  /** Signing time; defaults to now. Pass the use case's clock for reproducible tests. */
  signingTime?: Date;
}

export interface SealPort {
  /** Returns the PDF with the bank's digital signature covering every byte except the signature itself. */
  seal(pdf: Uint8Array, meta: SealMeta): Promise<Uint8Array>;
}
