/** Paths the CDK app knows the rest of the repository by; `infra` sees `functions/` only as files. */
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
export const LOCK_FILE = `${REPO_ROOT}/package-lock.json`;
export const WORKFLOWS_DIR = `${REPO_ROOT}/infra/workflows`;
export const DECISION_WORKFLOW_FILE = `${WORKFLOWS_DIR}/application-decision.asl.json`;
export const CONTRACT_WORKFLOW_FILE = `${WORKFLOWS_DIR}/contract-signing.asl.json`;
export const WEB_DIST = `${REPO_ROOT}/web/dist`;

/** Every Lambda entry, repository-relative; the stacks and `bench/bundle-size.ts` read the same list. */
export const LAMBDA_ENTRIES = {
  api: 'functions/api/lambda.ts',
  screen: 'functions/workflow/screen.ts',
  score: 'functions/workflow/score.ts',
  route: 'functions/workflow/route.ts',
  chooseTier: 'functions/workflow/choose-tier.ts',
  recordDecision: 'functions/workflow/record-decision.ts',
  loanCentreReview: 'functions/workflow/loan-centre-review.ts',
  seal: 'functions/workflow/seal.ts',
  disburse: 'functions/workflow/disburse.ts',
  redrive: 'functions/jobs/redrive.ts',
  postLoanMonitoring: 'functions/jobs/post-loan-monitoring.ts',
} as const;

export type LambdaName = keyof typeof LAMBDA_ENTRIES;
