/**
 * The staff side of the loan's life (DESIGN.md §7.2): the branch's loans filtered by class, band and days past due,
 * the portfolio figures (outstanding by branch, band, class and DPD bucket, NPL ratio, open and overdue tasks), and
 * each person's follow-up tasks. Branch-scoped; head office (and the committee) see every branch.
 */
import { BRANCHES } from '../../../shared/divisions.js';
import { beijingDate } from '../../../shared/day-count.js';
import { DomainError, forbidden, notFound } from '../../../shared/errors.js';
import { LOAN_CLASS_CODES, isNonPerforming, reclassify, restructureObservationEnd, type LoanClassCode } from '../../../shared/servicing/classification.js';
import { dueByFor, followUpMayClose, isTaskOverdue, type FollowUpTask, type TaskOutcome } from '../../../shared/servicing/follow-up.js';
import { principalOutstanding, type LoanRecord } from '../../../shared/servicing/loan.js';
import type { Band } from '../../../shared/types.js';
import { isHeadOffice, requireStaff } from '../access.js';
import type { Deps, Principal } from '../ports.js';
import { transitionLoan } from '../transition.js';
import { classifyGroup } from './loan-servicing.js';

export const DPD_BUCKETS = ['current', '1-30', '31-90', '91-180', '181-360', '>360'] as const;
export type DpdBucket = (typeof DPD_BUCKETS)[number];
export const dpdBucket = (d: number): DpdBucket => (d <= 0 ? 'current' : d <= 30 ? '1-30' : d <= 90 ? '31-90' : d <= 180 ? '91-180' : d <= 360 ? '181-360' : '>360');

function branchesFor(p: Principal): string[] {
  requireStaff(p);
  if (isHeadOffice(p) || p.groups.includes('committee')) return BRANCHES.map((b) => b.code);
  if (!p.branch) throw forbidden('Your account is not assigned to a branch yet; ask head office.', { why: 'no-branch' });
  return [p.branch];
}

async function* loansOf(deps: Deps, branches: string[]): AsyncGenerator<LoanRecord> {
  for (const branch of branches) {
    let cursor: string | undefined;
    do {
      const page = await deps.loans.branchPage(branch, { limit: 500, cursor });
      yield* page.items;
      cursor = page.cursor;
    } while (cursor);
  }
}

export interface StaffLoanFilter { class?: LoanClassCode; band?: Band; dpdMin?: number }

export async function listStaffLoans(deps: Deps, p: Principal, filter: StaffLoanFilter) {
  const rows = [];
  for await (const l of loansOf(deps, branchesFor(p))) {
    if (filter.class && l.classification.class !== filter.class) continue;
    if (filter.band && l.band !== filter.band) continue;
    if (filter.dpdMin !== undefined && l.daysPastDue < filter.dpdMin) continue;
    rows.push({
      id: l.id, status: l.status, borrower: l.borrower, branch: l.branch, accountManager: l.accountManager,
      principal: l.terms.principal, principalOutstanding: principalOutstanding(l), daysPastDue: l.daysPastDue,
      class: l.classification.class, classSince: l.classification.since, reasons: l.classification.reasons, band: l.band,
      maturityDate: l.terms.maturityDate,
    });
  }
  return rows.sort((a, b) => b.daysPastDue - a.daysPastDue || a.id.localeCompare(b.id));
}

export async function portfolio(deps: Deps, p: Principal) {
  const branches = branchesFor(p);
  const zero = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, { count: 0, outstanding: 0 }])) as Record<K, { count: number; outstanding: number }>;
  const byClass = zero(LOAN_CLASS_CODES);
  const byBand = zero(['green', 'blue', 'yellow', 'orange', 'red'] as const);
  const byDpd = zero(DPD_BUCKETS);
  const byBranch: Record<string, { code: string; name: string; nameZh: string; count: number; outstanding: number; nonPerforming: number }> = {};
  let outstanding = 0;
  let nonPerforming = 0;
  let loans = 0;
  for await (const l of loansOf(deps, branches)) {
    if (l.status === 'settled') continue;
    const o = principalOutstanding(l);
    loans++;
    outstanding += o;
    const add = (slot: { count: number; outstanding: number }) => { slot.count++; slot.outstanding += o; };
    add(byClass[l.classification.class]);
    add(byBand[l.band]);
    add(byDpd[dpdBucket(l.daysPastDue)]);
    const b = (byBranch[l.branch.code] ??= { code: l.branch.code, name: l.branch.name, nameZh: l.branch.nameZh, count: 0, outstanding: 0, nonPerforming: 0 });
    b.count++; b.outstanding += o;
    if (isNonPerforming(l.classification.class)) { nonPerforming += o; b.nonPerforming += o; }
  }
  const now = deps.clock.now().toISOString();
  const tasks = (await Promise.all(branches.map((b) => deps.followUps.listByBranch(b)))).flat();
  return {
    asOf: beijingDate(now),
    loans, outstanding, nonPerforming,
    nplRatio: outstanding ? Math.round((nonPerforming / outstanding) * 10_000) / 10_000 : 0,
    byBranch: Object.values(byBranch).sort((a, b) => b.outstanding - a.outstanding),
    byBand, byClass, byDpdBucket: byDpd,
    tasks: { open: tasks.filter((t) => t.status === 'open').length, overdue: tasks.filter((t) => isTaskOverdue(t, now)).length },
  };
}

const presentTask = (t: FollowUpTask, now: string) => ({ ...t, overdue: isTaskOverdue(t, now) });

