/** GET /api/applications/{id}/contract/text: the contract's words for a phone, to its owner only, once approved. */
import { describe, expect, it } from 'vitest';
import { applyAndSubmit, strongApplication, useMemoryApp, waitForDecision } from '../support/memory-app.js';

const api = useMemoryApp();

describe('the contract as text', () => {
  it('gives the owner of an approved application the words of its contract, and nobody else', async () => {
    const token = await api.token('applicant@demo.kedai');
    const input = await strongApplication(api, token, '410100');
    const id = await applyAndSubmit(api, token, input);
    const app = await waitForDecision(api, token, id);
    expect(app.status).toBe('approved');
    const res = await api.call('GET', `/api/applications/${id}/contract/text`, { token });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body.contractNo).toBe(app.contract.contractNo);
    // The profile's name is the registry's; the legal representative follows the credit code, from the registry too.
    expect(res.body.parties).toEqual(expect.arrayContaining([{ label: '借款人（乙方）', value: input.enterprise.name }]));
    const staffView = await api.call('GET', `/api/applications/${id}`, { token: await api.token('hq@demo.kedai') });
    expect(res.body.parties).toEqual(expect.arrayContaining([{ label: '法定代表人', value: staffView.body.enterprise.legalRepresentative.name }]));
    expect(res.body.articles.length).toBeGreaterThan(3);
    expect(res.body.annex.rows).toHaveLength(app.offer.schedule.length);
    // Reading the text is not a view of the PDF: no trail step, no event.
    const after = await api.call('GET', `/api/applications/${id}`, { token });
    expect(after.body.events.filter((e: { type: string }) => e.type === 'contract-viewed')).toEqual([]);
    expect((await api.call('GET', `/api/applications/${id}/contract/text`, { token: await api.token('applicant2@demo.kedai') })).status).toBe(404);
    expect((await api.call('GET', `/api/applications/${id}/contract/text`)).status).toBe(401);
  });

  it('answers 409 before approval', async () => {
    const token = await api.token('applicant@demo.kedai');
    const created = await api.call('POST', '/api/applications', { token, body: await strongApplication(api, token, '410100'), headers: { 'Idempotency-Key': crypto.randomUUID() } });
    const res = await api.call('GET', `/api/applications/${created.body.id}/contract/text`, { token });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('contract-not-ready');
  });
});
