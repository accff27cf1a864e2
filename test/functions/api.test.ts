import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CONSENT_VERSION, REQUIRED_CONSENTS } from '../../shared/consents.js';
import {
  PDF_BYTES, applyAndSubmit, profileApplication, strongApplication, useMemoryApp, verifyEnterprise, waitForDecision,
} from '../support/memory-app.js';
import { generateCreditCode } from '../../shared/credit-code.js';

// The API's behaviour on the in-memory adapters; what only the emulators can show is in api-emulators.test.ts.
const api = useMemoryApp();
const APPLICANT = 'applicant@demo.kedai';
const OTHER = 'applicant2@demo.kedai';

async function create(token: string, body: unknown, key: string = randomUUID()) {
  return api.call('POST', '/api/applications', { token, body, headers: { 'Idempotency-Key': key } });
}

describe('health, auth and the API description', () => {
  it('signs in a demo account and refuses a wrong password with 401', async () => {
    const ok = await api.call('POST', '/api/auth/sign-in', { body: { username: APPLICANT, password: 'Kedai-demo-2026!' } });
    expect(ok.status).toBe(200);
    expect(ok.body.accessToken).toMatch(/^ey/);
    expect(ok.body.expiresIn).toBeGreaterThan(0);
    const bad = await api.call('POST', '/api/auth/sign-in', { body: { username: APPLICANT, password: 'wrong-password' } });
    expect(bad.status).toBe(401);
    expect(bad.body.error.code).toBe('invalid-credentials');
  });

  it('refuses a sign-in body without a password with field messages', async () => {
    const res = await api.call('POST', '/api/auth/sign-in', { body: { username: APPLICANT } });
    expect(res.status).toBe(422);
    expect(res.body.error.fields.password).toBeTruthy();
  });

  it('refuses anonymous and forged tokens with 401', async () => {
    expect((await api.call('GET', '/api/applications')).status).toBe(401);
    const forged = await api.call('GET', '/api/applications', { token: 'eyJhbGciOiJIUzI1NiJ9.e30.x' });
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe('unauthenticated');
  });

  it('serves an OpenAPI document generated from the schemas', async () => {
    const res = await api.call('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(res.body.paths['/api/applications'].post).toBeTruthy();
    expect(res.body.components.schemas.CreateApplication.properties.enterprise).toBeTruthy();
  });

  it('answers malformed JSON and wrong content types with 4xx in the error shape', async () => {
    const token = await api.token(APPLICANT);
    const badJson = await api.call('POST', '/api/applications', { token, body: '{"enterprise":', headers: { 'content-type': 'application/json' } });
    expect(badJson.status).toBe(400);
    expect(badJson.body.error.code).toBe('invalid-json');
    const text = await api.call('POST', '/api/applications', { token, body: 'hello', headers: { 'content-type': 'text/plain' } });
    expect(text.status).toBe(415);
  });
});

describe('creating applications', () => {
  it('creates a draft and replays the same key and body to the same application', async () => {
    const token = await api.token(APPLICANT);
    const body = await strongApplication(api, token, '410300');
    const key = randomUUID();
    const first = await create(token, body, key);
    expect(first.status).toBe(201);
    expect(first.body.status).toBe('draft');
    const again = await create(token, body, key);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    const changed = await create(token, { ...body, loan: { ...body.loan, amount: body.loan.amount + 100 } }, key);
    expect(changed.status).toBe(409);
    expect(changed.body.error.code).toBe('idempotency-key-reused');
  });

  it('creates one application when the same key is sent twice at once', async () => {
    const token = await api.token(APPLICANT);
    const body = await strongApplication(api, token, '410100');
    const key = randomUUID();
    const results = await Promise.all([create(token, body, key), create(token, body, key), create(token, body, key)]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
  });

  it.each([
    ['a bad check character', '91410100317000520A'],
    ['a character outside the code set', '9141010031700052OM'],
    ['a wrong length', '914101003170005'],
  ])('refuses a credit code with %s, naming the field', async (_, creditCode) => {
    const token = await api.token(APPLICANT);
    const body = await strongApplication(api, token);
    const res = await create(token, { ...body, enterprise: { ...body.enterprise, creditCode } });
    expect(res.status).toBe(422);
    expect(res.body.error.fields['enterprise.creditCode']).toBeTruthy();
  });

  it('requires every required consent at the current version when consents are given, naming each missing one', async () => {
    const token = await api.token(APPLICANT);
    const body = await strongApplication(api, token, '410100');
    const missing = await create(token, { ...body, consents: [{ id: 'third-party-data', version: CONSENT_VERSION }] });
    expect(missing.status).toBe(422);
    expect(missing.body.error.code).toBe('validation-failed');
    expect(Object.keys(missing.body.error.fields).sort()).toEqual(['consents.credit-inquiry', 'consents.data-use']);
    const stale = await create(token, { ...body, consents: [{ id: 'data-use', version: '2025-01' }, { id: 'credit-inquiry', version: CONSENT_VERSION }] });
    expect(stale.status).toBe(422);
    expect(stale.body.error.fields).toEqual({ 'consents.data-use': expect.stringContaining(CONSENT_VERSION) });
    const unknown = await create(token, { ...body, consents: [...body.consents!, { id: 'marketing', version: CONSENT_VERSION }] });
    expect(unknown.status).toBe(422);
    expect(Object.keys(unknown.body.error.fields)[0]).toMatch(/^consents\.3\.id$/);
    const required = await create(token, { ...body, consents: REQUIRED_CONSENTS.map((id) => ({ id, version: CONSENT_VERSION })) });
    expect(required.status).toBe(201);
  });

  it('still accepts a DESIGN.md §6 body without consents, and records that none were given', async () => {
    const token = await api.token(APPLICANT);
    const { consents: _, ...body } = await strongApplication(api, token, '410100');
    const res = await create(token, body);
    expect(res.status).toBe(201);
    const got = await api.call('GET', `/api/applications/${res.body.id}`, { token });
    expect(got.body.events[0]).toMatchObject({ type: 'created', detail: { consents: [], consentsGiven: false } });
  });

  it('routes by the credit code’s own division: a declared one may only refine it within the prefecture', async () => {
    const token = await api.token(APPLICANT);
    const body = await strongApplication(api, token, '410100');
    const beijing = await create(token, { ...body, enterprise: { ...body.enterprise, registeredDivision: '110105' } });
    expect(beijing.status).toBe(422);
    expect(beijing.body.error.fields['enterprise.registeredDivision']).toBeTruthy();
    const luoyang = await create(token, { ...body, enterprise: { ...body.enterprise, registeredDivision: '410305' } });
    expect(luoyang.status).toBe(422);
    expect(luoyang.body.error.code).toBe('registered-division-mismatch');
    const county = await create(token, { ...body, enterprise: { ...body.enterprise, registeredDivision: '410184' } });
    expect(county.status).toBe(201);
  });

  it('refuses an enterprise outside Henan: the registry has no such firm, so no account is verified for it', async () => {
    const token = await api.token(APPLICANT);
    const body = await strongApplication(api, token, '410100');
    const res = await create(token, { ...body, enterprise: { ...body.enterprise, creditCode: generateCreditCode(Math.random, '110105') } });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('enterprise-not-verified');
  });

  it('refuses negative and fractional fen with field messages and writes nothing', async () => {
    const token = await api.token(APPLICANT);
    const before = (await api.call('GET', '/api/applications', { token })).body.length;
    const body = await strongApplication(api, token);
    const res = await create(token, { ...body, loan: { ...body.loan, amount: 12.5 }, enterprise: { ...body.enterprise, financials: { ...body.enterprise.financials, revenue: -1 } } });
    expect(res.status).toBe(422);
    expect(res.body.error.fields['loan.amount']).toBeTruthy();
    expect(res.body.error.fields['enterprise.financials.revenue']).toBeTruthy();
    expect((await api.call('GET', '/api/applications', { token })).body.length).toBe(before);
  });

  it('refuses creation by staff with 403', async () => {
    const res = await create(await api.token('am.zhengzhou@demo.kedai'), await strongApplication(api, await api.token(APPLICANT)));
    expect(res.status).toBe(403);
  });

  it('lists only the caller’s own applications and hides others’ as 404', async () => {
    const mine = await api.token(APPLICANT);
    const theirs = await api.token(OTHER);
    const created = await create(mine, await strongApplication(api, mine));
    const list = await api.call('GET', '/api/applications', { token: theirs });
    expect(list.status).toBe(200);
    expect(list.body.map((a: { id: string }) => a.id)).not.toContain(created.body.id);
    expect((await api.call('GET', `/api/applications/${created.body.id}`, { token: theirs })).status).toBe(404);
    expect((await api.call('GET', `/api/applications/${created.body.id}`, { token: mine })).status).toBe(200);
    expect((await api.call('GET', '/api/applications', { token: mine })).body.map((a: { id: string }) => a.id)).toContain(created.body.id);
  });
});

describe('documents', () => {
  async function slot(token: string, id: string, body: Record<string, unknown>) {
    return api.call('POST', `/api/applications/${id}/documents`, { token, body });
  }

  it('verifies a real PDF and records its SHA-256', async () => {
    const token = await api.token(APPLICANT);
    const { body: app } = await create(token, await strongApplication(api, token));
    const s = await slot(token, app.id, { kind: 'business-licence', fileName: '营业执照.pdf', contentType: 'application/pdf', size: PDF_BYTES.byteLength });
    expect(s.status).toBe(201);
    expect(s.body.upload.method).toBe('PUT');
    expect((await fetch(s.body.upload.url, { method: 'PUT', headers: s.body.upload.headers, body: PDF_BYTES })).ok).toBe(true);
    const done = await api.call('POST', `/api/applications/${app.id}/documents/${s.body.documentId}/complete`, { token });
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('verified');
    const view = await api.call('GET', `/api/applications/${app.id}`, { token });
    expect(view.body.documents[0]).toMatchObject({ status: 'verified', fileName: '营业执照.pdf' });
    expect(view.body.documents[0].sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses an executable declared as a PDF with 422 and does not count it', async () => {
    const token = await api.token(APPLICANT);
    const { body: app } = await create(token, await strongApplication(api, token));
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00]);
    const s = await slot(token, app.id, { kind: 'business-licence', fileName: 'licence.pdf', contentType: 'application/pdf', size: exe.byteLength });
    await fetch(s.body.upload.url, { method: 'PUT', headers: s.body.upload.headers, body: exe });
    const done = await api.call('POST', `/api/applications/${app.id}/documents/${s.body.documentId}/complete`, { token });
    expect(done.status).toBe(422);
    // The declared type in words a person knows, never the MIME type (issue 16).
    expect(done.body.error.message).toMatch(/not a PDF/);
    expect(done.body.error.message).not.toMatch(/application\/pdf/);
    const view = await api.call('GET', `/api/applications/${app.id}`, { token });
    expect(view.body.missingDocuments).toContain('business-licence');
  });

  it('refuses a 200 MiB declaration and an executable content type before any upload', async () => {
    const token = await api.token(APPLICANT);
    const { body: app } = await create(token, await strongApplication(api, token));
    const big = await slot(token, app.id, { kind: 'business-licence', fileName: 'a.pdf', contentType: 'application/pdf', size: 200 * 1024 * 1024 });
    expect(big.status).toBe(422);
    expect(big.body.error.fields.size).toBeTruthy();
    const exe = await slot(token, app.id, { kind: 'business-licence', fileName: 'a.exe', contentType: 'application/x-msdownload', size: 1000 });
    expect(exe.status).toBe(422);
    expect(exe.body.error.fields.contentType).toBeTruthy();
  });

  it('refuses an upload whose size differs from the signed one, so completion finds no file', async () => {
    const token = await api.token(APPLICANT);
    const { body: app } = await create(token, await strongApplication(api, token));
    const s = await slot(token, app.id, { kind: 'bank-account', fileName: 'a.pdf', contentType: 'application/pdf', size: PDF_BYTES.byteLength + 10 });
    const put = await fetch(s.body.upload.url, { method: 'PUT', headers: { 'content-type': 'application/pdf' }, body: PDF_BYTES });
    expect(put.status).toBe(403);
    const done = await api.call('POST', `/api/applications/${app.id}/documents/${s.body.documentId}/complete`, { token });
    expect(done.status).toBe(409);
    expect(done.body.error.code).toBe('upload-missing');
  });

  it('refuses an upload under another content type than the signed one', async () => {
    const token = await api.token(APPLICANT);
    const { body: app } = await create(token, await strongApplication(api, token));
    const s = await slot(token, app.id, { kind: 'bank-account', fileName: 'a.pdf', contentType: 'application/pdf', size: PDF_BYTES.byteLength });
    const put = await fetch(s.body.upload.url, { method: 'PUT', headers: { 'content-type': 'image/png' }, body: PDF_BYTES });
    expect(put.status).toBe(403);
  });

  it('hides another enterprise’s documents as 404', async () => {
    const token = await api.token(APPLICANT);
    const { body: app } = await create(token, await strongApplication(api, token));
    const res = await slot(await api.token(OTHER), app.id, { kind: 'business-licence', fileName: 'a.pdf', contentType: 'application/pdf', size: 10 });
    expect(res.status).toBe(404);
  });
});

describe('submitting and the automatic decision', () => {
  it('names the missing core documents when submitting without them', async () => {
    const token = await api.token(APPLICANT);
    const { body: app } = await create(token, await strongApplication(api, token));
    const res = await api.call('POST', `/api/applications/${app.id}/submit`, { token });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('missing-documents');
    expect(Object.keys(res.body.error.fields).sort()).toEqual(['documents.bank-account', 'documents.business-licence', 'documents.legal-rep-id']);
  });

  // How fast is for `npm run bench` (submit to decision, p50/p95); a test only holds what must be true on any machine.
  it('approves a strong ¥300,000 tech loan automatically, with reasons and an exact schedule', async () => {
    const token = await api.token(APPLICANT);
    const id = await applyAndSubmit(api, token, await strongApplication(api, token, '410100'));
    const app = await waitForDecision(api, token, id);
    expect(app.status).toBe('approved');
    expect(app.decision).toMatchObject({ outcome: 'approved', tier: 'auto' });
    expect(app.decision.reasons.length).toBeGreaterThan(0);
    expect(app.decision.reasons[0].text.zh).toBeTruthy();
    expect(app.branch.code).toBe('zhengzhou');
    const principal = app.offer.schedule.reduce((s: number, r: { principal: number }) => s + r.principal, 0);
    expect(principal).toBe(30_000_000);
    expect(app.events.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['created', 'submitted', 'routed', 'decision-approved']));
  });

  it('routes ten strong applications from ten divisions, county codes included, to their city’s branch', async () => {
    const token = await api.token(APPLICANT);
    const cases: [string, string][] = [
      ['410102', 'zhengzhou'], ['410305', 'luoyang'], ['410200', 'kaifeng'], ['410411', 'pingdingshan'], ['410502', 'anyang'],
      ['410702', 'xinxiang'], ['411302', 'nanyang'], ['411502', 'xinyang'], ['419001', 'jiyuan'], ['411102', 'luohe'],
    ];
    const ids = await Promise.all(cases.map(async ([division]) => applyAndSubmit(api, token, await strongApplication(api, token, division))));
    const apps = await Promise.all(ids.map((id) => waitForDecision(api, token, id)));
    expect(apps.map((a) => [a.status, a.branch.code])).toEqual(cases.map(([, branch]) => ['approved', branch]));
  });

  it('sends a ¥8,000,000 request to people in the right branch', async () => {
    const token = await api.token(APPLICANT);
    const id = await applyAndSubmit(api, token, await strongApplication(api, token, '410300', { amount: 800_000_000 }));
    const app = await waitForDecision(api, token, id);
    expect(app.status).toBe('in-review');
    expect(app.decision).toMatchObject({ outcome: 'referred', tier: 'review-two-approvals' });
    expect(app.branch.code).toBe('luoyang');
  });

  it.each(['410100', '410300'])('rejects a negative-listed firm of %s automatically, naming the list', async (division) => {
    const token = await api.token(APPLICANT);
    const firm = await verifyEnterprise(api, token, division, 'negative-list');
    const id = await applyAndSubmit(api, token, await profileApplication(api, token, firm.creditCode));
    const app = await waitForDecision(api, token, id);
    expect(app.status).toBe('rejected');
    expect(app.decision.outcome).toBe('rejected');
    expect(app.decision.reasons[0].code).toMatch(/^negative-list:/);
  });

  it('replays a second submit as the first result without starting a second run', async () => {
    const token = await api.token(APPLICANT);
    const id = await applyAndSubmit(api, token, await strongApplication(api, token));
    const again = await api.call('POST', `/api/applications/${id}/submit`, { token });
    expect(again.status).toBe(202);
    const app = await waitForDecision(api, token, id);
    expect(app.events.filter((e: { type: string }) => e.type === 'submitted')).toHaveLength(1);
    expect(app.events.filter((e: { type: string }) => e.type.startsWith('decision-'))).toHaveLength(1);
  });
});

describe('the local outbox', () => {
  it('requires a recipient', async () => {
    const res = await api.call('GET', '/api/dev/outbox');
    expect(res.status).toBe(400);
  });
});

