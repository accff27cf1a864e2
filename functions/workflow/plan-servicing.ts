/** Daily servicing workflow, first step: the business day (Beijing date; the schedule's own if none is given) and one chunk chain per branch. */
import { beijingDate } from '../../shared/day-count.js';
import { planServicing } from '../core/use-cases/loan-servicing.js';
import { defineTask, PermanentError } from './define-task.js';
import { lambdaHandler } from './lambda-handler.js';

export const task = defineTask({
  name: 'PlanServicing',
  async run(deps, input: { date?: string | null }) {
    const date = input.date ?? beijingDate(deps.clock.now());
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new PermanentError(`Not a date: ${date}`);
    return planServicing(date);
  },
});

export const handler = lambdaHandler(task);
