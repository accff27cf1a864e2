/**
 * The core-banking port in memory: one payment per application, as the local ledger's conditional write keeps it,
 * and each enterprise's basic account as postings with a running balance, one per reference.
 */
import type { CoreBankingPort, Disbursement, Posting } from '../../core/ports.js';
import { io, stored } from './copy.js';

export class MemoryLedger implements CoreBankingPort {
  private readonly paid = new Map<string, Disbursement>();
  private readonly accounts = new Map<string, Posting[]>();

  constructor(private readonly newId: () => string, private readonly now: () => Date) {}

  async disburse(req: { applicationId: string; amount: number; account: string }) {
    await io();
    const prior = this.paid.get(req.applicationId);
    if (prior) return { ...stored(prior), replayed: true };
    const payment: Disbursement = {
      transactionId: `LOCAL-${this.newId()}`, applicationId: req.applicationId, amount: req.amount, account: req.account, at: this.now().toISOString(),
    };
    this.paid.set(req.applicationId, payment);
    return { ...stored(payment), replayed: false };
  }

  async payments(applicationId: string) {
    await io();
    const payment = this.paid.get(applicationId);
    return payment ? [stored(payment)] : [];
  }

  async post(req: { creditCode: string; amount: number; direction: 'credit' | 'debit'; memo: string; reference: string }) {
    await io();
    const postings = this.accounts.get(req.creditCode) ?? [];
    const prior = postings.find((p) => p.reference === req.reference);
    if (prior) return { ...stored(prior), replayed: true };
    const balance = (postings.at(-1)?.balance ?? 0) + (req.direction === 'credit' ? req.amount : -req.amount);
    const posting: Posting = {
      id: `LOCAL-${this.newId()}`, at: this.now().toISOString(), amount: req.amount, direction: req.direction, memo: req.memo, balance, reference: req.reference,
    };
    this.accounts.set(req.creditCode, [...postings, posting]);
    return { ...stored(posting), replayed: false };
  }

  async statement(creditCode: string) {
    await io();
    return stored([...(this.accounts.get(creditCode) ?? [])].reverse());
  }
}
