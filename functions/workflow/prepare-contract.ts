/**
 * Contract workflow, first step: an application approved by people has no contract yet, so this renders and
 * records it (the API starts the run when the borrower first asks). Says what the application is, for the Choice.
 */
import { transition } from '../core/transition.js';
import { defineTask, PermanentError } from './define-task.js';
import { lambdaHandler } from './lambda-handler.js';
import { renderContract, warmPdf } from './contract-document.js';
import { generatedEvent, loadApplication, written } from './load.js';

export const task = defineTask({
  name: 'PrepareContract',
  warm: warmPdf,
  async run(deps, input: { applicationId: string }): Promise<{ status: string }> {
    const app = await loadApplication(deps, input.applicationId);
    if (app.contract || app.status !== 'approved') return { status: app.status };
    if (!app.decision) throw new PermanentError(`Application ${app.id} is approved without a decision.`);
    const contract = await renderContract(deps, app, app.decision);
    const next = await transition(deps, app, 'system', { patch: { contract } }, [generatedEvent(contract)]);
    return { status: written(next).status };
  },
});

export const handler = lambdaHandler(task);
