/**
 * Target lists to leads through the API on the in-memory adapters (DESIGN.md §7.4): head office uploads a list
 * with good, duplicate, negative-listed and malformed rows; the summary counts match; leads reach the nearest
 * branch's product manager and an existing customer's account manager; an invitation reaches the outbox; a
 * re-import of the same file adds nothing; bad files are named.
 */
import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../../shared/credit-code.js';
import { applyAndSubmit, strongApplication, useMemoryApp, waitForDecision, type Api } from '../support/memory-app.js';

const api = useMemoryApp();
const code = (first17: string) => first17 + creditCodeCheckChar(first17);
const NEW_ZZ = code('91410100MA4000001');
const NEW_KF = code('91410200MA4000002');
const NEGATIVE = '91410100317000520M'; // on the demo negative list (dishonest debtor)
const badCheck = (() => { const c = code('91410100MA4000003'); return c.slice(0, 17) + (c[17] === '0' ? '1' : '0'); })();

async function upload(token: string, bytes: Uint8Array, meta: { fileName?: string; contentType?: string; size?: number } = {}) {
  const slot = await api.call('POST', '/api/admin/target-lists', {
    token,
    body: { fileName: meta.fileName ?? 'list.csv', size: meta.size ?? bytes.byteLength, contentType: meta.contentType ?? 'text/csv', source: '河南省科学技术厅', label: '科技型中小企业' },
  });
  expect(slot.status, JSON.stringify(slot.body)).toBe(201);
  const put = await fetch(slot.body.upload.url, { method: 'PUT', headers: slot.body.upload.headers, body: bytes as BodyInit });
  expect(put.ok).toBe(true);
  return slot.body.importId as string;
}

async function runImport(token: string, importId: string) {
  const started = await api.call('POST', `/api/admin/target-lists/${importId}/start`, { token });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  await api.stack.wired.localRunner.idle();
  const status = await api.call('GET', `/api/admin/target-lists/${importId}`, { token });
  expect(status.status).toBe(200);
  return status.body;
}

