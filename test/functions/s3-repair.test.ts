/** A kill -9 mid-upload leaves s3rver files it cannot read; the start moves them aside and keeps the rest. */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { quarantineBrokenS3Files } from '../../functions/local/s3-repair.js';

const dir = mkdtempSync(join(tmpdir(), 'kedai-s3-repair-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('quarantines empty or unparseable metadata and objects without metadata, and nothing else', async () => {
  const bucket = join(dir, 's3', 'kedai-documents', 'app1');
  mkdirSync(bucket, { recursive: true });
  const put = (name: string, text: string) => writeFileSync(join(bucket, name), text);
  put('good.pdf._S3rver_object', '%PDF'); put('good.pdf._S3rver_metadata.json', '{"content-type":"application/pdf"}');
  put('empty.pdf._S3rver_object', '%PDF'); put('empty.pdf._S3rver_metadata.json', '');
  put('torn.pdf._S3rver_object', '%PDF'); put('torn.pdf._S3rver_metadata.json', '{"content-');
  put('orphan.pdf._S3rver_object', '%PDF');

  const moved = await quarantineBrokenS3Files(join(dir, 's3'), join(dir, 'quarantine'));
  expect(moved.sort()).toEqual([
    'kedai-documents/app1/empty.pdf._S3rver_metadata.json', 'kedai-documents/app1/empty.pdf._S3rver_object',
    'kedai-documents/app1/orphan.pdf._S3rver_object',
    'kedai-documents/app1/torn.pdf._S3rver_metadata.json', 'kedai-documents/app1/torn.pdf._S3rver_object',
  ]);
  expect(existsSync(join(bucket, 'good.pdf._S3rver_metadata.json'))).toBe(true);
  expect(existsSync(join(dir, 'quarantine', 'kedai-documents', 'app1', 'empty.pdf._S3rver_object'))).toBe(true);
  expect(await quarantineBrokenS3Files(join(dir, 's3'), join(dir, 'quarantine'))).toEqual([]);
});
