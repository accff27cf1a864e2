/** S3 adapter for uploaded documents: presigned, bounded PUTs in; short-lived attachment links out. */
import {
  CreateBucketCommand, GetObjectCommand, HeadBucketCommand, HeadObjectCommand, NotFound, NoSuchKey, PutObjectCommand, type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { DocumentStorage, UploadTarget } from '../../core/ports.js';

const UPLOAD_TTL_SECONDS = 600;
const DOWNLOAD_TTL_SECONDS = 300;

export class S3DocumentStorage implements DocumentStorage {
  constructor(private readonly s3: S3Client, private readonly bucket: string) {}

  async presignUpload(key: string, contentType: string, size: number): Promise<UploadTarget> {
    const command = new PutObjectCommand({ Bucket: this.bucket, Key: key, ContentType: contentType, ContentLength: size });
    // Content-Type and Content-Length are signed, so S3 refuses a PUT that differs; completion re-checks anyway.
    const url = await getSignedUrl(this.s3, command, {
      expiresIn: UPLOAD_TTL_SECONDS,
      signableHeaders: new Set(['content-type', 'content-length']),
    });
    return { method: 'PUT', url, headers: { 'Content-Type': contentType } };
  }

  async read(key: string, maxBytes: number) {
    try {
      const head = await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      const size = head.ContentLength ?? 0;
      if (size > maxBytes) return { bytes: new Uint8Array(), size };
      const out = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      const bytes = await out.Body!.transformToByteArray();
      return { bytes, size: bytes.byteLength };
    } catch (err) {
      if (err instanceof NotFound || err instanceof NoSuchKey || (err as { name?: string }).name === 'NotFound') return null;
      throw err;
    }
  }

  async write(key: string, bytes: Uint8Array, contentType: string) {
    await this.s3.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: bytes, ContentType: contentType }));
  }

  async presignDownload(key: string, fileName: string) {
    const safe = encodeURIComponent(fileName.replace(/[\r\n"]/g, '_'));
    return getSignedUrl(this.s3, new GetObjectCommand({
      Bucket: this.bucket, Key: key, ResponseContentDisposition: `attachment; filename*=UTF-8''${safe}`,
    }), { expiresIn: DOWNLOAD_TTL_SECONDS });
  }

  async ping() {
    await this.s3.send(new HeadBucketCommand({ Bucket: this.bucket }));
  }

  /** Local stack only: the bucket is created at start. */
  async ensureBucket() {
    try {
      await this.s3.send(new CreateBucketCommand({ Bucket: this.bucket }));
    } catch (err) {
      const name = (err as { name?: string }).name;
      if (name !== 'BucketAlreadyOwnedByYou' && name !== 'BucketAlreadyExists') throw err;
    }
  }
}
