/** Lambda for the decision workflow's chooseTier step (see infra/workflows/application-decision.asl.json). */
import { lambdaTask } from './lambda-task.js';
import { chooseTier } from './tasks.js';

export const handler = lambdaTask(chooseTier);
