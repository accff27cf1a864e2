/**
 * A lead's invitation goes to the enterprise's verified owner account when it has one (that account can act on it
 * at once), else to the contact the list gave (DESIGN.md §7.4, issue 15). In-memory adapters.
 */
import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../../shared/credit-code.js';
import { useMemoryApp, verifyEnterprise } from '../support/memory-app.js';

const api = useMemoryApp();
const code = (first17: string) => first17 + creditCodeCheckChar(first17);

async function importList(rows: string[]) {
  const hq = await api.token('hq@demo.kedai');
  const bytes = new TextEncoder().encode(['统一社会信用代码,企业名称,所在地区,所属行业,成立日期,认定类型,年度,联系邮箱', ...rows].join('\r\n'));
  const slot = await api.call('POST', '/api/admin/target-lists', {
    token: hq, body: { fileName: 'list.csv', size: bytes.byteLength, contentType: 'text/csv', source: '河南省科学技术厅', label: '科技型中小企业' },
  });
  expect(slot.status).toBe(201);
  expect((await fetch(slot.body.upload.url, { method: 'PUT', headers: slot.body.upload.headers, body: bytes })).ok).toBe(true);
  expect((await api.call('POST', `/api/admin/target-lists/${slot.body.importId}/start`, { token: hq })).status).toBe(202);
  await api.stack.wired.localRunner.idle();
  expect((await api.call('GET', `/api/admin/target-lists/${slot.body.importId}`, { token: hq })).body.status).toBe('done');
}

describe('lead invitations', () => {
  it('reach the verified owner account of the enterprise, and the list’s contact only when nobody owns it', async () => {
    // applicant2 has verified a Kaifeng firm but not applied: a new customer to the bank, with an owner account.
    const owner = 'applicant2@demo.kedai';
    const firm = await verifyEnterprise(api, await api.token(owner), '410200');
    const unowned = code('91410200MA4000077');
    await importList([
      `${firm.creditCode},${firm.name},开封市,软件和信息技术服务业,2012-05-01,高新技术企业,2025,finance@firm.example.cn`,
      `${unowned},开封无主科技有限公司,开封市,软件和信息技术服务业,2015-05-01,高新技术企业,2025,contact@unowned.example.cn`,
    ]);
    const pm = await api.token('pm.kaifeng@demo.kedai');
    const leads = (await api.call('GET', '/api/staff/leads', { token: pm })).body.map((l: { creditCode: string }) => l.creditCode);
    expect(leads).toEqual(expect.arrayContaining([firm.creditCode, unowned]));

    const invited = await api.call('POST', `/api/staff/leads/${firm.creditCode}/invite`, { token: pm });
    expect(invited.status).toBe(202);
    expect(invited.body.invitation.to).toBe(owner);
    const toOwner = (await api.call('GET', `/api/dev/outbox?to=${encodeURIComponent(owner)}`)).body.filter((m: { kind: string }) => m.kind === 'lead-invitation');
    expect(toOwner).toHaveLength(1);
    expect(toOwner[0].body).toContain(firm.creditCode);
    expect((await api.call('GET', '/api/dev/outbox?to=finance%40firm.example.cn')).body).toEqual([]);

    expect((await api.call('POST', `/api/staff/leads/${unowned}/invite`, { token: pm })).body.invitation.to).toBe('contact@unowned.example.cn');
    expect((await api.call('GET', '/api/dev/outbox?to=contact%40unowned.example.cn')).body[0]).toMatchObject({ kind: 'lead-invitation' });
  });
});