describe('target lists to leads', () => {
  let hq: string;
  let existing: string;
  let csv: Uint8Array;

  it('imports a list: good rows kept, duplicates folded, negative-listed screened out, bad rows by line', async () => {
    hq = await api.token('hq@demo.kedai');
    // An existing customer: its application routed it to Luoyang's account manager.
    const applicant = await api.token('applicant@demo.kedai');
    const input = await strongApplication(api, applicant, '410300');
    existing = input.enterprise.creditCode;
    const appId = await applyAndSubmit(api, applicant, input);
    await waitForDecision(api, applicant, appId);

    csv = new TextEncoder().encode([
      '\uFEFF统一社会信用代码,企业名称,所在地区,所属行业,成立日期,认定类型,年度,营业收入（万元）,资产总额（万元）,负债总额（万元）,净利润（万元）',
      `${NEW_ZZ},郑州新创软件有限公司,郑州市,软件和信息技术服务业,2012-05-01,高新技术企业,2025,5000,4000,1200,600`,
      `${NEW_KF},"开封智造装备有限公司",开封市,智能制造装备,2019/3/8,,2025,,,,`,
      `${existing},洛阳已有客户科技有限公司,洛阳市,新材料,2010-01-01,专精特新,2025,,,,`,
      `${NEW_ZZ},郑州新创软件有限公司,郑州市,软件和信息技术服务业,2012-05-01,专精特新,2024,,,,`,
      `${NEGATIVE},失信示例有限公司,郑州市,软件,2015-01-01,,2025,,,,`,
      `${badCheck},校验位错误有限公司,郑州市,软件,2015-01-01,,2025,,,,`,
      `${code('91410100MA4000004')},,郑州市,软件,2015-01-01,,2025,,,,`,
      `${code('91410100MA4000005')},北京公司,北京市,软件,2015-01-01,,2025,,,,`,
    ].join('\r\n'));
    // What the bank knew of the existing customer when the list came.
    const knownLabels = ((await api.stack.wired.deps.registry.lookup(existing))?.labels ?? []).map((l) => l.label);
    const importId = await upload(hq, csv);
    const body = await runImport(hq, importId);
    expect(body.status).toBe('done');
    expect(body.progress).toEqual({ rows: 4, processed: 4 });
    // Merged: the Zhengzhou firm listed twice with two labels, and the existing customer when the bank already knows
    // a label of it beyond the row's: 专精特新 (srdi) and the list's own label, 科技型中小企业 (tech-sme), which every row
    // carries. Its firm is drawn at random from the demo registry, so a firm the bank knows only as tech-sme is not merged.
    const merged = 1 + (knownLabels.some((l) => l !== 'srdi' && l !== 'tech-sme') ? 1 : 0);
    expect(body.summary, JSON.stringify({ knownLabels, existing })).toMatchObject({ total: 8, duplicates: 1, merged, screenedOut: 1, leads: 3 });
    expect(body.summary.classes.A + body.summary.classes.B + body.summary.classes.C).toBe(3);
    expect(body.summary.badRows.map((b: { line: number }) => b.line)).toEqual([7, 8, 9]);
    expect(body.summary.badRows[0].reason).toMatch(/check character/);
    expect(body.summary.badRows[0].reasonZh).toMatch(/校验位/);
    expect(body.summary.badRows[1].reason).toMatch(/name is empty/);
    expect(body.summary.badRows[2].reason).toMatch(/not a Henan division/);
  });

  it("gives a new enterprise to the nearest branch's product manager and an existing customer to its account manager", async () => {
    const pm = await api.call('GET', '/api/staff/leads', { token: await api.token('pm.zhengzhou@demo.kedai') });
    expect(pm.status).toBe(200);
    expect(pm.body).toEqual([expect.objectContaining({ creditCode: NEW_ZZ, name: '郑州新创软件有限公司', assignee: 'pm.zhengzhou@demo.kedai', status: 'new' })]);
    expect(pm.body[0].labels.sort()).toEqual(['high-tech', 'srdi', 'tech-sme']);
    expect(['A', 'B', 'C']).toContain(pm.body[0].class);
    const kf = await api.call('GET', '/api/staff/leads', { token: await api.token('pm.kaifeng@demo.kedai') });
    expect(kf.body.map((l: { creditCode: string }) => l.creditCode)).toEqual([NEW_KF]);
    const am = await api.call('GET', '/api/staff/leads', { token: await api.token('am.luoyang@demo.kedai') });
    expect(am.body).toEqual([expect.objectContaining({ creditCode: existing, assignee: 'am.luoyang@demo.kedai', assigneeRole: 'account-manager', existingCustomer: true, status: 'approved' })]);
    const nobody = await api.call('GET', '/api/staff/leads', { token: await api.token('pm.luoyang@demo.kedai') });
    expect(nobody.body).toEqual([]);
    const applicant = await api.call('GET', '/api/staff/leads', { token: await api.token('applicant2@demo.kedai') });
    expect(applicant.status).toBe(403);
  });

  it('invites a lead: the invitation reaches the outbox once and pre-fills the application', async () => {
    const pm = await api.token('pm.zhengzhou@demo.kedai');
    const contact = await api.call('POST', `/api/staff/leads/${NEW_ZZ}/contacts`, { token: pm, body: { note: '电话联系，企业有融资需求', outcome: 'interested' } });
    expect(contact.status).toBe(200);
    expect(contact.body.status).toBe('contacted');
    const invited = await api.call('POST', `/api/staff/leads/${NEW_ZZ}/invite`, { token: pm });
    expect(invited.status).toBe(202);
    expect(invited.body.prefill.enterprise).toMatchObject({ creditCode: NEW_ZZ, name: '郑州新创软件有限公司', registeredDivision: '410100' });
    await api.call('POST', `/api/staff/leads/${NEW_ZZ}/invite`, { token: pm });
    const outbox = await api.call('GET', `/api/dev/outbox?to=${NEW_ZZ}`);
    expect(outbox.body).toHaveLength(1);
    expect(outbox.body[0]).toMatchObject({ kind: 'lead-invitation' });
    expect(outbox.body[0].body).toContain('郑州新创软件有限公司');
    const prefill = await api.call('GET', `/api/invitations/${NEW_ZZ}`, { token: await api.token('applicant2@demo.kedai') });
    expect(prefill.status).toBe(200);
    expect(prefill.body.prefill.enterprise.name).toBe('郑州新创软件有限公司');
    // Another branch's product manager cannot invite this lead.
    const other = await api.call('POST', `/api/staff/leads/${NEW_ZZ}/invite`, { token: await api.token('pm.kaifeng@demo.kedai') });
    expect(other.status).toBe(404);
    const funnel = await api.call('GET', '/api/admin/target-lists/funnel', { token: hq });
    // The existing customer applied uninvited: a funnel stage counts everyone who got that far.
    expect(funnel.body).toEqual({ imported: 8, screened: 3, leads: 3, invited: 2, applied: 1, approved: 1 });
  });

  it('re-importing the same file adds nothing', async () => {
    const before = await api.stack.wired.deps.leads.listLeads({});
    const importId = await upload(hq, csv);
    const body = await runImport(hq, importId);
    expect(body.status).toBe('done');
    expect(body.summary.leads).toBe(0);
    expect(body.duplicateOf).toBeDefined();
    expect(await api.stack.wired.deps.leads.listLeads({})).toEqual(before);
  });

  it('names bad files: too large, not CSV/XLSX by content, wrong columns; only head office imports', async () => {
    const big = await api.call('POST', '/api/admin/target-lists', { token: hq, body: { fileName: 'big.csv', size: 50 * 1024 * 1024 + 1, contentType: 'text/csv', source: 'x' } });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('file-too-large');
    const pdf = await api.call('POST', '/api/admin/target-lists', { token: hq, body: { fileName: 'list.pdf', size: 10, contentType: 'application/pdf', source: 'x' } });
    expect(pdf.status).toBe(415);
    const notCsv = await upload(hq, new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x00, 0x01, 0x02]), { fileName: 'list.csv' });
    const refused = await api.call('POST', `/api/admin/target-lists/${notCsv}/start`, { token: hq });
    expect(refused.status).toBe(415);
    expect(refused.body.error.code).toBe('unsupported-file');
    expect((await api.call('GET', `/api/admin/target-lists/${notCsv}`, { token: hq })).body.status).toBe('failed');
    const wrong = await upload(hq, new TextEncoder().encode('企业名称,电话\n某公司,123\n'));
    const missing = await api.call('POST', `/api/admin/target-lists/${wrong}/start`, { token: hq });
    expect(missing.status).toBe(422);
    expect(missing.body.error.code).toBe('missing-columns');
    expect(Object.keys(missing.body.error.fields)).toEqual(['creditCode', 'industry']);
    const am = await api.call('POST', '/api/admin/target-lists', { token: await api.token('am.zhengzhou@demo.kedai'), body: { fileName: 'a.csv', size: 10, contentType: 'text/csv', source: 'x' } });
    expect(am.status).toBe(403);
  });

  it('imports an XLSX list the same way', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(['Credit code', 'Name', 'Division', 'Industry', 'Established', 'Label']);
    ws.addRow([code('91411300MA4000006'), 'Nanyang Bio Co', 'Nanyang', 'biomedicine', new Date('2016-06-01'), 'High-tech enterprise']);
    ws.addRow(['not-a-code', 'X', 'Nanyang', 'bio', '', '']);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const importId = await upload(hq, bytes, { fileName: 'list.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    const body = await runImport(hq, importId);
    expect(body.summary).toMatchObject({ total: 2, leads: 1 });
    expect(body.summary.badRows).toEqual([expect.objectContaining({ line: 3, code: 'invalid-credit-code' })]);
    const pm = await api.call('GET', '/api/staff/leads', { token: await api.token('pm.nanyang@demo.kedai') });
    expect(pm.body[0]).toMatchObject({ name: 'Nanyang Bio Co', labels: ['high-tech', 'tech-sme'] });
  });
});

export type { Api };
