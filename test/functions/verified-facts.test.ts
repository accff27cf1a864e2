/**
 * What was verified cannot change afterwards (issue 12 §6), on the in-memory adapters: a verified document's bytes
 * stay the ones hashed, whatever is sent to its upload URL later, and staff download those; a verified enterprise's
 * legal representative is the registry's, whatever the client sends afterwards; members are real accounts.
 */
import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PDF_BYTES, profileApplication, useMemoryApp, verifyEnterprise } from '../support/memory-app.js';

const api = useMemoryApp();
const APPLICANT = 'applicant@demo.kedai';
const hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function createApplication(token: string, body: unknown) {
  const res = await api.call('POST', '/api/applications', { token, body, headers: { 'Idempotency-Key': randomUUID() } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

describe('a verified document', () => {
  it('keeps the verified bytes when other bytes are sent to its upload URL afterwards, and staff receive those', async () => {
    const token = await api.token(APPLICANT);
    const firm = await verifyEnterprise(api, token);
    const app = await createApplication(token, await profileApplication(api, token, firm.creditCode));
    const slots: Record<string, { documentId: string; upload: { url: string; headers: Record<string, string> } }> = {};
    for (const kind of ['business-licence', 'legal-rep-id', 'bank-account']) {
      const s = await api.call('POST', `/api/applications/${app.id}/documents`, { token, body: { kind, fileName: `${kind}.pdf`, contentType: 'application/pdf', size: PDF_BYTES.byteLength } });
      expect(s.status).toBe(201);
      slots[kind] = s.body;
      expect((await fetch(s.body.upload.url, { method: 'PUT', headers: s.body.upload.headers, body: PDF_BYTES })).ok).toBe(true);
      expect((await api.call('POST', `/api/applications/${app.id}/documents/${s.body.documentId}/complete`, { token })).status).toBe(200);
    }
    const licence = slots['business-licence'];
    // Another PDF of the same size and type: the signed URL still takes it.
    const forged = new TextEncoder().encode(new TextDecoder().decode(PDF_BYTES).replace('1 0 obj', '9 9 obj'));
    expect(forged.byteLength).toBe(PDF_BYTES.byteLength);
    expect((await fetch(licence.upload.url, { method: 'PUT', headers: licence.upload.headers, body: forged })).ok).toBe(true);
    const again = await api.call('POST', `/api/applications/${app.id}/documents/${licence.documentId}/complete`, { token });
    expect(again.body).toEqual({ status: 'verified', sha256: hex(PDF_BYTES) });

    expect((await api.call('POST', `/api/applications/${app.id}/submit`, { token })).status).toBe(202);
    const staff = await api.token('hq@demo.kedai');
    const link = await api.call('GET', `/api/applications/${app.id}/documents/${licence.documentId}/download`, { token: staff });
    expect(link.status).toBe(200);
    const served = new Uint8Array(await (await fetch(link.body.url)).arrayBuffer());
    expect(hex(served)).toBe(hex(PDF_BYTES));
    const view = await api.call('GET', `/api/applications/${app.id}`, { token: staff });
    expect(view.body.documents.find((d: { documentId: string }) => d.documentId === licence.documentId).sha256).toBe(hex(PDF_BYTES));
  });
});

describe('a verified enterprise', () => {
  it('is not re-confirmed for another legal representative, and stays bound to the registry’s one', async () => {
    const token = await api.token(APPLICANT);
    const firm = await verifyEnterprise(api, token);
    const other = { name: '冒名者', idNumber: '11010519491231002X' };
    const res = await api.call('POST', '/api/enterprises', { token, body: { creditCode: firm.creditCode, legalRepresentative: other } });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('legal-representative-mismatch');
    // The right one still answers as verified, unchanged.
    const same = await api.call('POST', '/api/enterprises', { token, body: { creditCode: firm.creditCode, legalRepresentative: firm.legalRepresentative } });
    expect(same).toMatchObject({ status: 200, body: { creditCode: firm.creditCode, status: 'verified' } });
    const profile = await api.call('GET', `/api/enterprises/${firm.creditCode}/profile`, { token });
    expect(profile.body.legalRepresentative.name.slice(0, 1)).toBe(firm.legalRepresentative.name.slice(0, 1));
  });
});

describe('members', () => {
  it('invites only a real, confirmed account, naming the field otherwise, and binds nobody', async () => {
    const token = await api.token(APPLICANT);
    const firm = await verifyEnterprise(api, token, '410300');
    const nobody = `Nobody.${randomUUID().slice(0, 8)}@Example.cn`;
    const res = await api.call('POST', `/api/enterprises/${firm.creditCode}/members`, { token, body: { username: ` ${nobody} ` } });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('account-not-found');
    expect(res.body.error.fields.username).toContain(nobody.toLowerCase());
    expect((await api.call('GET', `/api/dev/outbox?to=${encodeURIComponent(nobody.toLowerCase())}`)).body).toEqual([]);
    // An account that signs up afterwards with that name is not a member by the earlier try.
    expect((await api.call('POST', '/api/auth/sign-up', { body: { username: nobody, password: 'Kedai-new-2026!' } })).status).toBe(201);
    const unconfirmed = await api.call('POST', `/api/enterprises/${firm.creditCode}/members`, { token, body: { username: nobody } });
    expect(unconfirmed.body.error.code).toBe('account-not-found');
    expect(await api.stack.wired.deps.enterprises.binding(firm.creditCode, nobody.toLowerCase())).toBeNull();
  });
});
