/**
 * The loan ports on both adapters (DynamoDB on the emulator, in memory), same cases: balances and debits taken
 * once per key, loans version-checked and paged by branch, tasks created once and completed while open, signals.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { generateCreditCode } from '../../shared/credit-code.js';
import { buildSchedule } from '../../shared/schedule.js';
import type { FollowUpTask } from '../../shared/servicing/follow-up.js';
import { openBook, type LoanRecord } from '../../shared/servicing/loan.js';
import { LocalLedger } from '../../functions/adapters/core-banking/local-ledger.js';
import { DynamoFollowUpTasks } from '../../functions/adapters/dynamodb/follow-up-tasks.js';
import { DynamoLoanStore } from '../../functions/adapters/dynamodb/loan-store.js';
import { ensureTable } from '../../functions/adapters/dynamodb/table.js';
import { LocalExternalSignals } from '../../functions/adapters/external-signals/local-external-signals.js';
import { MemoryLedger } from '../../functions/adapters/memory/core-banking.js';
import { MemoryExternalSignals } from '../../functions/adapters/memory/external-signals.js';
import { MemoryFollowUpTasks } from '../../functions/adapters/memory/follow-up-tasks.js';
import { MemoryLoanStore } from '../../functions/adapters/memory/loan-store.js';
import type { CoreBankingPort, ExternalSignalsPort, FollowUpTaskStore, LoanStore } from '../../functions/core/ports.js';

interface Ports { ledger: CoreBankingPort; loans: LoanStore; tasks: FollowUpTaskStore; signals: ExternalSignalsPort }
const table = `kedai-loans-${randomUUID().slice(0, 8)}`;
let client: DynamoDBClient;
const ports: Record<'dynamodb' | 'memory', Ports> = {} as never;
let seed = 7;
const code = () => generateCreditCode(() => { seed = (seed * 48271) % 2147483647; return seed / 2147483647; }, '410100');

beforeAll(async () => {
  client = new DynamoDBClient({ region: 'cn-north-1', endpoint: inject('endpoints').dynamodb, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await ensureTable(client, table);
  const now = () => new Date();
  ports.dynamodb = { ledger: new LocalLedger(client, table, randomUUID, now), loans: new DynamoLoanStore(client, table), tasks: new DynamoFollowUpTasks(client, table), signals: new LocalExternalSignals(client, table, randomUUID) };
  ports.memory = { ledger: new MemoryLedger(randomUUID, now), loans: new MemoryLoanStore(), tasks: new MemoryFollowUpTasks(), signals: new MemoryExternalSignals() };
});
afterAll(() => client?.destroy());

function loan(branch: string, creditCode = code()): LoanRecord {
  const schedule = buildSchedule({ principal: 1_000_000, rateBps: 360, termMonths: 3, method: 'equal-principal', startDate: '2026-01-10' });
  const at = new Date().toISOString();
  return {
    ...openBook({ principal: 1_000_000, rateBps: 360, startDate: '2026-01-10', maturityDate: schedule[2].dueDate, method: 'equal-principal', termMonths: 3 }, schedule),
    id: randomUUID(), version: 1, status: 'active', ownerId: 'o', borrower: { name: '测试企业', creditCode }, branch: { code: branch, name: branch, nameZh: branch },
    accountManager: 'am', product: 'tech-loan', contractNo: 'KD-1', repaymentAccount: { accountName: 'x', accountNo: '1', bankName: 'b' },
    disbursement: { transactionId: 't', at, amount: 1_000_000 }, createdAt: at, updatedAt: at, servicedThrough: '2026-01-10', daysPastDue: 0,
    classification: { class: 'normal', since: '2026-01-10', reasons: [] }, classHistory: [], band: 'green', quotes: [], reminders: [], history: [],
  };
}

describe.each(['dynamodb', 'memory'] as const)('%s loan adapters', (kind) => {
  const p = () => ports[kind];

  it('credits the disbursement to the account and takes each debit key once; without the money nothing is taken', async () => {
    const { ledger } = p();
    const cc = code();
    await ledger.disburse({ applicationId: randomUUID(), amount: 10_000, account: `${cc} basic account`, creditCode: cc });
    expect(await ledger.accountBalance(cc)).toBe(10_000);
    const [a, b] = await Promise.all([
      ledger.debit({ creditCode: cc, key: `${cc}#P1#0`, amount: 4_000, memo: '还款' }),
      ledger.debit({ creditCode: cc, key: `${cc}#P1#0`, amount: 4_000, memo: '还款' }),
    ]);
    expect([a, b].filter((r) => r.ok && !r.replayed)).toHaveLength(1);
    expect(await ledger.accountBalance(cc)).toBe(6_000);
    expect(await ledger.debit({ creditCode: cc, key: `${cc}#P2#0`, amount: 7_000, memo: '还款' })).toMatchObject({ ok: false, reason: 'insufficient-funds', balance: 6_000 });
    expect(await ledger.debit({ creditCode: cc, key: `${cc}#P2#0`, amount: 7_000, memo: '还款', allowPartial: true })).toMatchObject({ ok: true, amount: 6_000 });
    expect(await ledger.accountBalance(cc)).toBe(0);
    await ledger.setAccountBalance!(cc, 50);
    expect(await ledger.accountBalance(cc)).toBe(50);
  });

  it('creates a loan once, writes version-checked updates, lists by borrower and pages a branch in id order', async () => {
    const { loans } = p();
    const branch = `b${randomUUID().slice(0, 6)}`;
    const cc = code();
    const made = await Promise.all([loan(branch, cc), loan(branch, cc), loan(branch)].map((l) => loans.create(l)));
    expect(made.every((m) => m.created)).toBe(true);
    expect((await loans.create(made[0].loan)).created).toBe(false);
    const next = { ...made[0].loan, version: 2, daysPastDue: 3 };
    expect(await loans.update(next)).toBe(true);
    expect(await loans.update({ ...made[0].loan, version: 2 })).toBe(false);
    expect((await loans.get(next.id))!.daysPastDue).toBe(3);
    expect((await loans.listByBorrower(cc)).map((l) => l.id).sort()).toEqual([made[0].loan.id, made[1].loan.id].sort());
    const first = await loans.branchPage(branch, { limit: 2 });
    const second = await loans.branchPage(branch, { limit: 2, cursor: first.cursor });
    const ids = [...first.items, ...second.items].map((l) => l.id);
    expect(ids).toEqual(made.map((m) => m.loan.id).sort());
    expect(second.cursor).toBeUndefined();
    await expect(loans.branchPage('other', { limit: 2, cursor: first.cursor })).rejects.toMatchObject({ code: 'invalid-cursor' });
  });

  it('gives back every field servicing and a restructuring write, Chinese text and nested history included', async () => {
    const { loans } = p();
    const base = loan(`b${randomUUID().slice(0, 6)}`);
    await loans.create(base);
    const next: LoanRecord = {
      ...base, version: 2, restructuredUntil: '2027-02-10', daysPastDue: 12, status: 'overdue', band: 'yellow', healthIndex: 61,
      classification: { class: 'special-mention', since: '2026-02-11', reasons: [{ zh: '重组观察期至2027-02-10', en: 'Restructured; under observation until 2027-02-10' }] },
      classHistory: [{ at: '2026-02-11', from: 'normal', to: 'special-mention', reasons: [{ zh: '逾期12天', en: '12 days past due' }] }],
      history: [{ at: new Date().toISOString(), type: 'restructured', detail: { by: 'am.zhengzhou@demo.kedai', reason: '展期六个月，利率不变', observationUntil: '2027-02-10' } }],
      reminders: ['1:before', '1:due'], scheduledPrepayment: { quoteId: 'q-1', date: '2026-03-01' },
    };
    expect(await loans.update(next)).toBe(true);
    expect(await loans.get(base.id)).toEqual(next);
    expect((await loans.listByBorrower(base.borrower.creditCode)).find((l) => l.id === base.id)).toEqual(next);
  });

  it('creates a task once by id and completes it only while open', async () => {
    const { tasks } = p();
    const at = new Date().toISOString();
    const task: FollowUpTask = { id: randomUUID(), loanId: 'l', kind: 'verify-warning', assignee: `am-${kind}`, branch: `br-${kind}`, borrower: '测试', createdAt: at, dueBy: at, status: 'open', reason: { zh: '核实', en: 'verify' } };
    expect(await tasks.create(task)).toBe(true);
    expect(await tasks.create(task)).toBe(false);
    expect(await tasks.update({ ...task, status: 'done' })).toBe(true);
    expect(await tasks.update({ ...task, status: 'escalated' })).toBe(false);
    expect((await tasks.get(task.id))!.status).toBe('done');
    expect((await tasks.listByAssignee(`am-${kind}`)).map((t) => t.id)).toContain(task.id);
    expect((await tasks.listByBranch(`br-${kind}`)).map((t) => t.id)).toContain(task.id);
  });

  it('keeps injected signals in order and answers those after a time', async () => {
    const { signals } = p();
    const cc = code();
    await signals.inject!({ creditCode: cc, kind: 'court-case', at: '2026-01-01T00:00:00.000Z', detail: '买卖合同纠纷' });
    await signals.inject!({ creditCode: cc, kind: 'tax-arrears', at: '2026-02-01T00:00:00.000Z', detail: '欠税' });
    expect((await signals.signals(cc)).map((s) => s.kind)).toEqual(['court-case', 'tax-arrears']);
    expect((await signals.signals(cc, '2026-01-15T00:00:00.000Z')).map((s) => s.kind)).toEqual(['tax-arrears']);
  });
});
