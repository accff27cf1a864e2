/** Lambda for the contract workflow's seal step (see infra/workflows/contract-signing.asl.json). */
import { seal } from './contract-tasks.js';
import { lambdaTask } from './lambda-task.js';

export const handler = lambdaTask(seal);
