/** Scheduled daily: checks every active loan that is due under its band's cadence. */
import { warmUp } from '../../shared/decision.js';
import { loadConfig } from '../config.js';
import { monitorActiveLoans } from '../core/use-cases/post-loan-monitoring.js';
import { wire } from '../wiring.js';

const wired = wire(loadConfig());
warmUp();

export async function handler() {
  const run = await monitorActiveLoans(wired.deps);
  console.info(JSON.stringify({ job: 'post-loan-monitoring', ...run, failed: run.failed.length }));
  if (run.failed.length) console.error(JSON.stringify({ job: 'post-loan-monitoring', failed: run.failed }));
  return run;
}
