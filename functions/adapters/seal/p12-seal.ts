/**
 * SealPort adapters over a P12: SecretP12Seal takes the bytes and passphrase the caller loaded
 * (in AWS from Secrets Manager, so no SDK here); LocalP12Seal makes the bank's self-signed
 * certificate on first use and keeps it under <dataDir>/seal/ so restarts reuse it.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import forge from 'node-forge';
import { BANK } from '../../../shared/contract/bank.js';
import { P12SealSigner } from './p12-signer.js';
import { signPdf } from './pdf-signature.js';
import type { SealMeta, SealPort } from './seal-port.js';

export class SecretP12Seal implements SealPort {
  private readonly signer: P12SealSigner;

  constructor(p12: Uint8Array, passphrase: string) {
    this.signer = P12SealSigner.fromP12(p12, passphrase);
  }

  /** The sealing certificate's subject, e.g. for the staff console. */
  get subject(): Record<string, string> {
    return Object.fromEntries(this.signer.certificate.subject.attributes.map((a) => [a.shortName ?? a.name ?? a.type, forge.util.decodeUtf8(String(a.value))]));
  }

  get certificatePem(): string {
    return forge.pki.certificateToPem(this.signer.certificate);
  }

  seal(pdf: Uint8Array, meta: SealMeta): Promise<Uint8Array> {
    return signPdf(pdf, this.signer, meta);
  }
}

const utf8 = forge.asn1.Type.UTF8;

/** The bank's certificate subject: CN and O are its Chinese legal name (UTF8String, as GB/T 20518 certificates carry it). */
export const BANK_SUBJECT: forge.pki.CertificateField[] = [
  { shortName: 'C', value: 'CN' },
  { shortName: 'ST', value: '河南省', valueTagClass: utf8 },
  { shortName: 'L', value: '郑州市', valueTagClass: utf8 },
  { shortName: 'O', value: BANK.nameZh, valueTagClass: utf8 },
  { shortName: 'OU', value: BANK.sealUnitZh, valueTagClass: utf8 },
  { shortName: 'CN', value: BANK.nameZh, valueTagClass: utf8 },
] as forge.pki.CertificateField[];

/** A self-signed document-signing certificate for the local stack, as P12 bytes. */
export function createSelfSignedSealP12(passphrase: string, now = new Date()): Uint8Array {
  // Node makes the RSA key in milliseconds; forge's pure-JS generator takes seconds.
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  // Positive serial: a leading byte below 0x80.
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = new Date(now.getTime() - 24 * 3600_000);
  cert.validity.notAfter = new Date(now.getTime() + 10 * 365 * 24 * 3600_000);
  cert.setSubject(BANK_SUBJECT);
  cert.setIssuer(BANK_SUBJECT);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', critical: true, digitalSignature: true, nonRepudiation: true },
    // Microsoft/Adobe document signing.
    { name: 'extKeyUsage', '1.3.6.1.4.1.311.10.3.12': true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(key, forge.md.sha256.create());
  const p12 = forge.pkcs12.toPkcs12Asn1(key, [cert], passphrase, { algorithm: '3des', friendlyName: 'bank-seal' });
  return new Uint8Array(Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary'));
}

export class LocalP12Seal implements SealPort {
  private constructor(private readonly inner: SecretP12Seal, readonly p12Path: string) {}

  /** Reads <dataDir>/seal/bank-seal.p12 (and its passphrase file), creating both on first use. */
  static async fromDataDir(dataDir: string, now = new Date(), attempt = 0): Promise<LocalP12Seal> {
    const dir = join(dataDir, 'seal');
    const p12Path = join(dir, 'bank-seal.p12');
    const passPath = join(dir, 'bank-seal.passphrase');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    try {
      return new LocalP12Seal(new SecretP12Seal(await readFile(p12Path), (await readFile(passPath, 'utf8')).trim()), p12Path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      // The passphrase exists but the P12 not yet: another start is half-way through creating them.
      if (attempt > 0 && attempt < 20) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        return LocalP12Seal.fromDataDir(dataDir, now, attempt + 1);
      }
    }
    const passphrase = randomBytes(18).toString('base64url');
    const p12 = createSelfSignedSealP12(passphrase, now);
    // 'wx' on both: if another start is creating the seal, keep its certificate rather than replacing it.
    try {
      await writeFile(passPath, passphrase, { mode: 0o600, flag: 'wx' });
      await writeFile(p12Path, p12, { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 20) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100));
      return LocalP12Seal.fromDataDir(dataDir, now, attempt + 1);
    }
    return new LocalP12Seal(new SecretP12Seal(p12, passphrase), p12Path);
  }

  get subject(): Record<string, string> {
    return this.inner.subject;
  }

  get certificatePem(): string {
    return this.inner.certificatePem;
  }

  seal(pdf: Uint8Array, meta: SealMeta): Promise<Uint8Array> {
    return this.inner.seal(pdf, meta);
  }
}
