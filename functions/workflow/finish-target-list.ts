/** Target-list workflow, last step: the chunks' counts summed and the import done (its leads show from now on). */
import { failTargetListImport, finishTargetListImport } from '../core/use-cases/target-lists.js';
import { defineTask } from './define-task.js';
import { lambdaHandler } from './lambda-handler.js';

export const task = defineTask({
  name: 'FinishTargetList',
  run: (deps, input: { importId: string; error?: { Error?: string; Cause?: string } }): Promise<{ status: 'done' | 'failed' }> =>
    input.error ? failTargetListImport(deps, input.importId, input.error.Cause ?? input.error.Error ?? 'unknown error') : finishTargetListImport(deps, input.importId),
});

export const handler = lambdaHandler(task);
