/**
 * Paths the CDK app knows the rest of the repository by; `infra` sees `functions/` only as files, and the
 * workflow tasks through their registry (plain data: file names and what each bundle needs).
 */
import { fileURLToPath } from 'node:url';
import { WORKFLOW_TASKS, type TaskName } from '../functions/workflow/registry.js';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
export const LOCK_FILE = `${REPO_ROOT}/package-lock.json`;
export const WORKFLOWS_DIR = `${REPO_ROOT}/infra/workflows`;
export const DECISION_WORKFLOW_FILE = `${WORKFLOWS_DIR}/application-decision.asl.json`;
export const CONTRACT_WORKFLOW_FILE = `${WORKFLOWS_DIR}/contract-signing.asl.json`;
export const STATEMENT_WORKFLOW_FILE = `${WORKFLOWS_DIR}/loan-statement.asl.json`;
export const SERVICING_WORKFLOW_FILE = `${WORKFLOWS_DIR}/loan-servicing.asl.json`;
export const TARGET_LIST_WORKFLOW_FILE = `${WORKFLOWS_DIR}/target-list-import.asl.json`;
export const WEB_DIST = `${REPO_ROOT}/web/dist`;

/** A workflow task's Lambda name: its registry name in lower camel case (`ChooseTier` → `chooseTier`). */
export type TaskLambdaName = Uncapitalize<TaskName>;
export const taskLambdaName = (task: TaskName) => (task[0].toLowerCase() + task.slice(1)) as TaskLambdaName;

const TASK_ENTRIES = Object.fromEntries((Object.keys(WORKFLOW_TASKS) as TaskName[]).map((task) =>
  [taskLambdaName(task), `functions/workflow/${WORKFLOW_TASKS[task].file}`])) as Record<TaskLambdaName, string>;

/** Every Lambda entry, repository-relative; the stacks and `bench/bundle-size.ts` read the same list. */
export const LAMBDA_ENTRIES = {
  api: 'functions/api/lambda.ts',
  casework: 'functions/api/casework-lambda.ts',
  admin: 'functions/api/admin-lambda.ts',
  ...TASK_ENTRIES,
  redrive: 'functions/jobs/redrive.ts',
  postLoanMonitoring: 'functions/jobs/post-loan-monitoring.ts',
} as const;

export type LambdaName = keyof typeof LAMBDA_ENTRIES;
