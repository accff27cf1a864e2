/** Decision workflow: stratification class, innovation points, health index and band, from the facts in the state. */
import { score, type Scored } from '../../shared/decision.js';
import { defineTask } from './define-task.js';
import { lambdaHandler } from './lambda-handler.js';
import { configFor, type Facts } from './load.js';

export const task = defineTask({
  name: 'Score',
  async run(deps, input: { facts: Facts }): Promise<Scored> {
    return score(input.facts, await configFor(deps, input.facts.configVersion));
  },
});

export const handler = lambdaHandler(task);
