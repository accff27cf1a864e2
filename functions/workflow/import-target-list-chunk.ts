/** Target-list workflow, once per chunk (the Map state): screened, merged, stratified, distributed; a re-run counts once. */
import { importTargetListChunk } from '../core/use-cases/target-lists.js';
import { defineTask } from './define-task.js';
import { lambdaHandler } from './lambda-handler.js';

export const task = defineTask({
  name: 'ImportTargetListChunk',
  run: (deps, input: { importId: string; chunk: number }) => importTargetListChunk(deps, input.importId, input.chunk),
});

export const handler = lambdaHandler(task);
