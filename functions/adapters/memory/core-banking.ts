/**
 * The core-banking port in memory: one payment per application, as the local ledger's conditional write keeps it;
 * a balance per enterprise account, and debits taken once per key.
 */
import type { CoreBankingPort, DebitResult, Disbursement } from '../../core/ports.js';
import { io, stored } from './copy.js';

export class MemoryLedger implements CoreBankingPort {
  private readonly paid = new Map<string, Disbursement>();
  private readonly balances = new Map<string, number>();
  private readonly debits = new Map<string, DebitResult & { ok: true }>();

  constructor(private readonly newId: () => string, private readonly now: () => Date) {}

  async disburse(req: { applicationId: string; amount: number; account: string; creditCode?: string }) {
    await io();
    const prior = this.paid.get(req.applicationId);
    if (prior) return { ...stored(prior), replayed: true };
    const payment: Disbursement = {
      transactionId: `LOCAL-${this.newId()}`, applicationId: req.applicationId, amount: req.amount, account: req.account, at: this.now().toISOString(),
    };
    this.paid.set(req.applicationId, payment);
    if (req.creditCode) this.balances.set(req.creditCode, (this.balances.get(req.creditCode) ?? 0) + req.amount);
    return { ...stored(payment), replayed: false };
  }

  async payments(applicationId: string) {
    await io();
    const payment = this.paid.get(applicationId);
    return payment ? [stored(payment)] : [];
  }

  async accountBalance(creditCode: string) {
    await io();
    return this.balances.get(creditCode) ?? 0;
  }

  async debit(req: { creditCode: string; key: string; amount: number; memo: string; allowPartial?: boolean }): Promise<DebitResult> {
    await io();
    const prior = this.debits.get(req.key);
    if (prior) return { ...prior, replayed: true };
    const balance = this.balances.get(req.creditCode) ?? 0;
    const amount = req.allowPartial ? Math.min(balance, req.amount) : req.amount;
    if (amount <= 0 || balance < amount) return { ok: false, reason: 'insufficient-funds', balance };
    this.balances.set(req.creditCode, balance - amount);
    const taken = { ok: true as const, transactionId: `LOCAL-${this.newId()}`, amount, at: this.now().toISOString(), balance: balance - amount, replayed: false };
    this.debits.set(req.key, taken);
    return { ...taken };
  }

  async setAccountBalance(creditCode: string, balance: number) {
    await io();
    this.balances.set(creditCode, balance);
  }
}
