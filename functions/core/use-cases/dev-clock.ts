/**
 * Local stack only: time you can watch (DESIGN.md §7.2). Moving the clock forward runs, day by day, what the
 * scheduled daily run would have run: servicing (debits, days past due, reclassification, reminders), then
 * post-loan monitoring and task deadlines.
 */
import { DomainError } from '../../../shared/errors.js';
import type { Deps } from '../ports.js';
import type { LoanRecord } from '../../../shared/servicing/loan.js';
import type { ApplicationRecord } from '../../../shared/types.js';
import { inStatusEverywhere } from '../portfolio.js';
import { CHUNK_SIZE, businessDate, needsServicing, planServicing, serviceAll, serviceLoans } from './loan-servicing.js';
import { dueForCheck, monitorActiveLoans, monitorApplications } from './post-loan-monitoring.js';

const DAY_MS = 86_400_000;

/** The work after servicing on a business day (the workflow's AfterServicing task). */
export async function afterServicing(deps: Deps) {
  const monitoring = await monitorActiveLoans(deps);
  return { monitoring: { checked: monitoring.checked, warnings: monitoring.warnings, failed: monitoring.failed.length } };
}

export async function runDay(deps: Deps, date = businessDate(deps)) {
  const servicing = await serviceAll(deps, date);
  const after = await afterServicing(deps);
  return { date, ...servicing, failed: servicing.failed.length, ...after };
}

/**
 * What the walk knows of the loans and active applications, read once per call in the daily run's order, so a day
 * on which no loan needs servicing and no check is due costs no reads (most days: a scan of every branch's loans
 * and applications per simulated day made a 95-day walk on DynamoDB Local take about a minute). A day that has
 * work runs it on just those records, then re-reads what it touched. The dev clock is the only
 * writer during a walk; a loan opened meanwhile is picked up by the next call.
 */
async function snapshot(deps: Deps) {
  const loans = new Map<string, LoanRecord>();
  for (const { branch } of planServicing(businessDate(deps)).chunks) {
    let cursor: string | undefined;
    do {
      const page = await deps.loans.branchPage(branch, { limit: CHUNK_SIZE, cursor });
      for (const l of page.items) loans.set(l.id, l);
      cursor = page.cursor;
    } while (cursor);
  }
  const apps = new Map<string, ApplicationRecord>();
  for await (const app of inStatusEverywhere(deps.applications, 'active')) apps.set(app.id, app);
  return { loans, apps };
}

/** One simulated day, as runDay would run it, on the records in `known` that have anything to do. */
async function walkDay(deps: Deps, known: Awaited<ReturnType<typeof snapshot>>) {
  const date = businessDate(deps);
  const due = [...known.loans.values()].filter((l) => needsServicing(l, date));
  const toCheck = [...known.apps.values()].filter((a) => dueForCheck(a, date));
  const servicing = { serviced: 0, unchanged: 0, reclassified: 0, debits: 0, failed: [] as { id: string; error: string }[] };
  if (!due.length && !toCheck.length) return { date, ...servicing, failed: 0, monitoring: { checked: 0, warnings: 0, failed: 0 } };
  // As last read: a record changed since loses its version-conditional write and is retried on a fresh read.
  await serviceLoans(deps, due, date, servicing);
  const apps = (await Promise.all(toCheck.map((a) => deps.applications.get(a.id)))).filter((a): a is ApplicationRecord => a?.status === 'active');
  const monitoring = await monitorApplications(deps, apps);
  // Servicing writes a borrower's loans together; a check writes its application and its loan.
  const borrowers = new Set([...due.map((l) => l.borrower.creditCode), ...toCheck.map((a) => a.enterprise.creditCode)]);
  for (const code of borrowers) for (const l of await deps.loans.listByBorrower(code)) known.loans.set(l.id, l);
  for (const a of toCheck) {
    const now = await deps.applications.get(a.id);
    if (now?.status === 'active') known.apps.set(a.id, now); else known.apps.delete(a.id);
  }
  return { date, ...servicing, failed: servicing.failed.length, monitoring: { checked: monitoring.checked, warnings: monitoring.warnings, failed: monitoring.failed.length } };
}

export async function advanceClock(deps: Deps, days: number) {
  if (!deps.clock.advance) throw new DomainError('clock-fixed', 'This stack runs on real time; only the local stack can move its clock.', 409);
  const known = await snapshot(deps);
  const ran = [];
  for (let d = 0; d < days; d++) {
    deps.clock.advance(DAY_MS);
    ran.push(await walkDay(deps, known));
  }
  return {
    now: deps.clock.now().toISOString(),
    days: ran.length,
    debits: ran.reduce((a, r) => a + r.debits, 0),
    reclassified: ran.reduce((a, r) => a + r.reclassified, 0),
    warnings: ran.reduce((a, r) => a + r.monitoring.warnings, 0),
    failed: ran.reduce((a, r) => a + r.failed, 0),
  };
}