/** The caller's own tasks, open first, oldest first. */
export async function myTasks(deps: Deps, p: Principal) {
  requireStaff(p);
  const now = deps.clock.now().toISOString();
  const tasks = await deps.followUps.listByAssignee(p.username);
  return tasks.sort((a, b) => Number(a.status !== 'open') - Number(b.status !== 'open') || a.dueBy.localeCompare(b.dueBy)).map((t) => presentTask(t, now));
}

/**
 * Completes a task with its outcome. A confirmed warning opens its 30–60-day follow-up; `escalate` hands it to the
 * branch's risk manager; a follow-up closes as resolved only after 30 days.
 */
export async function completeTask(deps: Deps, p: Principal, id: string, input: { outcome: TaskOutcome; note: string }) {
  requireStaff(p);
  const task = /^[A-Za-z0-9:_.-]{1,160}$/.test(id) ? await deps.followUps.get(id) : null;
  if (!task || (task.assignee !== p.username && !isHeadOffice(p) && p.branch !== task.branch)) throw notFound('task');
  if (task.assignee !== p.username && !isHeadOffice(p) && !p.groups.includes('risk-manager')) throw forbidden('Only the task\'s owner, the branch\'s risk manager or head office can complete it.');
  if (task.status !== 'open') throw new DomainError('task-closed', `This task is already ${task.status}.`, 409);
  const now = deps.clock.now().toISOString();
  if (task.kind === 'follow-up' && input.outcome === 'resolved' && !followUpMayClose(task, now)) {
    throw new DomainError('follow-up-too-early', 'A follow-up runs at least 30 days before it can close; record progress or escalate.', 422, { outcome: 'At least 30 days of follow-up first.' });
  }
  const escalated = input.outcome === 'escalate';
  const done: FollowUpTask = { ...task, status: escalated ? 'escalated' : 'done', outcome: input.outcome, note: input.note, completedAt: now, completedBy: p.username };
  if (!(await deps.followUps.update(done))) throw new DomainError('changed-meanwhile', 'Someone completed this task at the same moment.', 409);
  if (task.kind === 'verify-warning' && input.outcome === 'confirmed') {
    await deps.followUps.create({
      ...task, id: `${task.id}-follow-up`, kind: 'follow-up', createdAt: now, dueBy: dueByFor('follow-up', now), status: 'open',
      outcome: undefined, note: undefined, completedAt: undefined, completedBy: undefined,
      reason: { zh: `跟踪已核实的预警（30–60天）：${task.reason.zh}`, en: `Follow up the confirmed warning (30–60 days): ${task.reason.en}` },
    });
  }
  if (escalated) {
    const rm = (await deps.staff.listStaff(task.branch)).find((s) => s.roles.includes('risk-manager'));
    if (rm) {
      await deps.followUps.create({
        ...task, id: `${task.id}-escalated`, assignee: rm.username, createdAt: now, dueBy: dueByFor('verify-warning', now), status: 'open',
        outcome: undefined, note: undefined, completedAt: undefined, completedBy: undefined,
        reason: { zh: `升级处理（${p.username}）：${task.reason.zh}`, en: `Escalated by ${p.username}: ${task.reason.en}` },
      });
      await deps.notifier.send(rm.username, { kind: 'task-escalated', subject: `贷后任务升级 / Task escalated: ${task.borrower}`, body: `${task.reason.zh} ${input.note}` });
    }
  }
  return presentTask(done, now);
}

/**
 * Marks a loan restructured (its terms changed for a borrower in difficulty, agreed outside the portal): the 2023
 * rule's observation period starts, during which the loan is at least special mention, and the class is worked
 * out again now, the change recorded with its reasons. The branch's account manager records it (no four eyes:
 * the restructuring itself was approved where it was agreed); a loan already under observation is extended.
 */
export async function markRestructured(deps: Deps, p: Principal, id: string, input: { reason: string }) {
  const branches = branchesFor(p);
  const loan = /^[A-Za-z0-9-]{1,64}$/.test(id) ? await deps.loans.get(id) : null;
  if (!loan || (!isHeadOffice(p) && !branches.includes(loan.branch.code))) throw notFound('loan');
  if (!p.groups.includes('account-manager')) throw forbidden('Only an account manager of the branch records a restructuring.');
  if (loan.status === 'settled') throw new DomainError('loan-settled', 'This loan is repaid in full; there is nothing to restructure.', 409);
  const today = beijingDate(deps.clock.now());
  const at = deps.clock.now().toISOString();
  const nextDue = loan.schedule.find((i) => i.principal + i.interest > i.paidPrincipal + i.paidInterest)?.dueDate ?? null;
  const restructuredUntil = restructureObservationEnd(today, nextDue);
  const group = (await deps.loans.listByBorrower(loan.borrower.creditCode)).map((l) => (l.id === loan.id ? { ...l, restructuredUntil } : l));
  const { classification, change } = reclassify(loan.classification, classifyGroup(group, today).get(loan.id)!, today);
  const history = [...loan.history, { at, type: 'restructured', detail: { by: p.username, reason: input.reason, observationUntil: restructuredUntil } }];
  if (change) history.push({ at, type: 'reclassified', detail: { from: change.from, to: change.to, reasons: change.reasons.map((r) => r.en) } });
  const next = await transitionLoan(deps, loan, p, {
    patch: { restructuredUntil, classification, history, ...(change ? { classHistory: [...loan.classHistory, change] } : {}) },
  });
  if (!next) throw new DomainError('changed-meanwhile', 'The loan changed at the same moment (servicing or monitoring); try again.', 409);
  return { id: next.id, restructuredUntil, classification: next.classification };
}
