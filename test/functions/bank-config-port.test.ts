/**
 * The bank configuration and negative-list stores, both adapters (DynamoDB on the emulator, in memory), same
 * expectations: the seed is version 1, a version is written once, a proposal is decided once, and every change
 * lands in one hash-chained admin history.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SEED_CONFIG } from '../../shared/bank-config.js';
import { DynamoBankConfigStore, DynamoNegativeList } from '../../functions/adapters/dynamodb/bank-config.js';
import { ensureTable } from '../../functions/adapters/dynamodb/table.js';
import { MemoryAdminHistory, MemoryBankConfigStore, MemoryNegativeList } from '../../functions/adapters/memory/bank-config.js';
import { verifyChain } from '../../functions/core/event-chain.js';
import type { BankConfigStore, ConfigProposal, NegativeListStore } from '../../functions/core/ports.js';

const table = `kedai-config-${randomUUID().slice(0, 8)}`;
let client: DynamoDBClient;
const clock = { now: () => new Date() };
const ports = {} as Record<'dynamodb' | 'memory', { config: BankConfigStore; negative: NegativeListStore }>;

beforeAll(async () => {
  client = new DynamoDBClient({ region: 'cn-north-1', endpoint: inject('endpoints').dynamodb, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await ensureTable(client, table);
  ports.dynamodb = { config: new DynamoBankConfigStore(client, table, clock), negative: new DynamoNegativeList(client, table, clock) };
  const history = new MemoryAdminHistory(clock);
  ports.memory = { config: new MemoryBankConfigStore(history), negative: new MemoryNegativeList(history) };
});
afterAll(() => client?.destroy());

const proposal = (over: Partial<ConfigProposal> = {}): ConfigProposal => ({
  id: randomUUID(), baseVersion: 1, changes: {}, effectiveFrom: new Date().toISOString(), reason: 'r', proposedBy: 'hq',
  proposedAt: new Date().toISOString(), status: 'pending', impact: { currentVersion: 1, candidateVersion: 2, total: 0, changedOutcomes: 0, differences: [] }, ...over,
});

describe.each(['dynamodb', 'memory'] as const)('%s adapters', (kind) => {
  it('starts from the seed, writes a version once, decides a proposal once, and chains the history', async () => {
    const { config } = ports[kind];
    expect((await config.versions()).map((v) => v.version)).toEqual([1]);
    expect((await config.inForce(new Date())).thresholds).toEqual(SEED_CONFIG.thresholds);
    const [a, b] = [proposal(), proposal()];
    await config.propose(a, { type: 'config-proposed', actor: 'hq', detail: { proposalId: a.id } });
    await config.propose(b, { type: 'config-proposed', actor: 'hq', detail: { proposalId: b.id } });
    const later = new Date(Date.now() + 60_000).toISOString();
    const v2 = { ...SEED_CONFIG, version: 2, effectiveFrom: later, lpr: { rateBps: 290, publishedOn: '2026-11-20' } };
    const [first, second] = await Promise.all([
      config.approve({ ...a, status: 'approved', decidedBy: 'hq2' }, v2, { type: 'config-approved', actor: 'hq2' }),
      config.approve({ ...b, status: 'approved', decidedBy: 'hq2' }, { ...v2, lpr: { rateBps: 280, publishedOn: '2026-11-20' } }, { type: 'config-approved', actor: 'hq2' }),
    ]);
    expect([first, second].sort()).toEqual(['ok', 'stale']);
    const winner = first === 'ok' ? a : b;
    expect(await config.approve({ ...winner, status: 'approved' }, { ...v2, version: 3 }, { type: 'config-approved', actor: 'x' })).toBe('decided');
    // Written, but not in force before its effective time.
    expect((await config.inForce(new Date())).version).toBe(1);
    expect((await config.inForce(new Date(Date.now() + 120_000))).version).toBe(2);
    expect((await config.get(2))!.lpr.rateBps).toBeGreaterThan(0);
    const loser = first === 'ok' ? b : a;
    expect(await config.reject({ ...loser, status: 'rejected', decisionReason: 'stale' }, { type: 'config-rejected', actor: 'hq2' })).toBe(true);
    expect(await config.reject({ ...loser, status: 'rejected' }, { type: 'config-rejected', actor: 'hq2' })).toBe(false);
    expect((await config.getProposal(loser.id))!.status).toBe('rejected');
    const history = await config.history();
    expect(history.map((e) => e.type)).toEqual(['config-proposed', 'config-proposed', 'config-approved', 'config-rejected']);
    expect(verifyChain(history)).toEqual({ ok: true, count: 4 });
  });

  it('keeps negative-list entries by code and list, and removes a code with its event', async () => {
    const { negative, config } = ports[kind];
    const entry = (list: 'litigation' | 'tax-violation') => ({ creditCode: '91410100317000520m', list, source: '法院', reason: 'r', detail: 'd', addedBy: 'hq', addedAt: new Date().toISOString() });
    await negative.put([entry('litigation'), entry('tax-violation')], { type: 'negative-list-added', actor: 'hq' });
    await negative.put([entry('litigation')], { type: 'negative-list-added', actor: 'hq' });
    expect((await negative.lookup(' 91410100317000520M ')).map((h) => [h.list, h.source])).toEqual([['litigation', '法院'], ['tax-violation', '法院']]);
    expect((await negative.remove('91410100317000520M', { type: 'negative-list-removed', actor: 'hq' }))).toHaveLength(2);
    expect(await negative.lookup('91410100317000520M')).toEqual([]);
    expect(await negative.remove('91410100317000520M', { type: 'negative-list-removed', actor: 'hq' })).toEqual([]);
    const history = await config.history();
    expect(history.slice(-3).map((e) => e.type)).toEqual(['negative-list-added', 'negative-list-added', 'negative-list-removed']);
    expect(verifyChain(history).ok).toBe(true);
  });
});
