/**
 * Post-loan monitoring (DESIGN.md §2 stage 4): every active loan due for a check is re-screened and re-scored,
 * its band mapped to the five-tier class, warnings raised, and the account manager told within the day.
 * Cadence follows the band (shared/monitoring.ts), so a green borrower is looked at monthly, a red one daily.
 */
import { beijingDate } from '../../../shared/day-count.js';
import { CORE_DOCUMENT_KINDS } from '../../../shared/schemas/application.js';
import { assess } from '../../../shared/decision.js';
import { RESPONSE_BY_BAND, enterpriseNow, evaluateWarnings, nextCheck } from '../../../shared/monitoring.js';
import { loanClass } from '../../../shared/scoring/health.js';
import { BAND_ACTIONS, TASK_KIND_NAMES, dueByFor, type ExternalSignal, type TaskKind } from '../../../shared/servicing/follow-up.js';
import type { LoanRecord } from '../../../shared/servicing/loan.js';
import type { ApplicationRecord, MonitoringState, NegativeListHit } from '../../../shared/types.js';
import { inStatusEverywhere } from '../portfolio.js';
import type { Deps } from '../ports.js';
import { transition, transitionLoan } from '../transition.js';

export interface MonitoringRun {
  checked: number;
  skipped: number;
  warnings: number;
  failed: { id: string; error: string }[];
}

/** Whether an active application's loan is due for its check today (cadence by band). */
export const dueForCheck = (app: ApplicationRecord, today: string) => !(app.monitoring && app.monitoring.nextCheckOn > today);

export async function monitorActiveLoans(deps: Deps): Promise<MonitoringRun> {
  return monitorApplications(deps, inStatusEverywhere(deps.applications, 'active'));
}

