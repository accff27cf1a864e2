/**
 * Decision workflow, before an automatic approval is recorded: renders and stores the contract, and hands its
 * state (number, date, terms, sha256; no bytes) to RecordDecision, which writes it with the status. So an
 * application the workflow approves always has its contract ready.
 */
import type { ContractState, Decision } from '../../shared/types.js';
import { defineTask } from './define-task.js';
import { lambdaHandler } from './lambda-handler.js';
import { renderContract, warmPdf } from './contract-document.js';
import { loadApplication } from './load.js';

export const task = defineTask({
  name: 'RenderContract',
  warm: warmPdf,
  async run(deps, input: { applicationId: string; decision: Decision }): Promise<ContractState> {
    const app = await loadApplication(deps, input.applicationId);
    return app.contract ?? renderContract(deps, app, input.decision);
  },
});

export const handler = lambdaHandler(task);
