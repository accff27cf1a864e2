/** Lambda for the decision workflow's recordDecision step (see infra/workflows/application-decision.asl.json). */
import { lambdaTask } from './lambda-task.js';
import { recordDecision } from './tasks.js';

export const handler = lambdaTask(recordDecision);
