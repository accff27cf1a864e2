/**
 * The applicant's own changes before a decision (issue 16, "lost work"; issue 14, products from the configuration):
 * PATCH saves a draft or corrects a returned application, withdraw ends one, on the in-memory adapters.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { applyAndSubmit, strongApplication, uploadCoreDocuments, useMemoryApp, waitForDecision } from '../support/memory-app.js';

const api = useMemoryApp();
const APPLICANT = 'applicant@demo.kedai';
const OTHER = 'applicant2@demo.kedai';

async function draft(token: string, division = '410100') {
  const input = await strongApplication(api, token, division);
  const res = await api.call('POST', '/api/applications', { token, body: input, headers: { 'Idempotency-Key': randomUUID() } });
  expect(res.status).toBe(201);
  return { input, app: res.body };
}

describe('PATCH /api/applications/{id}', () => {
  it('saves a changed draft as a new version, and the same body again changes nothing', async () => {
    const token = await api.token(APPLICANT);
    const { input, app } = await draft(token);
    const body = { ...input, version: app.version, loan: { ...input.loan, amount: 40_000_000, purpose: '采购测试设备' } };
    const saved = await api.call('PATCH', `/api/applications/${app.id}`, { token, body });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ status: 'draft', loan: { amount: 40_000_000, purpose: '采购测试设备' } });
    const event = saved.body.events.find((e: { type: string }) => e.type === 'draft-saved');
    expect(event).toBeTruthy();
    const read = await api.call('GET', `/api/applications/${app.id}`, { token });
    expect(read.body.loan.amount).toBe(40_000_000);
    const version = read.body.version ?? null;

    const again = await api.call('PATCH', `/api/applications/${app.id}`, { token, body: { ...body, version: undefined } });
    expect(again.status).toBe(200);
    const after = await api.call('GET', `/api/applications/${app.id}`, { token });
    expect(after.body.events.filter((e: { type: string }) => e.type === 'draft-saved')).toHaveLength(1);
    expect(after.body.version ?? null).toBe(version);
  });

  it('refuses a stale version with 409 changed-meanwhile and writes nothing', async () => {
    const token = await api.token(APPLICANT);
    const { input, app } = await draft(token);
    const first = await api.call('PATCH', `/api/applications/${app.id}`, { token, body: { ...input, version: 1, loan: { ...input.loan, termMonths: 24 } } });
    expect(first.status).toBe(200);
    const stale = await api.call('PATCH', `/api/applications/${app.id}`, { token, body: { ...input, version: 1, loan: { ...input.loan, termMonths: 6 } } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('changed-meanwhile');
    expect((await api.call('GET', `/api/applications/${app.id}`, { token })).body.loan.termMonths).toBe(24);
  });

  it("answers someone else's draft with 404, as for reading it, and changes nothing", async () => {
    const token = await api.token(APPLICANT);
    const { input, app } = await draft(token);
    const other = await api.token(OTHER);
    const res = await api.call('PATCH', `/api/applications/${app.id}`, { token: other, body: { ...input, loan: { ...input.loan, amount: 20_000_000 } } });
    expect(res.status).toBe(404);
    const withdraw = await api.call('POST', `/api/applications/${app.id}/withdraw`, { token: other, body: {} });
    expect(withdraw.status).toBe(404);
    const read = await api.call('GET', `/api/applications/${app.id}`, { token });
    expect(read.body).toMatchObject({ status: 'draft', loan: { amount: input.loan.amount } });
  });

  it('refuses a submitted application with 409 not-editable', async () => {
    const token = await api.token(APPLICANT);
    const input = await strongApplication(api, token, '410100');
    const id = await applyAndSubmit(api, token, input);
    const res = await api.call('PATCH', `/api/applications/${id}`, { token, body: { ...input, loan: { ...input.loan, amount: 20_000_000 } } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('not-editable');
    expect((await api.call('POST', `/api/applications/${id}/withdraw`, { token, body: {} })).status).toBe(409);
  });

  it('checks a saved draft as a new one: the product bounds in force, with the field named', async () => {
    const token = await api.token(APPLICANT);
    const { input, app } = await draft(token);
    const res = await api.call('PATCH', `/api/applications/${app.id}`, { token, body: { ...input, loan: { ...input.loan, amount: 9_000_000_000 } } });
    expect(res.status).toBe(422);
    expect(res.body.error.fields['loan.amount']).toMatch(/lends/);
    const moved = await api.call('PATCH', `/api/applications/${app.id}`, { token, body: { ...input, enterprise: { ...input.enterprise, creditCode: '91410100MA00000000' } } });
    expect(moved.status).toBe(422);
    expect(moved.body.error.fields['enterprise.creditCode']).toBeTruthy();
  });
});

describe('technical staff within employees', () => {
  it('refuses 200 technical staff of 80 employees on create and on save, naming enterprise.techStaff', async () => {
    const token = await api.token(APPLICANT);
    const { input, app } = await draft(token);
    const bad = { ...input, enterprise: { ...input.enterprise, employees: 80, techStaff: 200 } };
    const created = await api.call('POST', '/api/applications', { token, body: bad, headers: { 'Idempotency-Key': randomUUID() } });
    expect(created.status).toBe(422);
    expect(created.body.error.fields['enterprise.techStaff']).toBe('Technical staff cannot exceed total employees.');
    const saved = await api.call('PATCH', `/api/applications/${app.id}`, { token, body: bad });
    expect(saved.status).toBe(422);
    expect(saved.body.error.fields['enterprise.techStaff']).toBeTruthy();
  });
});

describe('withdrawing', () => {
  it('withdraws a draft, which then is final: no more edits, documents or submit', async () => {
    const token = await api.token(APPLICANT);
    const { input, app } = await draft(token);
    const res = await api.call('POST', `/api/applications/${app.id}/withdraw`, { token, body: { reason: '暂不需要' } });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('withdrawn');
    expect(res.body.events.map((e: { type: string }) => e.type)).toContain('withdrawn');
    const again = await api.call('POST', `/api/applications/${app.id}/withdraw`, { token, body: {} });
    expect(again.status).toBe(200);
    expect((await api.call('PATCH', `/api/applications/${app.id}`, { token, body: input })).status).toBe(409);
    expect((await api.call('POST', `/api/applications/${app.id}/submit`, { token })).status).toBe(409);
    const list = await api.call('GET', '/api/applications', { token });
    expect(list.body.find((a: { id: string }) => a.id === app.id).status).toBe('withdrawn');
  });
});

describe('a returned application', () => {
  it('lets the applicant correct the data and answer, staff read the answer, and it is resubmitted with the correction', async () => {
    const token = await api.token(APPLICANT);
    const input = await strongApplication(api, token, '410300', { amount: 200_000_000 });
    const id = await applyAndSubmit(api, token, input);
    expect((await waitForDecision(api, token, id)).status).toBe('in-review');
    const rm = await api.token('rm.luoyang@demo.kedai');
    const ret = await api.call('POST', `/api/applications/${id}/opinions`, { token: rm, body: { opinion: 'return', comment: '请核实员工人数' } });
    expect(ret.body.status).toBe('returned');

    const reply = '员工人数已按社保缴纳人数更正';
    const corrected = { ...input, enterprise: { ...input.enterprise, employees: input.enterprise.employees + 1 }, reply };
    const res = await api.call('PATCH', `/api/applications/${id}`, { token, body: corrected });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'returned', enterprise: { employees: input.enterprise.employees + 1 } });

    // A reply on a draft has nothing to answer.
    const { input: draftInput, app } = await draft(token);
    expect((await api.call('PATCH', `/api/applications/${app.id}`, { token, body: { ...draftInput, reply: 'x' } })).status).toBe(422);

    const staffView = await api.call('GET', `/api/applications/${id}`, { token: rm });
    const event = staffView.body.events.find((e: { type: string }) => e.type === 'application-corrected');
    expect(event?.detail).toMatchObject({ comment: reply, fields: ['enterprise.employees'] });

    await uploadCoreDocuments(api, token, id);
    expect((await api.call('POST', `/api/applications/${id}/submit`, { token })).status).toBe(202);
    const decided = await waitForDecision(api, token, id);
    expect(decided.enterprise.employees).toBe(input.enterprise.employees + 1);
  });
});

describe('what the form reads of the configuration in force', () => {
  it('lists the products with their bounds, for an applicant', async () => {
    const token = await api.token(APPLICANT);
    const res = await api.call('GET', '/api/products', { token });
    expect(res.status).toBe(200);
    const config = await api.stack.wired.deps.bankConfig.inForce(new Date());
    expect(res.body.version).toBe(config.version);
    const tech = res.body.products.find((p: { code: string }) => p.code === 'tech-loan');
    expect(tech.amount).toEqual(config.products.find((p) => p.code === 'tech-loan')!.amount);
    expect(tech).not.toHaveProperty('rateBps');
    expect((await api.call('GET', '/api/products')).status).toBe(401);
  });

  it('says whether a division is inside the service area, by the routing rule', async () => {
    const token = await api.token(APPLICANT);
    const inside = await api.call('GET', '/api/service-area?division=410300', { token });
    expect(inside.body).toMatchObject({ inArea: true, branch: { code: 'luoyang' } });
    const outside = await api.call('GET', '/api/service-area?division=110105', { token });
    expect(outside.body).toMatchObject({ inArea: false, code: 'outside-service-area' });
    const bad = await api.call('GET', '/api/service-area?division=41', { token });
    expect(bad.status).toBe(422);
  });
});
