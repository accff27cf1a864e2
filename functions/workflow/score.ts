/** Decision workflow: stratification class, innovation points, health index and band, from the facts in the state. */
import { score, type DecisionInput, type Scored } from '../../shared/decision.js';
import { defineTask } from './define-task.js';
import { lambdaHandler } from './lambda-handler.js';

export const task = defineTask({
  name: 'Score',
  async run(_deps, input: { facts: DecisionInput }): Promise<Scored> {
    return score(input.facts);
  },
});

export const handler = lambdaHandler(task);
