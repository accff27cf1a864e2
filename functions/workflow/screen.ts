/** Lambda for the decision workflow's screen step (see infra/workflows/application-decision.asl.json). */
import { lambdaTask } from './lambda-task.js';
import { screen } from './tasks.js';

export const handler = lambdaTask(screen);
