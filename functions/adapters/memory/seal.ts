/** The seal in memory: the same P12 signer as the local stack's, with a certificate made on first use and never written to disk. */
import type { SealPort } from '../../core/ports.js';

export class MemorySeal implements SealPort {
  private inner?: Promise<SealPort>;

  seal(pdf: Uint8Array, meta: Parameters<SealPort['seal']>[1]) {
    // Imported on first use, as wiring's seal is, so nothing else carries node-forge.
    this.inner ??= import('../seal/p12-seal.js').then(({ SecretP12Seal, createSelfSignedSealP12 }) => {
      const passphrase = 'memory-seal';
      return new SecretP12Seal(createSelfSignedSealP12(passphrase), passphrase);
    });
    return this.inner.then((s) => s.seal(pdf, meta));
  }
}
