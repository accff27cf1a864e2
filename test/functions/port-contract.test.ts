/**
 * The behaviours use cases rely on, run against both adapters of each storage port: the DynamoDB ones on the
 * emulator and the in-memory ones, so they cannot drift. Same cases, same expectations.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { STRONG_APPLICANT } from '../../shared/fixtures.js';
import type { ApplicationRecord } from '../../shared/types.js';
import { DynamoApplicationStore } from '../../functions/adapters/dynamodb/application-store.js';
import { DynamoOutbox } from '../../functions/adapters/dynamodb/outbox.js';
import { DynamoStaffDirectory } from '../../functions/adapters/dynamodb/staff-directory.js';
import { ensureTable } from '../../functions/adapters/dynamodb/table.js';
import { LocalLedger } from '../../functions/adapters/core-banking/local-ledger.js';
import { MemoryApplicationStore } from '../../functions/adapters/memory/application-store.js';
import { MemoryLedger } from '../../functions/adapters/memory/core-banking.js';
import { MemoryOutbox } from '../../functions/adapters/memory/outbox.js';
import { MemoryStaffDirectory } from '../../functions/adapters/memory/staff-directory.js';
import { verifyChain } from '../../functions/core/event-chain.js';
import type { ApplicationStore, CoreBankingPort, Outbox, StaffDirectory } from '../../functions/core/ports.js';

interface Ports { applications: ApplicationStore; staff: StaffDirectory; outbox: Outbox; ledger: CoreBankingPort }

const table = `kedai-contract-${randomUUID().slice(0, 8)}`;
let client: DynamoDBClient;
const ports: Record<'dynamodb' | 'memory', Ports> = {} as never;

beforeAll(async () => {
  client = new DynamoDBClient({ region: 'cn-north-1', endpoint: inject('endpoints').dynamodb, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await ensureTable(client, table);
  const now = () => new Date();
  ports.dynamodb = {
    applications: new DynamoApplicationStore(client, table), staff: new DynamoStaffDirectory(client, table),
    outbox: new DynamoOutbox(client, table), ledger: new LocalLedger(client, table, randomUUID, now),
  };
  ports.memory = { applications: new MemoryApplicationStore(), staff: new MemoryStaffDirectory(), outbox: new MemoryOutbox(), ledger: new MemoryLedger(randomUUID, now) };
});
afterAll(() => client?.destroy());

const branch = (code: string) => ({ code, name: code, nameZh: code, distanceKm: 0 });
function application(over: Partial<ApplicationRecord> = {}): ApplicationRecord {
  const at = new Date().toISOString();
  return { ...STRONG_APPLICANT, id: randomUUID(), ownerId: `owner-${randomUUID()}`, status: 'draft', version: 1, createdAt: at, updatedAt: at, decision: null, ...over };
}

describe.each(['dynamodb', 'memory'] as const)('%s adapters', (kind) => {
  const p = () => ports[kind];

  it('writes a version-checked update once and answers false to the lost race', async () => {
    const { applications } = p();
    const created = await applications.create(application(), undefined, { type: 'created', actor: 'a' });
    if (!('app' in created)) throw new Error('conflict');
    const next = { ...created.app, version: 2, status: 'submitted' as const };
    const rival = { ...created.app, version: 2, status: 'withdrawn' as never };
    expect(await applications.update(next, [{ type: 'submitted', actor: 'a' }])).toBe(true);
    expect(await applications.update(rival, [{ type: 'withdrawn', actor: 'b' }])).toBe(false);
    expect(await applications.update({ ...created.app, id: randomUUID(), version: 2 }, [])).toBe(false);
    const stored = await applications.get(created.app.id);
    expect({ status: stored!.status, version: stored!.version, eventCount: stored!.eventCount }).toEqual({ status: 'submitted', version: 2, eventCount: 2 });
    expect(next.eventCount).toBe(2);
  });

  it('replays an idempotent create with the same body and refuses another body under the same key', async () => {
    const { applications } = p();
    const first = application();
    const idem = { key: randomUUID(), bodyHash: 'h1' };
    const made = await applications.create(first, idem);
    expect(made).toMatchObject({ replayed: false, app: { id: first.id } });
    expect(await applications.create({ ...first, id: randomUUID() }, idem)).toMatchObject({ replayed: true, app: { id: first.id } });
    expect(await applications.create({ ...first, id: randomUUID() }, { ...idem, bodyHash: 'h2' })).toEqual({ conflict: true });
    expect(await applications.listByOwner(first.ownerId)).toHaveLength(1);
  });

  it('links every event to the one before, and keeps in-flight markers', async () => {
    const { applications } = p();
    const made = await applications.create(application({ updatedAt: '2000-01-01T00:00:00.000Z' }), undefined, { type: 'created', actor: 'a', detail: { b: 1, a: [1, { z: 2, y: null }] } });
    if (!('app' in made)) throw new Error('conflict');
    const next = { ...made.app, version: 2, updatedAt: '2000-01-01T00:00:01.000Z' };
    await applications.update(next, [{ type: 'submitted', actor: 'a' }, { type: 'routed', actor: 'workflow' }], { inflight: 'decision' });
    const events = await applications.events(made.app.id);
    expect(events.map((e) => [e.seq, e.type])).toEqual([[1, 'created'], [2, 'submitted'], [3, 'routed']]);
    expect(verifyChain(events)).toEqual({ ok: true, count: 3 });
    expect(next.eventHash).toBe(events[2].hash);
    expect(await applications.listInflight()).toContainEqual({ id: made.app.id, since: next.updatedAt, workflow: 'decision' });
    await applications.update({ ...next, version: 3 }, [], { inflight: 'clear' });
    expect((await applications.listInflight()).map((i) => i.id)).not.toContain(made.app.id);
  });

  it('pages a branch queue oldest first with cursors, and refuses a cursor from another queue', async () => {
    const { applications } = p();
    const code = `b${randomUUID().slice(0, 6)}`;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const at = new Date(Date.UTC(2025, 0, 1, 0, i)).toISOString();
      const app = application({ status: 'in-review', branch: branch(code), updatedAt: at });
      ids.push(app.id);
      await applications.create(app);
    }
    await applications.create(application({ status: 'approved', branch: branch(code) }));
    const seen: string[] = [];
    const cursors: (string | undefined)[] = [];
    let cursor: string | undefined;
    do {
      const page = await applications.queuePage(code, 'in-review', { limit: 2, cursor });
      seen.push(...page.items.map((a) => a.id));
      cursor = page.cursor;
      cursors.push(cursor);
    } while (cursor);
    expect(seen).toEqual(ids);
    expect(cursors.length).toBe(3);
    expect((await applications.queue(code)).length).toBe(6);
    const first = await applications.queuePage(code, 'in-review', { limit: 2 });
    await expect(applications.queuePage(`${code}x`, 'in-review', { limit: 2, cursor: first.cursor })).rejects.toMatchObject({ code: 'invalid-cursor', status: 422 });
    await expect(applications.queuePage(code, 'in-review', { limit: 2, cursor: 'not-a-cursor' })).rejects.toMatchObject({ code: 'invalid-cursor' });
  });

  it('counts branch and staff loads, adds a member once, and keeps an enterprise’s manager', async () => {
    const { staff } = p();
    const code = `b${randomUUID().slice(0, 6)}`;
    const am = `am.${code}@x`;
    await staff.putStaff({ username: am, branch: code, roles: ['account-manager'] });
    await staff.adjustLoad(code, 1, am);
    await staff.adjustLoad(code, 1, 'nobody@x');
    await staff.putStaff({ username: am, branch: code, roles: ['approver'] });
    expect((await staff.branchLoads())[code]).toBe(2);
    expect(await staff.getStaff(am)).toEqual({ username: am, branch: code, roles: ['account-manager'], openCount: 1 });
    expect(await staff.listStaff(code)).toEqual([{ username: am, branch: code, roles: ['account-manager'], openCount: 1 }]);
    expect(await staff.getStaff('nobody@x')).toBeNull();
    expect(await staff.enterpriseManager(code)).toBeNull();
    await staff.setEnterpriseManager(code, am);
    expect(await staff.enterpriseManager(code)).toBe(am);
  });

  it('lists the outbox newest first, and pays a loan out once per application', async () => {
    const { outbox, ledger } = p();
    const to = `u-${randomUUID()}`;
    await outbox.putOutbox(to, '2025-01-01T00:00:00.000Z', 'a', { subject: 'first', body: '1', kind: 'k' });
    await outbox.putOutbox(to, '2025-01-02T00:00:00.000Z', 'b', { subject: 'second', body: '2', kind: 'k' });
    expect((await outbox.listOutbox(to)).map((m) => m.subject)).toEqual(['second', 'first']);
    const applicationId = randomUUID();
    const paid = await ledger.disburse({ applicationId, amount: 100, account: '6222' });
    const again = await ledger.disburse({ applicationId, amount: 100, account: '6222' });
    expect(paid.replayed).toBe(false);
    expect(again).toEqual({ ...paid, replayed: true });
    expect(await ledger.payments(applicationId)).toHaveLength(1);
  });
});
