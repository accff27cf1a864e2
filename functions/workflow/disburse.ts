/** Lambda for the contract workflow's disburse step (see infra/workflows/contract-signing.asl.json). */
import { disburse } from './contract-tasks.js';
import { lambdaTask } from './lambda-task.js';

export const handler = lambdaTask(disburse);
