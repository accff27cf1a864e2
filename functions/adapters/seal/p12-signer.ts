/**
 * A PKCS#7 detached signer over a P12, like @signpdf/signer-p12 but parsing the P12 once and
 * handling a certificate whose issuer is Chinese. node-forge keeps parsed UTF8String attribute values
 * as UTF-8 bytes and encodes them to UTF-8 again when it writes the SignerInfo's issuer, so the
 * issuer no longer matches the certificate and verifiers (poppler's pdfsig) call the signature
 * invalid. Decoding the values first makes forge write them exactly once.
 */
import { constants, createPrivateKey, privateEncrypt, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { Signer } from '@signpdf/signpdf';

export interface SigningIdentity {
  key: forge.pki.rsa.PrivateKey;
  certificate: forge.pki.Certificate;
  chain: forge.pki.Certificate[];
}

/** Reads the key and its matching certificate (plus any chain) from P12 bytes. */
export function readP12(p12: Uint8Array, passphrase: string): SigningIdentity {
  const asn1 = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(p12).toString('binary')));
  const bundle = forge.pkcs12.pkcs12FromAsn1(asn1, false, passphrase);
  const keyBag = bundle.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag]?.[0]
    ?? bundle.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag]?.[0];
  const key = keyBag?.key as forge.pki.rsa.PrivateKey | undefined;
  if (!key) throw new Error('The seal P12 holds no private key.');
  const certs = (bundle.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [])
    .map((bag) => bag.cert).filter((c): c is forge.pki.Certificate => Boolean(c));
  const certificate = certs.find((c) => {
    const pub = c.publicKey as forge.pki.rsa.PublicKey;
    return pub.n.compareTo(key.n) === 0 && pub.e.compareTo(key.e) === 0;
  });
  if (!certificate) throw new Error('The seal P12 has no certificate matching its private key.');
  return { key, certificate, chain: certs };
}

/** Issuer attributes as forge must be given them to encode each UTF8String once. */
export function issuerForSignerInfo(certificate: forge.pki.Certificate): forge.pki.CertificateField[] {
  return certificate.issuer.attributes.map((attr) => (
    (attr.valueTagClass as unknown) === forge.asn1.Type.UTF8 && typeof attr.value === 'string'
      ? { ...attr, value: forge.util.decodeUtf8(attr.value) }
      : attr
  ));
}

/** DER prefix of a SHA-256 DigestInfo: PKCS#1 v1.5 signs this followed by the 32-byte hash. */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/**
 * The private key as forge calls it (`key.sign(md)`), with the RSA done by Node's OpenSSL:
 * forge's pure-JS modular exponentiation costs ~200 ms on a cold Lambda.
 */
function nodeRsaKey(key: KeyObject): { sign(md: forge.md.MessageDigest): string } {
  return {
    sign(md) {
      const digest = Buffer.from(md.digest().getBytes(), 'binary');
      return privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([SHA256_DIGEST_INFO, digest])).toString('binary');
    },
  };
}

export class P12SealSigner extends Signer {
  private readonly nodeKey: ReturnType<typeof nodeRsaKey>;

  constructor(private readonly identity: SigningIdentity) {
    super();
    this.nodeKey = nodeRsaKey(createPrivateKey(forge.pki.privateKeyToPem(identity.key)));
  }

  static fromP12(p12: Uint8Array, passphrase: string): P12SealSigner {
    return new P12SealSigner(readP12(p12, passphrase));
  }

  get certificate(): forge.pki.Certificate {
    return this.identity.certificate;
  }

  async sign(pdfBuffer: Buffer, signingTime?: Date): Promise<Buffer> {
    const { certificate, chain } = this.identity;
    const p7 = forge.pkcs7.createSignedData();
    p7.content = forge.util.createBuffer(pdfBuffer.toString('binary'));
    for (const cert of chain) p7.addCertificate(cert);
    p7.addSigner({
      key: this.nodeKey,
      // Given directly instead of `certificate`, so forge takes our decoded issuer.
      issuer: issuerForSignerInfo(certificate),
      serialNumber: certificate.serialNumber,
      digestAlgorithm: forge.pki.oids.sha256,
      authenticatedAttributes: [
        { type: forge.pki.oids.contentType, value: forge.pki.oids.data },
        { type: forge.pki.oids.signingTime, value: (signingTime ?? new Date()) as unknown as string },
        { type: forge.pki.oids.messageDigest },
      ],
    } as unknown as Parameters<typeof p7.addSigner>[0]);
    p7.sign({ detached: true });
    return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary');
  }
}
