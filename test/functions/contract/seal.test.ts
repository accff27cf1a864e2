import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { P12Signer } from '@signpdf/signer-p12';
import { beforeAll, describe, expect, it } from 'vitest';
import { BANK } from '../../../shared/contract/bank.js';
import { appendAuditPage, applyBorrowerSignature, renderContractPdf } from '../../../functions/adapters/pdf/contract-pdf.js';
import { createSelfSignedSealP12, LocalP12Seal, SecretP12Seal } from '../../../functions/adapters/seal/p12-seal.js';
import { signPdf } from '../../../functions/adapters/seal/pdf-signature.js';
import { contractModel } from '../../../bench/support/contract-fixture.js';
import { pdfSig, pdfText } from './poppler.js';

const meta = { reason: '贷款合同电子印章', location: '河南省郑州市', name: BANK.nameZh, signingTime: new Date('2026-03-20T03:06:00.000Z') };

let audited: Uint8Array;
beforeAll(async () => {
  const signed = await applyBorrowerSignature(await renderContractPdf(contractModel()), {
    signature: { type: 'typed', text: '张伟' }, signer: '张伟', at: '2026-03-20T03:04:05.000Z', ip: '203.0.113.7', userAgent: 'test',
  });
  audited = await appendAuditPage(signed, [{ step: 'signed', at: '2026-03-20T03:04:05.000Z', actor: 'applicant', sha256After: 'f'.repeat(64) }]);
});

/** The signed byte ranges pdfsig reports, e.g. [0 - 93201], [101395 - 102815]. */
function signedRanges(report: string): [number, number][] {
  return [...report.matchAll(/\[(\d+) - (\d+)\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

describe('LocalP12Seal', () => {
  it('seals with a certificate whose subject is the bank\'s Chinese legal name, and pdfsig finds it valid', async () => {
    const seal = await LocalP12Seal.fromDataDir(mkdtempSync(join(tmpdir(), 'kedai-seal-')));
    const sealed = await seal.seal(audited, meta);
    const report = pdfSig(sealed);
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(report).toContain(`Signer Certificate Common Name: ${BANK.nameZh}`);
    expect(report).toContain(`O=${BANK.nameZh}`);
    expect(report).toContain('Total document signed');
    expect(seal.subject).toMatchObject({ CN: BANK.nameZh, O: BANK.nameZh, C: 'CN' });
    // Sealing keeps the content, audit page included.
    expect(pdfText(sealed)).toContain('电子签署审计证书');
  });

  it.each([
    ['early in the document', (r: [number, number][]) => Math.floor(r[0][1] / 3)],
    ['just before the signature', (r: [number, number][]) => r[0][1] - 1],
    ['after the signature', (r: [number, number][]) => r[1][0] + Math.floor((r[1][1] - r[1][0]) / 2)],
  ])('is invalid once one byte %s changes', async (_where, pick) => {
    const seal = await LocalP12Seal.fromDataDir(mkdtempSync(join(tmpdir(), 'kedai-seal-')));
    const sealed = await seal.seal(audited, meta);
    const ranges = signedRanges(pdfSig(sealed));
    expect(ranges).toHaveLength(2);
    const tampered = Uint8Array.from(sealed);
    const at = pick(ranges);
    // Swap a digit or letter for another of its kind, so the file still parses and only the content differs.
    tampered[at] = tampered[at] === 0x30 ? 0x31 : tampered[at] === 0x20 ? 0x0a : tampered[at] ^ 0x01;
    const report = pdfSig(tampered);
    expect(report).not.toContain('Signature is Valid');
    expect(report).toMatch(/Digest Mismatch|Signature is Invalid|invalid/i);
  });

  it('makes the certificate once and reuses it after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kedai-seal-'));
    const first = await LocalP12Seal.fromDataDir(dir);
    const again = await LocalP12Seal.fromDataDir(dir);
    expect(again.certificatePem).toBe(first.certificatePem);
    expect(readFileSync(join(dir, 'seal', 'bank-seal.p12')).length).toBeGreaterThan(1000);
  });
});

describe('SecretP12Seal', () => {
  it('seals with P12 bytes and passphrase handed in by the caller', async () => {
    const seal = new SecretP12Seal(createSelfSignedSealP12('s3cret-from-secrets-manager'), 's3cret-from-secrets-manager');
    expect(pdfSig(await seal.seal(audited, meta))).toContain('Signature is Valid.');
  });

  it('refuses a wrong passphrase', () => {
    expect(() => new SecretP12Seal(createSelfSignedSealP12('right'), 'wrong')).toThrow();
  });
});

describe('why the seal has its own signer', () => {
  it('the stock P12 signer yields an invalid signature for a Chinese certificate subject', async () => {
    const sealed = await signPdf(audited, new P12Signer(Buffer.from(createSelfSignedSealP12('pw')), { passphrase: 'pw' }), meta);
    expect(pdfSig(sealed)).not.toContain('Signature is Valid');
  });
});
