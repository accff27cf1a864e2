/** Daily servicing workflow, last step: post-loan monitoring of the loans due a check. */
import { afterServicing } from '../core/use-cases/dev-clock.js';
import { defineTask } from './define-task.js';
import { lambdaHandler } from './lambda-handler.js';

export const task = defineTask({
  name: 'AfterServicing',
  async run(deps, _input: { date: string }) {
    return afterServicing(deps);
  },
});

export const handler = lambdaHandler(task);
