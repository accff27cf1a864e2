/** Decision workflow: tier, outcome, reasons and offer from the facts and Score's output (nothing is rescored). */
import { decideFromScore, type DecisionInput, type Scored } from '../../shared/decision.js';
import type { Decision } from '../../shared/types.js';
import { defineTask } from './define-task.js';
import { lambdaHandler } from './lambda-handler.js';

export const task = defineTask({
  name: 'ChooseTier',
  async run(deps, input: { facts: DecisionInput; score: Scored }): Promise<Decision> {
    return { ...decideFromScore(input.facts, input.score), decidedAt: deps.clock.now().toISOString() };
  },
});

export const handler = lambdaHandler(task);
