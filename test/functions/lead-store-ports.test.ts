/**
 * The lead store on both adapters (DynamoDB on the emulator, in memory), same cases: imports, a file claimed once,
 * chunk results recorded once, leads created once with their assignee's load counted in the same write, updates
 * version-checked on updatedAt, listed by assignee and for head office, Chinese text kept.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { generateCreditCode } from '../../shared/credit-code.js';
import type { Lead } from '../../shared/target-list.js';
import { DynamoLeadStore } from '../../functions/adapters/dynamodb/lead-store.js';
import { ensureTable } from '../../functions/adapters/dynamodb/table.js';
import { MemoryLeadStore } from '../../functions/adapters/memory/lead-store.js';
import type { LeadStore, TargetListImport } from '../../functions/core/lead-ports.js';

const table = `kedai-leads-${randomUUID().slice(0, 8)}`;
let client: DynamoDBClient;
const stores: Record<'dynamodb' | 'memory', LeadStore> = {} as never;
const code = () => generateCreditCode(Math.random, '410300');

beforeAll(async () => {
  client = new DynamoDBClient({ region: 'cn-north-1', endpoint: inject('endpoints').dynamodb, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await ensureTable(client, table);
  stores.dynamodb = new DynamoLeadStore(client, table);
  stores.memory = new MemoryLeadStore();
});
afterAll(() => client?.destroy());

function anImport(): TargetListImport {
  return {
    importId: randomUUID(), fileName: '2026年科技型中小企业名单.csv', size: 1234, contentType: 'text/csv', source: '河南省科学技术厅', label: 'tech-sme',
    objectKey: 'target-lists/x/list', createdBy: 'hq@demo.kedai', createdAt: new Date().toISOString(), updatedAt: new Date().toISOString(), status: 'pending',
    progress: { rows: 0, processed: 0 },
    summary: { total: 0, duplicates: 0, merged: 0, screenedOut: 0, classes: { A: 0, B: 0, C: 0 }, leads: 0, badRows: [], badRowCount: 0 },
  };
}

function aLead(assignee: string | null, over: Partial<Lead> = {}): Lead {
  const at = new Date().toISOString();
  return {
    creditCode: code(), name: '洛阳喆堃智能科技有限公司', class: 'B', compositeScore: 2.5, labels: ['tech-sme'], industry: 'manufacturing',
    divisionCode: '410300', branch: 'luoyang', assignee, assigneeRole: assignee ? 'product-manager' : null, existingCustomer: false, status: 'new',
    importId: randomUUID(), imports: [], contacts: [], createdAt: at, updatedAt: at, ...over,
  };
}

describe.each(['dynamodb', 'memory'] as const)('%s lead store', (kind) => {
  const s = () => stores[kind];

  it('keeps imports, newest first, and gives a file to the first import that claims it', async () => {
    const a = anImport();
    const b = { ...anImport(), createdAt: new Date(Date.now() + 1000).toISOString() };
    await s().putImport(a);
    await s().putImport(b);
    expect(await s().getImport(a.importId)).toEqual(a);
    expect(await s().getImport(randomUUID())).toBeNull();
    const listed = (await s().listImports()).map((i) => i.importId);
    expect(listed.indexOf(b.importId)).toBeLessThan(listed.indexOf(a.importId));
    const sha = randomUUID();
    const claims = await Promise.all([s().claimFile(sha, a.importId), s().claimFile(sha, b.importId)]);
    expect(new Set(claims).size).toBe(1);
    expect(await s().claimFile(sha, randomUUID())).toBe(claims[0]);
  });

  it('records a chunk once: a retried chunk gets the result that stands', async () => {
    const id = randomUUID();
    const first = { chunk: 0, rows: 500, merged: 3, screenedOut: 2, classes: { A: 150, B: 150, C: 195 }, leads: 495 };
    expect(await s().recordChunk(id, first)).toEqual(first);
    expect(await s().recordChunk(id, { ...first, leads: 1 })).toEqual(first);
    await s().recordChunk(id, { ...first, chunk: 1, leads: 7 });
    expect((await s().chunkResults(id)).map((c) => c.leads).sort((x, y) => x - y)).toEqual([7, 495]);
  });

  it('creates a lead once under concurrent calls, counting it once on its assignee’s load', async () => {
    const pm = `pm.${randomUUID().slice(0, 6)}@demo.kedai`;
    const lead = aLead(pm);
    const made = await Promise.all([s().createLead(lead), s().createLead({ ...lead, name: '另一个名字' })]);
    expect(made.filter(Boolean)).toHaveLength(1);
    expect((await s().getLead(lead.creditCode))!.creditCode).toBe(lead.creditCode);
    await s().createLead(aLead(pm));
    await s().createLead(aLead(null));
    expect(await s().assigneeLoads([pm, 'nobody@demo.kedai'])).toEqual({ [pm]: 2, 'nobody@demo.kedai': 0 });
  });

  it('updates a lead only from the version read, and lists by assignee in class and score order, and all for head office', async () => {
    const pm = `pm.${randomUUID().slice(0, 6)}@demo.kedai`;
    const b = aLead(pm, { class: 'B', compositeScore: 2 });
    const a1 = aLead(pm, { class: 'A', compositeScore: 3 });
    const a2 = aLead(pm, { class: 'A', compositeScore: 4 });
    for (const l of [b, a1, a2]) expect(await s().createLead(l)).toBe(true);
    const contacted: Lead = { ...b, status: 'contacted', contacts: [{ at: new Date().toISOString(), by: pm, note: '已电话联系，企业有意向', outcome: 'interested' }], updatedAt: new Date(Date.now() + 5).toISOString() };
    expect(await s().updateLead(contacted, b.updatedAt)).toBe(true);
    expect(await s().updateLead({ ...contacted, status: 'declined' }, b.updatedAt)).toBe(false);
    expect(await s().getLead(b.creditCode)).toEqual(contacted);
    expect((await s().listLeads({ assignee: pm })).map((l) => l.creditCode)).toEqual([a2.creditCode, a1.creditCode, b.creditCode]);
    const all = (await s().listLeads({})).map((l) => l.creditCode);
    expect(all).toEqual(expect.arrayContaining([a1.creditCode, a2.creditCode, b.creditCode]));
  });
});
