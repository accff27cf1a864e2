/** Lambda for the contract workflow's loanCentreReview step (see infra/workflows/contract-signing.asl.json). */
import { loanCentreReview } from './contract-tasks.js';
import { lambdaTask } from './lambda-task.js';

export const handler = lambdaTask(loanCentreReview);
