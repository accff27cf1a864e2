/**
 * The decision workflow's tasks, one function per ASL Task state. Each loads what it needs from the store,
 * so a re-driven run recomputes the same answer; only recordDecision writes, and it writes once.
 */
import { assess, decide } from '../../shared/decision.js';
import { startReview } from '../../shared/review-chain.js';
import { divisionForEnterprise, pickAccountManager, routeToBranch } from '../../shared/routing.js';
import type { Assessment, Decision, NegativeListHit } from '../../shared/types.js';
import type { Deps } from '../core/ports.js';

/** Thrown for failures a retry cannot fix; the ASL's Retry skips it. */
export class PermanentError extends Error {
  override name = 'PermanentError';
}

async function load(deps: Deps, applicationId: string) {
  const app = await deps.applications.get(applicationId);
  if (!app) throw new PermanentError(`Application ${applicationId} does not exist.`);
  return app;
}

const today = (deps: Deps) => deps.clock.now().toISOString().slice(0, 10);

export interface Routing {
  branch: { code: string; name: string; nameZh: string; distanceKm: number };
  assignee: string | null;
}

export async function screen(deps: Deps, input: { applicationId: string }): Promise<{ hits: NegativeListHit[] }> {
  const app = await load(deps, input.applicationId);
  return { hits: await deps.negativeList.lookup(app.enterprise.creditCode) };
}

async function decisionInput(deps: Deps, applicationId: string, hits: NegativeListHit[]) {
  const app = await load(deps, applicationId);
  const docs = await deps.documentRecords.listDocuments(app.id);
  return {
    app,
    input: {
      application: { enterprise: app.enterprise, loan: app.loan, consents: app.consents },
      verifiedDocuments: docs.filter((d) => d.status === 'verified').map((d) => d.kind),
      negativeListHits: hits,
      today: today(deps),
    },
  };
}

export async function score(deps: Deps, input: { applicationId: string; screening: { hits: NegativeListHit[] } }): Promise<Assessment> {
  const { input: di } = await decisionInput(deps, input.applicationId, input.screening.hits);
  return assess(di);
}

export async function route(deps: Deps, input: { applicationId: string }): Promise<Routing> {
  const app = await load(deps, input.applicationId);
  const result = routeToBranch({ divisionCode: divisionForEnterprise(app.enterprise), branchLoads: await deps.staff.branchLoads() });
  if (!result.ok) throw new PermanentError(result.message);
  const { branch, distanceKm } = result;
  const staff = await deps.staff.listStaff(branch.code);
  const managers = staff.filter((s) => s.roles.includes('account-manager')).map((s) => ({ username: s.username, openCount: s.openCount }));
  const existing = await deps.staff.enterpriseManager(app.enterprise.creditCode);
  return {
    branch: { code: branch.code, name: branch.nameEn, nameZh: branch.nameZh, distanceKm: Math.round(distanceKm * 10) / 10 },
    assignee: pickAccountManager(managers, existing ?? undefined),
  };
}

export async function chooseTier(
  deps: Deps,
  input: { applicationId: string; screening: { hits: NegativeListHit[] }; assessment: Assessment; routing: Routing },
): Promise<Decision> {
  const { input: di } = await decisionInput(deps, input.applicationId, input.screening.hits);
  const decision = decide(di);
  return { ...decision, decidedAt: deps.clock.now().toISOString() };
}

const STATUS_BY_OUTCOME = { approved: 'approved', rejected: 'rejected', referred: 'in-review' } as const;

export async function recordDecision(
  deps: Deps,
  input: { applicationId: string; routing: Routing; decision: Decision },
): Promise<{ status: string; alreadyRecorded: boolean }> {
  const app = await load(deps, input.applicationId);
  if (app.status !== 'submitted') return { status: app.status, alreadyRecorded: true };
  const { decision, routing } = input;
  const status = STATUS_BY_OUTCOME[decision.outcome];
  const now = deps.clock.now().toISOString();
  const referred = decision.outcome === 'referred';
  const next = {
    ...app,
    status,
    version: app.version + 1,
    updatedAt: now,
    branch: routing.branch,
    assignee: referred ? routing.assignee ?? undefined : undefined,
    review: referred ? startReview() : undefined,
    decision,
  };
  const ok = await deps.applications.update(next, [
    { type: 'routed', actor: 'workflow', detail: { branch: routing.branch.code, distanceKm: routing.branch.distanceKm } },
    { type: `decision-${decision.outcome}`, actor: 'workflow', detail: { tier: decision.tier, policyVersion: decision.policyVersion, reasons: decision.reasons.map((r) => r.code) } },
  ], { inflight: 'clear' });
  if (!ok) return { status: (await load(deps, app.id)).status, alreadyRecorded: true };
  if (referred) {
    await deps.staff.adjustLoad(routing.branch.code, 1, routing.assignee ?? undefined);
    if (routing.assignee) await deps.staff.setEnterpriseManager(app.enterprise.creditCode, routing.assignee);
  }
  return { status, alreadyRecorded: false };
}

/** State name → task, for the local interpreter; the ASL's three record states share one Lambda in AWS. */
export const TASKS_BY_STATE = {
  Screen: screen,
  Score: score,
  Route: route,
  ChooseTier: chooseTier,
  AutoApprove: recordDecision,
  AutoReject: recordDecision,
  HandOffToBranch: recordDecision,
} as const;
