/** Decision workflow, last step (AutoApprove, AutoReject, HandOffToBranch): the one write of a run. */
import { startReview } from '../../shared/review-chain.js';
import type { ContractState, Decision } from '../../shared/types.js';
import { transition } from '../core/transition.js';
import { defineTask } from './define-task.js';
import { lambdaHandler } from './lambda-handler.js';
import { generatedEvent, loadApplication } from './load.js';
import type { Routing } from './route.js';

const STATUS_BY_OUTCOME = { approved: 'approved', rejected: 'rejected', referred: 'in-review' } as const;

export const task = defineTask({
  name: 'RecordDecision',
  async run(deps, input: { applicationId: string; routing: Routing; decision: Decision; contract?: ContractState }): Promise<{ status: string; alreadyRecorded: boolean }> {
    const app = await loadApplication(deps, input.applicationId);
    if (app.status !== 'submitted') return { status: app.status, alreadyRecorded: true };
    const { decision, routing, contract } = input;
    const status = STATUS_BY_OUTCOME[decision.outcome];
    const referred = decision.outcome === 'referred';
    const next = await transition(deps, app, 'workflow', {
      status,
      patch: {
        branch: routing.branch,
        assignee: referred ? routing.assignee ?? undefined : undefined,
        review: referred ? startReview() : undefined,
        decision,
        ...(contract ? { contract } : {}),
      },
    }, [
      { type: 'routed', actor: 'workflow', detail: { branch: routing.branch.code, distanceKm: routing.branch.distanceKm } },
      { type: `decision-${decision.outcome}`, actor: 'workflow', detail: { tier: decision.tier, policyVersion: decision.policyVersion, reasons: decision.reasons.map((r) => r.code) } },
      ...(contract ? [generatedEvent(contract)] : []),
    ], { inflight: 'clear' });
    if (!next) return { status: (await loadApplication(deps, app.id)).status, alreadyRecorded: true };
    if (referred) {
      await deps.staff.adjustLoad(routing.branch.code, 1, routing.assignee ?? undefined);
      if (routing.assignee) await deps.staff.setEnterpriseManager(app.enterprise.creditCode, routing.assignee);
    }
    return { status, alreadyRecorded: false };
  },
});

export const handler = lambdaHandler(task);
