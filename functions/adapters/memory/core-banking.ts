/**
 * The core-banking port in memory: one payment per application, as the local ledger's conditional write keeps it,
 * and each enterprise's basic account as postings with a running balance, one per reference (micro-deposits,
 * disbursements, a loan's debit keys), a debit without the money taking nothing.
 */
import type { CoreBankingPort, DebitResult, Disbursement, Posting } from '../../core/ports.js';
import { io, stored } from './copy.js';

type Move = { amount: number; direction: 'credit' | 'debit'; memo: string };

export class MemoryLedger implements CoreBankingPort {
  private readonly paid = new Map<string, Disbursement>();
  private readonly accounts = new Map<string, Posting[]>();

  constructor(private readonly newId: () => string, private readonly now: () => Date) {}

  async disburse(req: { applicationId: string; amount: number; account: string; creditCode?: string }) {
    await io();
    const prior = this.paid.get(req.applicationId);
    const payment: Disbursement = prior ?? {
      transactionId: `LOCAL-${this.newId()}`, applicationId: req.applicationId, amount: req.amount, account: req.account, at: this.now().toISOString(),
    };
    this.paid.set(req.applicationId, payment);
    if (req.creditCode) this.postIf(req.creditCode, `disburse#${req.applicationId}`, () => ({ amount: req.amount, direction: 'credit', memo: `贷款发放 ${req.applicationId}` }));
    return { ...stored(payment), replayed: !!prior };
  }

  async payments(applicationId: string) {
    await io();
    const payment = this.paid.get(applicationId);
    return payment ? [stored(payment)] : [];
  }

  async post(req: { creditCode: string; amount: number; direction: 'credit' | 'debit'; memo: string; reference: string }) {
    await io();
    const out = this.postIf(req.creditCode, req.reference, () => req);
    if ('refused' in out) throw new Error('unreachable: an unconditional post is never refused');
    return stored(out);
  }

  async accountBalance(creditCode: string) {
    await io();
    return this.balance(creditCode);
  }

  async debit(req: { creditCode: string; key: string; amount: number; memo: string; allowPartial?: boolean }): Promise<DebitResult> {
    await io();
    const out = this.postIf(req.creditCode, req.key, (balance) => {
      const amount = req.allowPartial ? Math.min(balance, req.amount) : req.amount;
      return amount <= 0 || balance < amount ? null : { amount, direction: 'debit', memo: req.memo };
    });
    if ('refused' in out) return { ok: false, reason: 'insufficient-funds', balance: out.balance };
    return { ok: true, transactionId: out.id, amount: out.amount, at: out.at, balance: this.balance(req.creditCode), replayed: out.replayed };
  }

  async setAccountBalance(creditCode: string, balance: number) {
    await io();
    this.postIf(creditCode, `adjust#${this.newId()}`, (current) => current === balance ? null
      : { amount: Math.abs(balance - current), direction: balance > current ? 'credit' : 'debit', memo: '模拟器余额调整 simulator adjustment' });
  }

  async statement(creditCode: string) {
    await io();
    return stored([...(this.accounts.get(creditCode) ?? [])].reverse());
  }

  private balance(creditCode: string) {
    return this.accounts.get(creditCode)?.at(-1)?.balance ?? 0;
  }

  /** Synchronous, so nothing interleaves between the balance read and the posting. */
  private postIf(creditCode: string, reference: string, decide: (balance: number) => Move | null): (Posting & { replayed: boolean }) | { refused: true; balance: number } {
    const postings = this.accounts.get(creditCode) ?? [];
    const prior = postings.find((p) => p.reference === reference);
    if (prior) return { ...stored(prior), replayed: true };
    const current = this.balance(creditCode);
    const move = decide(current);
    if (!move) return { refused: true, balance: current };
    const posting: Posting = {
      id: `LOCAL-${this.newId()}`, at: this.now().toISOString(), ...move, balance: current + (move.direction === 'credit' ? move.amount : -move.amount), reference,
    };
    this.accounts.set(creditCode, [...postings, posting]);
    return { ...stored(posting), replayed: false };
  }
}
