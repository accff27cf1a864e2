/** The core-banking port in memory: one payment per application, as the local ledger's conditional write keeps it. */
import type { CoreBankingPort, Disbursement } from '../../core/ports.js';
import { io, stored } from './copy.js';

export class MemoryLedger implements CoreBankingPort {
  private readonly paid = new Map<string, Disbursement>();

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
}
