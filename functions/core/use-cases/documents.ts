import { sha256 as sha256Hex } from '../sha256.js';
import { contentTypeName } from '../../../shared/error-messages.js';
import { DomainError, invalid, notFound } from '../../../shared/errors.js';
import { MAX_DOCUMENT_BYTES, type DocumentRequest } from '../../../shared/schemas/application.js';
import type { ApplicationRecord, DocumentRecord } from '../../../shared/types.js';
import { loadOwn } from '../access.js';
import type { Deps, Principal } from '../ports.js';

/** Per application, so a runaway client cannot fill the bucket. */
export const MAX_DOCUMENTS_PER_APPLICATION = 30;
const EDITABLE: ApplicationRecord['status'][] = ['draft', 'returned'];

/** Magic bytes per accepted content type: the first bytes must say what the declaration says. */
const SIGNATURES: Record<string, (b: Uint8Array) => boolean> = {
  'application/pdf': (b) => b.length >= 5 && String.fromCharCode(...b.subarray(0, 5)) === '%PDF-',
  'image/png': (b) => b.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => b[i] === v),
  'image/jpeg': (b) => b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
};

export function sniffMatches(contentType: string, bytes: Uint8Array): boolean {
  return SIGNATURES[contentType]?.(bytes) ?? false;
}

export async function requestDocumentUpload(deps: Deps, p: Principal, appId: string, req: DocumentRequest) {
  const app = await loadOwn(deps, p, appId);
  if (!EDITABLE.includes(app.status)) {
    throw new DomainError('not-editable', `Documents can be added while the application is a draft or returned; it is ${app.status}.`, 409);
  }
  const existing = await deps.documentRecords.listDocuments(app.id);
  if (existing.length >= MAX_DOCUMENTS_PER_APPLICATION) {
    throw invalid(`An application holds at most ${MAX_DOCUMENTS_PER_APPLICATION} documents.`, { kind: 'Too many documents on this application.' }, 'too-many-documents');
  }
  const documentId = deps.newId();
  // The key never contains the client's file name: names are shown, never trusted.
  const objectKey = `applications/${app.id}/${documentId}`;
  const doc: DocumentRecord = {
    documentId, kind: req.kind, fileName: req.fileName, contentType: req.contentType, size: req.size,
    status: 'pending', objectKey, createdAt: deps.clock.now().toISOString(),
  };
  const upload = await deps.documents.presignUpload(objectKey, req.contentType, req.size);
  await deps.documentRecords.putDocument(app.id, doc);
  return { documentId, upload };
}

/** Server-side verification: the bytes must exist, match the declared size and type; the SHA-256 is recorded. */
export async function completeDocument(deps: Deps, p: Principal, appId: string, documentId: string) {
  const app = await loadOwn(deps, p, appId);
  const doc = /^[A-Za-z0-9-]{1,64}$/.test(documentId) ? await deps.documentRecords.getDocument(app.id, documentId) : null;
  if (!doc) throw notFound('document');
  if (doc.status === 'verified') return { status: 'verified' as const, sha256: doc.sha256 };

  const stored = await deps.documents.read(doc.objectKey, MAX_DOCUMENT_BYTES);
  if (!stored) {
    throw new DomainError('upload-missing', 'No file has arrived for this document yet: send the bytes to the upload URL first, then complete.', 409);
  }
  let reason: string | null = null;
  let why: 'size' | 'content' = 'size';
  if (stored.size !== doc.size) reason = `The file is ${stored.size} bytes but ${doc.size} were declared.`;
  else if (!sniffMatches(doc.contentType, stored.bytes)) {
    why = 'content';
    reason = `The file's content is not a ${contentTypeName(doc.contentType, 'en')}, as was declared: upload a PDF or an image.`;
  }

  const now = deps.clock.now().toISOString();
  if (reason) {
    await deps.documentRecords.putDocument(app.id, { ...doc, status: 'rejected', reason });
    throw invalid(reason, { file: reason }, 'document-rejected').withParams({ why, contentType: doc.contentType });
  }
  const sha256 = sha256Hex(stored.bytes);
  // The upload URL stays valid for minutes after this, so the bytes just hashed are copied to a key nothing can
  // upload to, and the record points there: staff, and every later step, receive exactly what was verified.
  const verifiedKey = `verified/${doc.objectKey}`;
  await deps.documents.write(verifiedKey, stored.bytes, doc.contentType);
  await deps.documentRecords.putDocument(app.id, { ...doc, status: 'verified', sha256, verifiedAt: now, objectKey: verifiedKey });
  return { status: 'verified' as const, sha256 };
}
