/** The contract workflow's Task states and their handlers, for the local runner (AWS maps them in infra). */
import { seal } from './contract-seal.js';
import { disburse, loanCentreReview } from './contract-tasks.js';

export const CONTRACT_TASKS_BY_STATE = {
  LoanCentreReview: loanCentreReview,
  Seal: seal,
  Disburse: disburse,
} as const;
