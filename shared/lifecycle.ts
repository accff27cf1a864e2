/**
 * The lifecycles as data: every status of an application (DESIGN.md §6) and of a loan (§7.2), the moves
 * allowed between them, and who may cause each. functions/core/transition.ts refuses to write anything
 * this table does not allow, so an illegal move cannot be stored.
 */
import { APPLICATION_STATUSES, type ApplicationStatus } from './catalog.js';
import { ROLE_LABELS, STAFF_ROLES, type Role } from './roles.js';

/** Parts of the system that change records on their own, not on a person's request. */
export const SYSTEM_ACTORS = [
  'workflow', 'sla', 'monitoring', 'system', 'loan-centre', 'bank', 'core-banking', 'servicing',
] as const;
export type SystemActor = (typeof SYSTEM_ACTORS)[number];
export const isSystemActor = (a: string): a is SystemActor => (SYSTEM_ACTORS as readonly string[]).includes(a);

/** Who can cause a change: a person by one of their roles, or a system actor. */
export type Cause = Role | SystemActor;

const SYSTEM_LABELS: Record<SystemActor, string> = {
  workflow: 'the decision workflow',
  sla: 'the SLA escalation job',
  monitoring: 'post-loan monitoring',
  system: 'the portal itself',
  'loan-centre': 'the loan centre\'s automatic review',
  bank: 'the bank\'s seal',
  'core-banking': 'core banking',
  servicing: 'loan servicing',
};
export const causeLabel = (c: Cause): string =>
  isSystemActor(c) ? SYSTEM_LABELS[c] : `a ${ROLE_LABELS[c].en.toLowerCase()}`;

export interface Move<S extends string> {
  from: S;
  to: S;
  by: readonly Cause[];
  /** What the move means, for people reading the table or an error. */
  what: string;
}

export interface Lifecycle<S extends string> {
  /** What the records are called in messages. */
  noun: string;
  statuses: readonly S[];
  initial: S;
  moves: readonly Move<S>[];
  /** Who may change a record without changing its status (claims, notes, audit steps), per status. */
  updates: Record<S, readonly Cause[]>;
}

/** Everyone on the human review chain who may end it (shared/review-chain.ts decides who acts at which stage). */
const DECIDERS = ['approver', 'head-office', 'committee'] as const;
const REVIEWERS = ['risk-manager', 'approver', 'head-office'] as const;

export const APPLICATION_LIFECYCLE: Lifecycle<ApplicationStatus> = {
  noun: 'application',
  statuses: APPLICATION_STATUSES,
  initial: 'draft',
  moves: [
    { from: 'draft', to: 'submitted', by: ['applicant'], what: 'submitted for a decision' },
    { from: 'returned', to: 'submitted', by: ['applicant'], what: 'submitted again after a return' },
    { from: 'submitted', to: 'approved', by: ['workflow'], what: 'approved automatically' },
    { from: 'submitted', to: 'rejected', by: ['workflow'], what: 'declined automatically' },
    { from: 'submitted', to: 'in-review', by: ['workflow'], what: 'referred to people' },
    { from: 'in-review', to: 'approved', by: DECIDERS, what: 'approved after review' },
    { from: 'in-review', to: 'rejected', by: [...REVIEWERS, 'committee'], what: 'declined after review' },
    { from: 'in-review', to: 'returned', by: REVIEWERS, what: 'returned to the applicant to fix' },
    { from: 'rejected', to: 'in-review', by: ['account-manager'], what: 'sent for manual reconsideration' },
    { from: 'approved', to: 'signed', by: ['applicant'], what: 'contract signed by the borrower' },
    { from: 'signed', to: 'active', by: ['core-banking'], what: 'loan paid out' },
    { from: 'draft', to: 'withdrawn', by: ['applicant'], what: 'draft withdrawn by the applicant' },
    { from: 'returned', to: 'withdrawn', by: ['applicant'], what: 'withdrawn by the applicant after a return' },
  ],
  updates: {
    draft: ['applicant'],
    submitted: [],
    'in-review': [...STAFF_ROLES, 'sla'],
    returned: ['applicant'],
    // Contract steps: generated (by the portal, on whoever opens it first), viewed, codes sent and tried.
    approved: ['applicant', 'system'],
    signed: ['system', 'loan-centre', 'bank'],
    active: ['system', 'monitoring'],
    rejected: [],
    withdrawn: [],
  },
};

