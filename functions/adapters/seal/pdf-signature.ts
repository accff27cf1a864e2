/**
 * Puts a signature placeholder into a pdf-lib document and signs it with @signpdf. Written here
 * rather than taken from @signpdf/placeholder-pdf-lib because that one writes Reason, Name and
 * Location as literal strings, which garbles Chinese; these are UTF-16 hex strings.
 */
import { PDFArray, PDFDocument, PDFHexString, PDFInvalidObject, PDFName, PDFNumber, PDFString, PDFDict } from 'pdf-lib';
import { SignPdf, type Signer } from '@signpdf/signpdf';
import type { SealMeta } from './seal-port.js';

const BYTE_RANGE_PLACEHOLDER = '**********';
/** Hex characters reserved for the PKCS#7 blob (half as many bytes); a 2048-bit signature with one certificate needs ~3,000. */
const SIGNATURE_HEX_LENGTH = 8192;
const SIG_FLAGS_SIGNATURES_EXIST_APPEND_ONLY = 3;
const ANNOTATION_FLAG_PRINT = 4;

function addPlaceholder(doc: PDFDocument, meta: SealMeta, signingTime: Date): void {
  const ctx = doc.context;
  const byteRange = PDFArray.withContext(ctx);
  byteRange.push(PDFNumber.of(0));
  for (let i = 0; i < 3; i++) byteRange.push(PDFName.of(BYTE_RANGE_PLACEHOLDER));
  // Key order matters: @signpdf looks for /Contents after /ByteRange.
  const signature = ctx.obj({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: 'adbe.pkcs7.detached',
    ByteRange: byteRange,
    Contents: PDFHexString.of('0'.repeat(SIGNATURE_HEX_LENGTH)),
    Reason: PDFHexString.fromText(meta.reason),
    M: PDFString.fromDate(signingTime),
    Name: PDFHexString.fromText(meta.name),
    Location: PDFHexString.fromText(meta.location),
    Prop_Build: { Filter: { Name: 'Adobe.PPKLite' }, App: { Name: 'Kedai' } },
  });
  // Written verbatim (never into an object stream) so the byte offsets can be patched after saving.
  const bytes = new Uint8Array(signature.sizeInBytes());
  signature.copyBytesInto(bytes, 0);
  const signatureRef = ctx.register(PDFInvalidObject.of(bytes));

  const page = doc.getPage(0);
  const widget = ctx.register(ctx.obj({
    Type: 'Annot', Subtype: 'Widget', FT: 'Sig', Rect: [0, 0, 0, 0], V: signatureRef,
    T: PDFHexString.fromText('BankSeal'), F: ANNOTATION_FLAG_PRINT, P: page.ref,
    AP: { N: ctx.register(ctx.formXObject([], { BBox: [0, 0, 0, 0], Resources: {} })) },
  }));
  const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray) ?? ctx.obj([]);
  annots.push(widget);
  page.node.set(PDFName.of('Annots'), annots);
  let form = doc.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict);
  if (!form) {
    form = ctx.obj({ Fields: [] });
    doc.catalog.set(PDFName.of('AcroForm'), ctx.register(form));
  }
  form.set(PDFName.of('SigFlags'), PDFNumber.of(SIG_FLAGS_SIGNATURES_EXIST_APPEND_ONLY));
  const fields = form.lookupMaybe(PDFName.of('Fields'), PDFArray) ?? ctx.obj([]);
  fields.push(widget);
  form.set(PDFName.of('Fields'), fields);
}

/** Signs the whole document: any later change to a byte outside the signature breaks verification. */
export async function signPdf(pdf: Uint8Array, signer: Signer, meta: SealMeta): Promise<Uint8Array> {
  const signingTime = meta.signingTime ?? new Date();
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  addPlaceholder(doc, meta, signingTime);
  doc.setModificationDate(signingTime);
  const prepared = await doc.save({ useObjectStreams: false });
  const signed = await new SignPdf().sign(Buffer.from(prepared), signer, signingTime);
  return new Uint8Array(signed.buffer, signed.byteOffset, signed.byteLength);
}
