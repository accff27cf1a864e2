/**
 * Scheduled: restarts the decision workflow for applications still marked in flight after a grace period,
 * so a crashed task or a lost execution never leaves an application stuck. Run names make restarts idempotent.
 */
import { loadConfig } from '../config.js';
import { escalateOverdue } from '../core/use-cases/staff-casework.js';
import { wire } from '../wiring.js';

const GRACE_MS = 5 * 60_000;
const wired = wire(loadConfig());

export async function handler(): Promise<{ restarted: number; escalated: number }> {
  const cutoff = Date.now() - GRACE_MS;
  const stuck = (await wired.deps.applications.listInflight()).filter((i) => Date.parse(i.since) < cutoff);
  const attempt = Math.floor(Date.now() / GRACE_MS);
  for (const { id, workflow } of stuck) await wired.deps.workflow.start(workflow, id, `${id}-${workflow}-redrive-${attempt}`);
  // The same five-minute tick looks for applications waiting unclaimed past their SLA.
  const escalated = await escalateOverdue(wired.deps);
  return { restarted: stuck.length, escalated };
}
