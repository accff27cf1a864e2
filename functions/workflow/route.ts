/** Lambda for the decision workflow's route step (see infra/workflows/application-decision.asl.json). */
import { lambdaTask } from './lambda-task.js';
import { route } from './tasks.js';

export const handler = lambdaTask(route);
