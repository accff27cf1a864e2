/**
 * Local stack only: time you can watch (DESIGN.md §7.2). Moving the clock forward runs, day by day, what the
 * scheduled daily run would have run: servicing (debits, days past due, reclassification, reminders), then
 * post-loan monitoring and task deadlines.
 */
import { DomainError } from '../../../shared/errors.js';
import type { Deps } from '../ports.js';
import { businessDate, serviceAll } from './loan-servicing.js';
import { monitorActiveLoans } from './post-loan-monitoring.js';

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

export async function advanceClock(deps: Deps, days: number) {
  if (!deps.clock.advance) throw new DomainError('clock-fixed', 'This stack runs on real time; only the local stack can move its clock.', 409);
  const ran = [];
  for (let d = 0; d < days; d++) {
    deps.clock.advance(DAY_MS);
    ran.push(await runDay(deps));
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
