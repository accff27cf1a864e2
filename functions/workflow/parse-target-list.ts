/** Target-list workflow, first step: the file read and validated, rows of one code folded, chunk files written. */
import { parseTargetList } from '../core/use-cases/target-lists.js';
import { defineTask } from './define-task.js';
import { lambdaHandler } from './lambda-handler.js';

export const task = defineTask({
  name: 'ParseTargetList',
  run: (deps, input: { importId: string }) => parseTargetList(deps, input.importId),
});

export const handler = lambdaHandler(task);
