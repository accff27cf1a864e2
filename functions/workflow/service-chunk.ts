/** Daily servicing workflow, inside the Map: one page of a branch's loans; the Choice loops while `done` is false. */
import { serviceChunk } from '../core/use-cases/loan-servicing.js';
import { defineTask } from './define-task.js';
import { lambdaHandler } from './lambda-handler.js';

export const task = defineTask({
  name: 'ServiceChunk',
  async run(deps, input: { date: string; branch: string; cursor: string | null }) {
    const r = await serviceChunk(deps, input);
    if (r.failed.length) console.error(JSON.stringify({ task: 'ServiceChunk', branch: input.branch, failed: r.failed }));
    // The next iteration's input: same day and branch, the next page.
    return { date: input.date, branch: input.branch, cursor: r.cursor ?? null, done: r.done, serviced: r.serviced, unchanged: r.unchanged, failed: r.failed.length };
  },
});

export const handler = lambdaHandler(task);
