/**
 * The enterprise store and the basic-account ledger against both adapters: DynamoDB Local's conditional writes and
 * transactions, and the in-memory twins, with the same cases. Limits must hold when requests race.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { generateCreditCode } from '../../shared/credit-code.js';
import { LocalLedger } from '../../functions/adapters/core-banking/local-ledger.js';
import { DynamoEnterpriseStore } from '../../functions/adapters/dynamodb/enterprise-store.js';
import { ensureTable } from '../../functions/adapters/dynamodb/table.js';
import { MemoryLedger } from '../../functions/adapters/memory/core-banking.js';
import { MemoryEnterpriseStore } from '../../functions/adapters/memory/enterprise-store.js';
import type { CoreBankingPort, DepositChallenge, EnterpriseStore } from '../../functions/core/ports.js';

const table = `kedai-kyb-${randomUUID().slice(0, 8)}`;
let client: DynamoDBClient;
const ports = {} as Record<'dynamodb' | 'memory', { store: EnterpriseStore; ledger: CoreBankingPort }>;

beforeAll(async () => {
  client = new DynamoDBClient({ region: 'cn-north-1', endpoint: inject('endpoints').dynamodb, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await ensureTable(client, table);
  const now = () => new Date();
  ports.dynamodb = { store: new DynamoEnterpriseStore(client, table), ledger: new LocalLedger(client, table, randomUUID, now) };
  ports.memory = { store: new MemoryEnterpriseStore(), ledger: new MemoryLedger(randomUUID, now) };
});
afterAll(() => client?.destroy());

const code = () => generateCreditCode(Math.random, '410100');
const now = () => new Date().toISOString();
function challenge(creditCode: string, username: string, over: Partial<DepositChallenge> = {}): DepositChallenge {
  return {
    creditCode, username, name: '郑州测试科技有限公司', amount: 42, memo: 'ABC234', attempts: 0,
    createdAt: now(), expiresAt: new Date(Date.now() + 3600_000).toISOString(), status: 'pending', ...over,
  };
}

describe.each(['dynamodb', 'memory'] as const)('%s adapters', (kind) => {
  const p = () => ports[kind];

  it('counts at most three wrong answers when ten race', async () => {
    const { store } = p();
    const c = code();
    await store.putChallenge(challenge(c, 'a@x.cn'));
    const results = await Promise.all(Array.from({ length: 10 }, () => store.recordWrongAnswer(c, 'a@x.cn', now(), 3)));
    expect(results.filter((r) => r !== null).sort()).toEqual([1, 2, 3]);
    expect((await store.getChallenge(c, 'a@x.cn'))!.attempts).toBe(3);
    expect(await store.claim(c, 'a@x.cn', now(), 3)).toBe('closed');
    expect(await store.owner(c)).toBeNull();
  });

  it('lets one of two accounts racing to claim become the owner; the other stays unbound', async () => {
    const { store } = p();
    const c = code();
    await Promise.all([store.putChallenge(challenge(c, 'a@x.cn')), store.putChallenge(challenge(c, 'b@x.cn'))]);
    const results = await Promise.all([store.claim(c, 'a@x.cn', now(), 3), store.claim(c, 'b@x.cn', now(), 3)]);
    expect([...results].sort()).toEqual(['claimed-by-another', 'verified']);
    const winner = results[0] === 'verified' ? 'a@x.cn' : 'b@x.cn';
    const loser = winner === 'a@x.cn' ? 'b@x.cn' : 'a@x.cn';
    expect((await store.owner(c))!.username).toBe(winner);
    expect(await store.binding(c, loser)).toBeNull();
    expect((await store.listForAccount(winner)).find((e) => e.creditCode === c)).toMatchObject({ role: 'owner', status: 'verified' });
    expect(await store.claimed([c, code()])).toEqual(new Set([c]));
    expect(await store.seedOwner({ creditCode: c, name: 'x', username: loser, role: 'owner', since: now() })).toBe(false);
  });

  it('closes an expired challenge', async () => {
    const { store } = p();
    const c = code();
    await store.putChallenge(challenge(c, 'a@x.cn', { expiresAt: new Date(Date.now() - 1000).toISOString() }));
    expect(await store.recordWrongAnswer(c, 'a@x.cn', now(), 3)).toBeNull();
    expect(await store.claim(c, 'a@x.cn', now(), 3)).toBe('closed');
  });

  it('adds a member once and lists pending deposits apart from bindings', async () => {
    const { store } = p();
    const c = code();
    await store.putChallenge(challenge(c, 'owner@x.cn'));
    expect((await store.listForAccount('owner@x.cn')).find((e) => e.creditCode === c)).toMatchObject({ status: 'deposit-sent' });
    expect(await store.claim(c, 'owner@x.cn', now(), 3)).toBe('verified');
    const member = { creditCode: c, name: 'x', username: 'm@x.cn', role: 'member' as const, since: now() };
    const added = await Promise.all([store.addMember(member), store.addMember(member)]);
    expect([...added].sort()).toEqual([false, true]);
    expect(await store.addMember({ ...member, username: 'owner@x.cn' })).toBe(false);
    expect((await store.binding(c, 'm@x.cn'))!.role).toBe('member');
    expect((await store.listForAccount('owner@x.cn')).filter((e) => e.creditCode === c)).toEqual([expect.objectContaining({ role: 'owner', status: 'verified' })]);
  });

  it('counts legal-representative mismatches in a window and refuses past the limit under a race', async () => {
    const { store } = p();
    const c = code();
    const results = await Promise.all(Array.from({ length: 8 }, () => store.recordMismatch(c, 'a@x.cn', now(), 3600_000, 5)));
    expect(results.filter((r) => r !== null)).toHaveLength(5);
    expect(await store.mismatches(c, 'a@x.cn', now(), 3600_000)).toBe(5);
    const later = new Date(Date.now() + 3600_001).toISOString();
    expect(await store.mismatches(c, 'a@x.cn', later, 3600_000)).toBe(0);
    expect(await store.recordMismatch(c, 'a@x.cn', later, 3600_000, 5)).toBe(1);
  });

  it('keeps the basic account balance right under concurrent postings and posts a reference once', async () => {
    const { ledger } = p();
    const c = code();
    const posts = await Promise.all(Array.from({ length: 6 }, (_, i) => ledger.post({ creditCode: c, amount: 10 + i, direction: 'credit', memo: `M${i}`, reference: `r${i}` })));
    expect(posts.every((x) => !x.replayed)).toBe(true);
    const again = await ledger.post({ creditCode: c, amount: 999, direction: 'credit', memo: 'dup', reference: 'r0' });
    expect(again).toMatchObject({ replayed: true, amount: 10 });
    await ledger.post({ creditCode: c, amount: 5, direction: 'debit', memo: 'repayment', reference: 'd1' });
    const statement = await ledger.statement(c);
    expect(statement).toHaveLength(7);
    expect(statement[0]).toMatchObject({ direction: 'debit', amount: 5, balance: 75 - 5 });
    // Newest first, and each balance follows from the one before it.
    for (let i = 0; i < statement.length - 1; i++) {
      const s = statement[i];
      expect(s.balance).toBe(statement[i + 1].balance + (s.direction === 'credit' ? s.amount : -s.amount));
    }
    expect(statement.at(-1)!.balance).toBe(statement.at(-1)!.amount);
  });
});
