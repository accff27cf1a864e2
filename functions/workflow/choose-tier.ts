/** Decision workflow: tier, outcome, reasons and offer from the facts and Score's output (nothing is rescored), under the routed branch's authority. */
import { decideFromScore, type Scored } from '../../shared/decision.js';
import type { Decision } from '../../shared/types.js';
import { defineTask } from './define-task.js';
import { lambdaHandler } from './lambda-handler.js';
import { configFor, type Facts } from './load.js';

export const task = defineTask({
  name: 'ChooseTier',
  async run(deps, input: { facts: Facts; score: Scored; branch?: string }): Promise<Decision> {
    const config = await configFor(deps, input.facts.configVersion);
    const { negativeListHits, verifiedDocuments, today } = input.facts;
    return {
      ...decideFromScore(input.facts, input.score, config, { branch: input.branch }), decidedAt: deps.clock.now().toISOString(),
      // Kept with the decision: a configuration proposal's impact replays it on these, not on today's lists.
      facts: { negativeListHits, verifiedDocuments, today },
    };
  },
});

export const handler = lambdaHandler(task);
