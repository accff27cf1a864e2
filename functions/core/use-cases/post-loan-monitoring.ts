/**
 * Post-loan monitoring (DESIGN.md §2 stage 4): every active loan due for a check is re-screened and re-scored,
 * its band mapped to the five-tier class, warnings raised, and the account manager told within the day.
 * Cadence follows the band (shared/monitoring.ts), so a green borrower is looked at monthly, a red one daily.
 */
import { CORE_DOCUMENT_KINDS } from '../../../shared/schemas/application.js';
import { assess } from '../../../shared/decision.js';
import { RESPONSE_BY_BAND, evaluateWarnings, nextCheck } from '../../../shared/monitoring.js';
import { loanClass } from '../../../shared/scoring/health.js';
import type { ApplicationRecord, MonitoringState } from '../../../shared/types.js';
import { inStatusEverywhere } from '../portfolio.js';
import type { Deps } from '../ports.js';
import { transition } from '../transition.js';

export interface MonitoringRun {
  checked: number;
  skipped: number;
  warnings: number;
  failed: { id: string; error: string }[];
}

export async function monitorActiveLoans(deps: Deps): Promise<MonitoringRun> {
  const today = deps.clock.now().toISOString().slice(0, 10);
  const run: MonitoringRun = { checked: 0, skipped: 0, warnings: 0, failed: [] };
  for await (const app of inStatusEverywhere(deps.applications, 'active')) {
    if (app.monitoring && app.monitoring.nextCheckOn > today) { run.skipped++; continue; }
    // One borrower's failure must not stop the portfolio run; it is reported and retried next run.
    try {
      run.warnings += await checkLoan(deps, app, today);
      run.checked++;
    } catch (err) {
      run.failed.push({ id: app.id, error: (err as Error).message });
    }
  }
  return run;
}

async function checkLoan(deps: Deps, app: ApplicationRecord, today: string): Promise<number> {
  const [hits, config] = await Promise.all([deps.negativeList.lookup(app.enterprise.creditCode), deps.bankConfig.inForce(deps.clock.now())]);
  const assessment = assess({
    application: { enterprise: app.enterprise, loan: app.loan },
    verifiedDocuments: [...CORE_DOCUMENT_KINDS],
    negativeListHits: hits,
    today,
  }, config);
  const warnings = evaluateWarnings({
    newDishonestDebtorEntry: hits.some((h) => h.list === 'dishonest-debtor'),
    newLitigation: hits.some((h) => h.list === 'litigation'),
  }, config.warnings);
  const monitoring: MonitoringState = {
    checkedOn: today,
    healthIndex: assessment.healthIndex,
    band: assessment.band,
    loanClass: loanClass(assessment.band),
    warnings,
    response: RESPONSE_BY_BAND[assessment.band],
    nextCheckOn: nextCheck(today, assessment.band),
  };
  const events = [{ type: 'post-loan-check', actor: 'monitoring', detail: { healthIndex: monitoring.healthIndex, band: monitoring.band, loanClass: monitoring.loanClass } }];
  if (warnings.length) {
    events.push({ type: 'warning-raised', actor: 'monitoring', detail: { warnings: warnings.map((w) => w.code), verifyWithinHours: 24, response: monitoring.response.en } as never });
  }
  if (!(await transition(deps, app, 'monitoring', { patch: { monitoring } }, events))) throw new Error('changed during the check; retried next run');
  if (warnings.length && app.assignee) {
    await deps.notifier.send(app.assignee, {
      kind: 'post-loan-warning',
      subject: `贷后预警 / Post-loan warning: ${app.enterprise.name}`,
      body: `${warnings.map((w) => w.text.zh).join('；')}。请在24小时内核实。 ${warnings.map((w) => w.text.en).join('; ')}. Verify within 24 hours.`,
    });
  }
  return warnings.length;
}