/** DESIGN.md §7.2; loans are not built yet, the table is here so they start with one. */
export const LOAN_STATUSES = ['active', 'overdue', 'settled'] as const;
export type LoanStatus = (typeof LOAN_STATUSES)[number];

export const LOAN_LIFECYCLE: Lifecycle<LoanStatus> = {
  noun: 'loan',
  statuses: LOAN_STATUSES,
  initial: 'active',
  moves: [
    { from: 'active', to: 'overdue', by: ['servicing'], what: 'a repayment was missed' },
    { from: 'overdue', to: 'active', by: ['servicing'], what: 'the arrears were paid' },
    // A prepayment in full is the borrower's request; servicing settles the loan when the money arrives.
    { from: 'active', to: 'settled', by: ['servicing'], what: 'repaid in full' },
    { from: 'overdue', to: 'settled', by: ['servicing'], what: 'repaid in full' },
  ],
  updates: {
    active: ['servicing', 'monitoring', 'account-manager', 'applicant'],
    overdue: ['servicing', 'monitoring', 'account-manager', 'applicant'],
    settled: [],
  },
};

export type Verdict =
  | { ok: true; move?: Move<string> }
  | { ok: false; kind: 'illegal' | 'not-permitted'; message: string; params: { from: string; to: string; by?: string[] } };

const article = (s: string) => (/^[aeiou]/.test(s) ? 'an' : 'a');
const list = (causes: readonly Cause[]) => causes.map(causeLabel).join(', ').replace(/, ([^,]*)$/, ' or $1');

/**
 * May someone acting as any of `causes` change a record from `from` to `to` (the same status: an update)?
 * The answer says why not in words a person can act on.
 */
export function checkChange<S extends string>(lc: Lifecycle<S>, from: S, to: S, causes: readonly Cause[]): Verdict {
  if (from === to) {
    const allowed = lc.updates[from] ?? [];
    if (!allowed.length) return { ok: false, kind: 'illegal', message: `This ${lc.noun} is ${from}; nothing more can be changed on it.`, params: { from, to } };
    if (!causes.some((c) => allowed.includes(c))) {
      return { ok: false, kind: 'not-permitted', message: `While ${article(lc.noun)} ${lc.noun} is ${from}, only ${list(allowed)} may change it.`, params: { from, to, by: [...allowed] } };
    }
    return { ok: true };
  }
  const move = lc.moves.find((m) => m.from === from && m.to === to);
  if (!move) {
    const next = nextStatuses(lc, from);
    return {
      ok: false, kind: 'illegal',
      message: `${article(lc.noun) === 'an' ? 'An' : 'A'} ${lc.noun} that is ${from} cannot become ${to}`
        + (next.length ? ` (it can become ${next.join(', ').replace(/, ([^,]*)$/, ' or $1')}).` : '; it is final.'),
      params: { from, to },
    };
  }
  if (!causes.some((c) => move.by.includes(c))) {
    return { ok: false, kind: 'not-permitted', message: `Only ${list(move.by)} may move ${article(lc.noun)} ${lc.noun} from ${from} to ${to} (${move.what}).`, params: { from, to, by: [...move.by] } };
  }
  return { ok: true, move };
}

export const nextStatuses = <S extends string>(lc: Lifecycle<S>, from: S): S[] =>
  lc.moves.filter((m) => m.from === from).map((m) => m.to);

/** Every status reachable from the initial one (a status nobody can reach is a mistake in the table). */
export function reachable<S extends string>(lc: Lifecycle<S>): Set<S> {
  const seen = new Set<S>([lc.initial]);
  const todo = [lc.initial];
  while (todo.length) for (const to of nextStatuses(lc, todo.pop()!)) if (!seen.has(to)) { seen.add(to); todo.push(to); }
  return seen;
}

