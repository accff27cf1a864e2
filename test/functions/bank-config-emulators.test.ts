/**
 * The check on the real adapters (the local stack on the emulators): a four-eyes change to the automatic
 * ceiling is stored in DynamoDB, read back by the workflow through the cached config store, and recorded with the
 * next decision. The rest of the behaviour runs in memory (bank-config.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { applyAndSubmit, strongApplication, useLocalStack, waitForDecision } from '../support/local-stack.js';

const api = useLocalStack();

describe('bank configuration on the emulators', () => {
  it('refers a strong ¥300,000 application once hq2 approves hq\'s lower automatic ceiling, under the new version', async () => {
    const [hq, hq2, applicant] = await Promise.all(['hq@demo.kedai', 'hq2@demo.kedai', 'applicant@demo.kedai'].map((u) => api.token(u)));
    const before = (await api.call('GET', '/api/admin/config', { token: hq })).body;
    const proposed = await api.call('POST', '/api/admin/config/proposals', {
      token: hq, body: { changes: { thresholds: { autoCeiling: 20_000_000 } }, effectiveFrom: new Date().toISOString(), reason: '收紧秒批上限' },
    });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    expect(proposed.body.impact).toMatchObject({ total: expect.any(Number), changedOutcomes: expect.any(Number) });
    const own = await api.call('POST', `/api/admin/config/proposals/${proposed.body.proposalId}/approve`, { token: hq });
    expect([own.status, own.body.error.code]).toEqual([403, 'four-eyes']);
    const approved = await api.call('POST', `/api/admin/config/proposals/${proposed.body.proposalId}/approve`, { token: hq2 });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.version).toBe(before.version + 1);

    const id = await applyAndSubmit(api, applicant, await strongApplication(api, applicant, '410100', { amount: 30_000_000 }));
    const app = await waitForDecision(api, applicant, id);
    expect(app.decision).toMatchObject({ outcome: 'referred', configVersion: before.version + 1 });
    const history = (await api.call('GET', '/api/admin/history', { token: hq })).body;
    expect(history.chain.ok).toBe(true);
  });
});
