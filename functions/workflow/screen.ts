/**
 * Decision workflow, first step: loads the facts the decision needs (the application's enterprise, loan and
 * consents, which documents are verified, the configuration version in force) and screens the enterprise against the negative lists. The facts go
 * into the state (a few KiB, no document bytes), so Score and ChooseTier read nothing.
 */
import { beijingDate } from '../../shared/day-count.js';
import type { DecisionInput } from '../../shared/decision.js';
import { defineTask } from './define-task.js';
import { lambdaHandler } from './lambda-handler.js';
import { loadApplication, type Facts } from './load.js';

export const task = defineTask({
  name: 'Screen',
  async run(deps, input: { applicationId: string }): Promise<Facts> {
    const app = await loadApplication(deps, input.applicationId);
    const [docs, hits, config] = await Promise.all([
      deps.documentRecords.listDocuments(app.id),
      deps.negativeList.lookup(app.enterprise.creditCode),
      deps.bankConfig.inForce(deps.clock.now()),
    ]);
    return {
      application: { enterprise: app.enterprise, loan: app.loan, consents: app.consents },
      verifiedDocuments: docs.filter((d) => d.status === 'verified').map((d) => d.kind),
      negativeListHits: hits,
      ...(app.bankCheck?.discrepancies.length ? { discrepancies: app.bankCheck.discrepancies.map(({ field, declared, bank }) => ({ field, declared, bank })) } : {}),
      // The Beijing date: the offer's schedule starts on the day the borrower reads.
      today: beijingDate(deps.clock.now()),
      configVersion: config.version,
    };
  },
});

export const handler = lambdaHandler(task);
