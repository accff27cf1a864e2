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
    insertSorted(this.byBranch, loan.branch.code, loan.id);
    insertSorted(this.byBorrower, loan.borrower.creditCode, loan.id);
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
    const start = after === undefined ? 0 : firstAbove(ids, after);
    const slice = ids.slice(start, start + page.limit);
    const more = start + page.limit < ids.length;
    const last = slice[slice.length - 1];
    return {
      items: slice.map((id) => stored(this.loans.get(id)!)),
      cursor: more && last ? encodeCursor({ pk: `LOAN#${last}`, sk: 'LOAN', gsi2pk: `LOANBRANCH#${branch}`, gsi2sk: last }) : undefined,
    };
  }
}

/** Index of the first id ordered after `key` (binary search: the bench's 100,000 loans page in linear time). */
function firstAbove(ids: string[], key: string): number {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (byKey(ids[mid], key) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function insertSorted(index: Map<string, string[]>, key: string, id: string) {
  const ids = index.get(key) ?? [];
  ids.splice(firstAbove(ids, id), 0, id);
  index.set(key, ids);
}
