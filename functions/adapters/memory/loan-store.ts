/** The loan store in memory: the same keys and version checks as the DynamoDB adapter, pages in the same id order. */
import type { LoanRecord } from '../../../shared/servicing/loan.js';
import type { LoanStore } from '../../core/ports.js';
import { decodeLoanCursor, encodeCursor } from '../store-keys.js';
import { byKey, io, stored } from './copy.js';

export class MemoryLoanStore implements LoanStore {
  private readonly loans = new Map<string, LoanRecord>();
  private readonly byBranch = new Map<string, string[]>();
  private readonly byBorrower = new Map<string, string[]>();

  async create(loan: LoanRecord) {
    await io();
    const prior = this.loans.get(loan.id);
    if (prior) return { loan: stored(prior), created: false };
    this.loans.set(loan.id, stored(loan));
    const ids = this.byBranch.get(loan.branch.code) ?? [];
    ids.push(loan.id);
    ids.sort(byKey);
    this.byBranch.set(loan.branch.code, ids);
    const mine = this.byBorrower.get(loan.borrower.creditCode) ?? [];
    mine.push(loan.id);
    mine.sort(byKey);
    this.byBorrower.set(loan.borrower.creditCode, mine);
    return { loan: stored(loan), created: true };
  }

  async get(id: string) {
    await io();
    const l = this.loans.get(id);
    return l ? stored(l) : null;
  }

  async update(next: LoanRecord) {
    await io();
    const cur = this.loans.get(next.id);
    if (!cur || cur.version !== next.version - 1) return false;
    this.loans.set(next.id, stored(next));
    return true;
  }

  async listByBorrower(creditCode: string) {
    await io();
    return (this.byBorrower.get(creditCode) ?? []).map((id) => stored(this.loans.get(id)!));
  }

  async branchPage(branch: string, page: { limit: number; cursor?: string }) {
    await io();
    const ids = this.byBranch.get(branch) ?? [];
    const after = page.cursor ? decodeLoanCursor(page.cursor, `LOANBRANCH#${branch}`).gsi2sk : undefined;
    let start = 0;
    if (after !== undefined) while (start < ids.length && byKey(ids[start], after) <= 0) start++;
    const slice = ids.slice(start, start + page.limit);
    const more = start + page.limit < ids.length;
    const last = slice[slice.length - 1];
    return {
      items: slice.map((id) => stored(this.loans.get(id)!)),
      cursor: more && last ? encodeCursor({ pk: `LOAN#${last}`, sk: 'LOAN', gsi2pk: `LOANBRANCH#${branch}`, gsi2sk: last }) : undefined,
    };
  }
}
