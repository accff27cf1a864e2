import { describe, expect, it } from 'vitest';
import { APPLICATION_STATUSES } from '../../shared/catalog.js';
import {
  APPLICATION_LIFECYCLE, LOAN_LIFECYCLE, LOAN_STATUSES, checkChange, nextStatuses, reachable,
} from '../../shared/lifecycle.js';

describe('the application lifecycle table', () => {
  it('reaches every status from draft', () => {
    expect([...reachable(APPLICATION_LIFECYCLE)].sort()).toEqual([...APPLICATION_STATUSES].sort());
  });

  it('names only statuses it knows, and lists every status in the updates', () => {
    for (const m of APPLICATION_LIFECYCLE.moves) {
      expect(APPLICATION_STATUSES).toContain(m.from);
      expect(APPLICATION_STATUSES).toContain(m.to);
      expect(m.by.length, `${m.from} → ${m.to} has someone who may cause it`).toBeGreaterThan(0);
    }
    expect(Object.keys(APPLICATION_LIFECYCLE.updates).sort()).toEqual([...APPLICATION_STATUSES].sort());
  });

  it('refuses a move that is not in the table, saying what the status can become', () => {
    const v = checkChange(APPLICATION_LIFECYCLE, 'approved', 'draft', ['head-office', 'approver']);
    expect(v).toEqual({ ok: false, kind: 'illegal', message: 'An application that is approved cannot become draft (it can become signed).', params: { from: 'approved', to: 'draft' } });
    const final = checkChange(APPLICATION_LIFECYCLE, 'active', 'draft', ['system']);
    expect(final.ok).toBe(false);
    expect(!final.ok && final.message).toMatch(/it is final/);
  });

  it('refuses a move by someone who may not cause it', () => {
    const v = checkChange(APPLICATION_LIFECYCLE, 'submitted', 'approved', ['applicant']);
    expect(v.ok).toBe(false);
    expect(!v.ok && v.kind).toBe('not-permitted');
    expect(!v.ok && v.message).toBe('Only the decision workflow may move an application from submitted to approved (approved automatically).');
    expect(checkChange(APPLICATION_LIFECYCLE, 'submitted', 'approved', ['workflow']).ok).toBe(true);
    expect(checkChange(APPLICATION_LIFECYCLE, 'in-review', 'approved', ['risk-manager']).ok).toBe(false);
    expect(checkChange(APPLICATION_LIFECYCLE, 'in-review', 'approved', ['approver']).ok).toBe(true);
  });

  it('allows same-status updates per status and role', () => {
    expect(checkChange(APPLICATION_LIFECYCLE, 'in-review', 'in-review', ['account-manager']).ok).toBe(true);
    expect(checkChange(APPLICATION_LIFECYCLE, 'in-review', 'in-review', ['sla']).ok).toBe(true);
    const applicant = checkChange(APPLICATION_LIFECYCLE, 'in-review', 'in-review', ['applicant']);
    expect(!applicant.ok && applicant.kind).toBe('not-permitted');
    const rejected = checkChange(APPLICATION_LIFECYCLE, 'rejected', 'rejected', ['head-office']);
    expect(!rejected.ok && rejected.kind).toBe('illegal');
  });
});

describe('withdrawal', () => {
  it('lets only the applicant withdraw a draft or a returned application, and withdrawn is final', () => {
    expect(checkChange(APPLICATION_LIFECYCLE, 'draft', 'withdrawn', ['applicant']).ok).toBe(true);
    expect(checkChange(APPLICATION_LIFECYCLE, 'returned', 'withdrawn', ['applicant']).ok).toBe(true);
    expect(checkChange(APPLICATION_LIFECYCLE, 'returned', 'withdrawn', ['approver']).ok).toBe(false);
    const submitted = checkChange(APPLICATION_LIFECYCLE, 'submitted', 'withdrawn', ['applicant']);
    expect(!submitted.ok && submitted.kind).toBe('illegal');
    expect(nextStatuses(APPLICATION_LIFECYCLE, 'withdrawn')).toEqual([]);
    expect(checkChange(APPLICATION_LIFECYCLE, 'withdrawn', 'withdrawn', ['applicant']).ok).toBe(false);
  });
});

describe('the loan lifecycle table', () => {
  it('reaches every status from active, and settled is final', () => {
    expect([...reachable(LOAN_LIFECYCLE)].sort()).toEqual([...LOAN_STATUSES].sort());
    expect(nextStatuses(LOAN_LIFECYCLE, 'settled')).toEqual([]);
    expect(checkChange(LOAN_LIFECYCLE, 'active', 'overdue', ['servicing']).ok).toBe(true);
    expect(checkChange(LOAN_LIFECYCLE, 'active', 'overdue', ['applicant']).ok).toBe(false);
  });
});
