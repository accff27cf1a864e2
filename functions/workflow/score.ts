/** Lambda for the decision workflow's score step (see infra/workflows/application-decision.asl.json). */
import { lambdaTask } from './lambda-task.js';
import { score } from './tasks.js';

export const handler = lambdaTask(score);
