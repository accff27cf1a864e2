/**
 * What only the real adapters can show, through the local stack on the emulators: the health check reaching
 * DynamoDB, S3 and Cognito, and presigned uploads to s3rver, which (unlike S3) does not check signatures, so
 * the server-side verification is the bound; and what Node's HTTP server answers before or around the API.
 * The API's behaviour itself runs in memory (api.test.ts, test/hardening/fuzz.test.ts).
 */
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { PDF_BYTES, strongApplication, useLocalStack } from '../support/local-stack.js';

const api = useLocalStack();
const APPLICANT = 'applicant@demo.kedai';

async function draftWithSlot(size: number) {
  const token = await api.token(APPLICANT);
  const { body: app } = await api.call('POST', '/api/applications', { token, body: await strongApplication(api, token), headers: { 'Idempotency-Key': randomUUID() } });
  const s = await api.call('POST', `/api/applications/${app.id}/documents`, {
    token, body: { kind: 'business-licence', fileName: '营业执照.pdf', contentType: 'application/pdf', size },
  });
  expect(s.status).toBe(201);
  return { token, id: app.id as string, slot: s.body };
}

describe('the real adapters', () => {
  it('answers health once every dependency answers', async () => {
    const res = await api.call('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('verifies a PDF uploaded to the presigned S3 URL and records its SHA-256', async () => {
    const { token, id, slot } = await draftWithSlot(PDF_BYTES.byteLength);
    expect(new URL(slot.upload.url).origin).toBe(api.stack.endpoints.s3);
    expect((await fetch(slot.upload.url, { method: 'PUT', headers: slot.upload.headers, body: PDF_BYTES })).ok).toBe(true);
    const done = await api.call('POST', `/api/applications/${id}/documents/${slot.documentId}/complete`, { token });
    expect(done.status).toBe(200);
    expect(done.body.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses, on completion, a file whose size differs from the declaration (s3rver stores it anyway)', async () => {
    const { token, id, slot } = await draftWithSlot(PDF_BYTES.byteLength + 10);
    await fetch(slot.upload.url, { method: 'PUT', headers: { 'content-type': 'application/pdf' }, body: PDF_BYTES });
    const done = await api.call('POST', `/api/applications/${id}/documents/${slot.documentId}/complete`, { token });
    expect(done.status).toBe(422);
    expect(done.body.error.code).toBe('document-rejected');
  });
});

describe('the HTTP server around the API', () => {
  it('closes the connection after refusing an unread body, so a keep-alive client’s next request succeeds', async () => {
    const token = await api.token(APPLICANT);
    const big = 'x'.repeat(2 * 1024 * 1024);
    const mid = 'x'.repeat(200_000);
    for (let i = 0; i < 8; i++) {
      const tooBig = await api.call('POST', '/api/applications', { token, body: big, headers: { 'content-type': 'application/json' } });
      expect(tooBig.status).toBe(413);
      expect(tooBig.headers.get('connection')).toBe('close');
      const wrongType = await api.call('POST', '/api/applications', { token, body: mid, headers: { 'content-type': 'text/plain' } });
      expect(wrongType.status).toBe(415);
      const next = await api.call('GET', '/api/me', { token });
      expect(next.status).toBe(200);
    }
  });

  it('answers oversized headers and broken HTTP, which Node refuses before the API, in the error shape', async () => {
    const raw = (request: string) => new Promise<string>((resolve, reject) => {
      const { hostname, port } = new URL(api.stack.url);
      const socket = connect(Number(port), hostname, () => socket.end(request));
      let text = '';
      socket.on('data', (d) => { text += d.toString('utf8'); });
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    const parse = (text: string) => {
      const [head, body] = text.split('\r\n\r\n');
      return { status: Number(head!.split(' ')[1]), type: /content-type: ([^\r]+)/i.exec(head!)?.[1], body: JSON.parse(body!) };
    };
    const huge = parse(await raw(`GET /api/health HTTP/1.1\r\nHost: x\r\nX-Pad: ${'a'.repeat(20_000)}\r\n\r\n`));
    expect(huge.status).toBe(431);
    expect(huge.type).toMatch(/^application\/json/);
    expect(huge.body.error).toMatchObject({ code: 'headers-too-large', message: expect.stringMatching(/headers/) });
    const broken = parse(await raw('NOT HTTP AT ALL\r\n\r\n'));
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('bad-request');
  });
});
