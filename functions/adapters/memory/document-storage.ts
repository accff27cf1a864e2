/**
 * DocumentStorage in memory, with S3's presigned-URL rules: an upload URL is signed over the object key, the
 * content type and the length, and expires; a PUT whose Content-Type or body length differs from what was
 * signed, or that arrives late or with a changed URL, is refused with 403 and stores nothing. Download links are
 * signed the same way and carry the attachment disposition. The URLs point at an origin nothing listens on:
 * `handle()` answers them, and the test harness routes fetch() to it (test/support/memory-app.ts).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DocumentStorage, UploadTarget } from '../../core/ports.js';
import { io } from './copy.js';

export const MEMORY_STORAGE_ORIGIN = 'https://storage.memory.invalid';
const UPLOAD_TTL_SECONDS = 600;
const DOWNLOAD_TTL_SECONDS = 300;

export class MemoryDocumentStorage implements DocumentStorage {
  private readonly objects = new Map<string, { bytes: Uint8Array; contentType: string }>();
  private readonly secret = randomBytes(32);

  constructor(readonly bucket: string, private readonly now: () => Date = () => new Date()) {}

  async presignUpload(key: string, contentType: string, size: number): Promise<UploadTarget> {
    const url = this.signedUrl('PUT', key, UPLOAD_TTL_SECONDS, [contentType, String(size)]);
    return { method: 'PUT', url, headers: { 'Content-Type': contentType } };
  }

  async read(key: string, maxBytes: number) {
    await io();
    const object = this.objects.get(key);
    if (!object) return null;
    if (object.bytes.byteLength > maxBytes) return { bytes: new Uint8Array(), size: object.bytes.byteLength };
    return { bytes: object.bytes.slice(), size: object.bytes.byteLength };
  }

  async write(key: string, bytes: Uint8Array, contentType: string) {
    await io();
    this.objects.set(key, { bytes: bytes.slice(), contentType });
  }

  async presignDownload(key: string, fileName: string) {
    const safe = encodeURIComponent(fileName.replace(/[\r\n"]/g, '_'));
    return this.signedUrl('GET', key, DOWNLOAD_TTL_SECONDS, [], { 'response-content-disposition': `attachment; filename*=UTF-8''${safe}` });
  }

  async ping() {}

  /** Answers a request to one of this bucket's URLs, as S3 would; null when the URL is not this bucket's. */
  async handle(request: Request): Promise<Response | null> {
    const url = new URL(request.url);
    const prefix = `/${this.bucket}/`;
    if (url.origin !== MEMORY_STORAGE_ORIGIN || !url.pathname.startsWith(prefix)) return null;
    const key = decodeURIComponent(url.pathname.slice(prefix.length));
    const expires = Number(url.searchParams.get('X-Expires'));
    if (!(expires > this.now().getTime() / 1000)) return refusal('AccessDenied', 'Request has expired');
    if (request.method === 'PUT') {
      const bytes = new Uint8Array(await request.arrayBuffer());
      const contentType = request.headers.get('content-type') ?? '';
      if (!this.verify(url, 'PUT', key, [contentType, String(bytes.byteLength)])) return refusal('SignatureDoesNotMatch', 'The request signature does not match (key, Content-Type, Content-Length or expiry changed).');
      await this.write(key, bytes, contentType);
      return new Response(null, { status: 200 });
    }
    if (request.method === 'GET') {
      if (!this.verify(url, 'GET', key, [])) return refusal('SignatureDoesNotMatch', 'The request signature does not match.');
      const object = this.objects.get(key);
      if (!object) return refusal('NoSuchKey', 'The specified key does not exist.', 404);
      const disposition = url.searchParams.get('response-content-disposition');
      return new Response(object.bytes.slice(), {
        headers: { 'content-type': object.contentType, 'content-length': String(object.bytes.byteLength), ...(disposition ? { 'content-disposition': disposition } : {}) },
      });
    }
    return refusal('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405);
  }

  private signedUrl(method: string, key: string, ttlSeconds: number, signed: string[], params: Record<string, string> = {}) {
    const url = new URL(`${MEMORY_STORAGE_ORIGIN}/${this.bucket}/${key.split('/').map(encodeURIComponent).join('/')}`);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    url.searchParams.set('X-Expires', String(Math.floor(this.now().getTime() / 1000) + ttlSeconds));
    url.searchParams.set('X-Signature', this.signature(url, method, key, signed));
    return url.toString();
  }

  /** Covers the method, key, every query parameter but the signature, and the signed header values. */
  private signature(url: URL, method: string, key: string, signed: string[]) {
    const params = [...url.searchParams].filter(([k]) => k !== 'X-Signature').map(([k, v]) => `${k}=${v}`).sort();
    return createHmac('sha256', this.secret).update(JSON.stringify([method, this.bucket, key, params, signed])).digest('hex');
  }

  private verify(url: URL, method: string, key: string, signed: string[]) {
    const given = Buffer.from(url.searchParams.get('X-Signature') ?? '', 'hex');
    const expected = Buffer.from(this.signature(url, method, key, signed), 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

function refusal(code: string, message: string, status = 403) {
  return new Response(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`, {
    status, headers: { 'content-type': 'application/xml' },
  });
}
