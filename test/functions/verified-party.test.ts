/**
 * The party to an application is the enterprise verified (issue 12, "what the bank already knows"), on the in-memory
 * adapters: whatever name the applicant types, the stored application, the decision's notice, the staff view and
 * the contract carry the registry's name and legal representative; the typed name survives only in the audit trail.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { maskName } from '../../shared/enterprise.js';
import { pdfText } from './contract/poppler.js';
import { profileApplication, uploadCoreDocuments, useMemoryApp, verifyEnterprise, waitForDecision } from '../support/memory-app.js';

const api = useMemoryApp();
const APPLICANT = 'applicant@demo.kedai';
const TYPED = '某某国际控股集团有限公司';

describe('an application for a verified enterprise', () => {
  it('carries the registry’s name and legal representative into the record, decision, staff view and contract, the typed name only into the created event', async () => {
    const token = await api.token(APPLICANT);
    const firm = await verifyEnterprise(api, token);
    expect(firm.name).not.toBe(TYPED);
    const rep = firm.legalRepresentative.name;
    const input = await profileApplication(api, token, firm.creditCode);
    const created = await api.call('POST', '/api/applications', {
      token, body: { ...input, enterprise: { ...input.enterprise, name: TYPED } }, headers: { 'Idempotency-Key': randomUUID() },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    // The applicant sees the registry's name, and the legal representative masked as the profile shows it.
    expect(created.body.enterprise).toMatchObject({ name: firm.name, creditCode: firm.creditCode, legalRepresentative: { name: maskName(rep) } });

    const stored = (await api.stack.wired.deps.applications.get(id))!;
    expect(stored.enterprise).toMatchObject({ name: firm.name, creditCode: firm.creditCode, legalRepresentative: { name: rep } });
    const events = await api.stack.wired.deps.applications.events(id);
    expect(events.find((e) => e.type === 'created')!.detail).toMatchObject({ typedName: TYPED });

    await uploadCoreDocuments(api, token, id);
    expect((await api.call('POST', `/api/applications/${id}/submit`, { token })).status).toBe(202);
    const decided = await waitForDecision(api, token, id);
    expect(decided.status).toBe('approved');
    // The decision's notice names the verified enterprise; nothing sent to the applicant names the typed one.
    const outbox = (await api.call('GET', `/api/dev/outbox?to=${encodeURIComponent(APPLICANT)}`)).body as { kind: string; subject: string; body: string }[];
    const approvedNotice = outbox.find((m) => m.kind === 'application-approved' && m.body.includes(firm.name));
    expect(approvedNotice).toBeDefined();
    expect(outbox.filter((m) => `${m.subject}${m.body}`.includes(TYPED))).toEqual([]);

    const staff = await api.call('GET', `/api/applications/${id}`, { token: await api.token('hq@demo.kedai') });
    expect(staff.body.enterprise).toMatchObject({ name: firm.name, legalRepresentative: { name: rep } });
    expect(staff.body.events.find((e: { type: string }) => e.type === 'created').detail.typedName).toBe(TYPED);

    const text = await api.call('GET', `/api/applications/${id}/contract/text`, { token });
    expect(text.status).toBe(200);
    expect(text.body.parties).toEqual(expect.arrayContaining([
      { label: '借款人（乙方）', value: firm.name },
      { label: '统一社会信用代码', value: firm.creditCode },
      { label: '法定代表人', value: rep },
    ]));
    expect(JSON.stringify(text.body)).not.toContain(TYPED);
    const pdf = await api.fetch(`/api/applications/${id}/contract`, { headers: { authorization: `Bearer ${token}` } });
    expect(pdf.status).toBe(200);
    const words = pdfText(new Uint8Array(await pdf.arrayBuffer())).replace(/\s+/g, '');
    expect(words).toContain(firm.name);
    expect(words).toContain(`法定代表人：${rep}`);
    expect(words).not.toContain(TYPED);
  });

  it('keeps the registry’s name when a draft is saved under another, noting the typed one on the save', async () => {
    const token = await api.token(APPLICANT);
    const firm = await verifyEnterprise(api, token);
    const input = await profileApplication(api, token, firm.creditCode);
    const created = await api.call('POST', '/api/applications', { token, body: input, headers: { 'Idempotency-Key': randomUUID() } });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    // Typed as the registry has it: nothing to note.
    const events = await api.stack.wired.deps.applications.events(id);
    expect(events.find((e) => e.type === 'created')!.detail).not.toHaveProperty('typedName');

    const saved = await api.call('PATCH', `/api/applications/${id}`, {
      token, body: { ...input, enterprise: { ...input.enterprise, name: TYPED }, loan: { ...input.loan, termMonths: 24 } },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const after = (await api.stack.wired.deps.applications.get(id))!;
    expect(after.enterprise.name).toBe(firm.name);
    expect(after.loan.termMonths).toBe(24);
    const save = (await api.stack.wired.deps.applications.events(id)).find((e) => e.type === 'draft-saved')!;
    expect(save.detail).toMatchObject({ fields: ['loan.termMonths'], typedName: TYPED });
  });
});