/** The check of each of these active applications that is due today. */
export async function monitorApplications(deps: Deps, apps: Iterable<ApplicationRecord> | AsyncIterable<ApplicationRecord>): Promise<MonitoringRun> {
  const today = beijingDate(deps.clock.now());
  const run: MonitoringRun = { checked: 0, skipped: 0, warnings: 0, failed: [] };
  for await (const app of apps) {
    if (!dueForCheck(app, today)) { run.skipped++; continue; }
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
  const [listed, signals, loan, config, facts] = await Promise.all([
    deps.negativeList.lookup(app.enterprise.creditCode),
    // Fresh outside data since the last check (court cases, dishonest-debtor list, registry, tax arrears).
    deps.externalSignals.signals(app.enterprise.creditCode, app.monitoring ? `${app.monitoring.checkedOn}T00:00:00.000Z` : undefined),
    deps.loans.get(app.id),
    deps.bankConfig.inForce(deps.clock.now()),
    // Re-scored from what the registry/tax port says today, not from the figures declared at application. A
    // registry that does not answer leaves this check on the declared figures (said so in the event), not unchecked.
    deps.registry.lookup(app.enterprise.creditCode).catch(() => undefined),
  ]);
  const fresh = enterpriseNow(app.enterprise, facts ?? null);
  // What outside signals report counts as negative-list hits (so a court case lowers the band).
  const hits = [...listed, ...fresh.hits, ...signals.map(signalHit).filter((h): h is NonNullable<typeof h> => h !== null)];
  const assessment = assess({
    application: { enterprise: fresh.enterprise, loan: app.loan },
    verifiedDocuments: [...CORE_DOCUMENT_KINDS],
    negativeListHits: hits,
    today,
  }, config);
  const warnings = evaluateWarnings({
    newDishonestDebtorEntry: hits.some((h) => h.list === 'dishonest-debtor'),
    newLitigation: hits.some((h) => h.list === 'litigation'),
    legalRepresentativeChanged: signals.some((x) => x.kind === 'registry-change'),
    taxArrears: signals.some((x) => x.kind === 'tax-arrears'),
    daysPastDue: loan?.daysPastDue,
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
  const events = [{ type: 'post-loan-check', actor: 'monitoring', detail: { healthIndex: monitoring.healthIndex, band: monitoring.band, loanClass: monitoring.loanClass, scoredFrom: facts === undefined ? 'application (registry unavailable)' : fresh.scoredFrom, ...(fresh.figuresYear ? { figuresYear: fresh.figuresYear } : {}) } }];
  if (warnings.length) {
    events.push({ type: 'warning-raised', actor: 'monitoring', detail: { warnings: warnings.map((w) => w.code), verifyWithinHours: 24, response: monitoring.response.en } as never });
  }
  if (!(await transition(deps, app, 'monitoring', { patch: { monitoring } }, events))) throw new Error('changed during the check; retried next run');
  const owner = loan?.accountManager || app.assignee;
  if (loan) await recordOnLoan(deps, loan, monitoring, owner, today);
  if (warnings.length && owner) {
    await deps.notifier.send(owner, {
      kind: 'post-loan-warning',
      subject: `贷后预警 / Post-loan warning: ${app.enterprise.name}`,
      body: `${warnings.map((w) => w.text.zh).join('；')}。请在24小时内核实。 ${warnings.map((w) => w.text.en).join('; ')}. Verify within 24 hours.`,
    });
  }
  return warnings.length;
}

function signalHit(s: ExternalSignal): NegativeListHit | null {
  if (s.kind === 'court-case') return { list: 'litigation', detail: s.detail, since: s.at };
  if (s.kind === 'dishonest-debtor') return { list: 'dishonest-debtor', detail: s.detail, since: s.at };
  if (s.kind === 'tax-arrears') return { list: 'tax-violation', detail: s.detail, since: s.at };
  return null;
}

/**
 * The check on the loan itself: its band (the forward-looking floor servicing classifies by), and the work it
 * calls for as tasks of the account manager: verify each warning within 24 hours, the band's actions, and an
 * inspection at the band's cadence for yellow and worse. Task ids are deterministic, so a re-run adds nothing.
 */
async function recordOnLoan(deps: Deps, loan: LoanRecord, m: MonitoringState, owner: string | undefined, today: string) {
  if (loan.status === 'settled') return;
  const now = deps.clock.now().toISOString();
  const next = await transitionLoan(deps, loan, 'monitoring', {
    patch: { band: m.band, healthIndex: m.healthIndex, history: [...loan.history, { at: now, type: 'post-loan-check', detail: { band: m.band, healthIndex: m.healthIndex, warnings: m.warnings.map((w) => w.code) } }] },
  });
  if (!next) throw new Error('loan changed during the check; retried next run');
  if (!owner) return;
  const month = today.slice(0, 7);
  const task = (kind: TaskKind, id: string, reason: { zh: string; en: string }, warnings?: string[]) => deps.followUps.create({
    id, loanId: loan.id, kind, assignee: owner, branch: loan.branch.code, borrower: loan.borrower.name,
    createdAt: now, dueBy: dueByFor(kind, now), status: 'open', reason, ...(warnings ? { warnings } : {}),
  });
  if (m.warnings.length) {
    await task('verify-warning', `${loan.id}-verify-${today}`, {
      zh: `24小时内核实：${m.warnings.map((w) => w.text.zh).join('；')}`, en: `Verify within 24 hours: ${m.warnings.map((w) => w.text.en).join('; ')}`,
    }, m.warnings.map((w) => w.code));
  }
  for (const kind of BAND_ACTIONS[m.band]) {
    await task(kind, `${loan.id}-${kind}-${month}`, { zh: `${TASK_KIND_NAMES[kind].zh}（${m.band}）：${m.response.zh}`, en: `${TASK_KIND_NAMES[kind].en} (${m.band}): ${m.response.en}` });
  }
  if (m.band === 'yellow' || m.band === 'orange' || m.band === 'red') {
    await task('inspection', `${loan.id}-inspection-${today}`, { zh: `按${m.band}级频次贷后检查，下次${m.nextCheckOn}`, en: `Inspection at the ${m.band} cadence; next by ${m.nextCheckOn}` });
  }
}
