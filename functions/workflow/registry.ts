/**
 * Every workflow task, by the name the ASL files use in `${<Name>FunctionArn}`. Plain data, no imports, so the
 * CDK app (one Lambda per entry), the bundle checks and the local runner all read this one list.
 * Adding a task: its ASL state, its file here (`export const task = defineTask(...)`, `export const handler`), one line below.
 */
export interface TaskEntry {
  /** Beside this file; exports `task` and `handler`. */
  file: string;
  /** Sends messages through the notifier (a status change does: functions/core/status-notices.ts): gets the SES/SNS grants and their configuration. */
  notifies?: boolean;
  /** Draws PDFs: ships the contract font and subset-font with the bundle. */
  pdf?: boolean;
  /** Seals PDFs: bundles the seal adapter and may read the seal secret. */
  seal?: boolean;
  /** Parses uploaded target lists: bundles csv-parse and exceljs, which every other function leaves out. */
  lists?: boolean;
  /** Access to the documents bucket beyond its name (uploaded target lists and their chunk files). */
  documents?: 'read' | 'readWrite';
  /** Reads what the bank already knows (the registry port): gets the data gateway's URL and secret in AWS. */
  registry?: boolean;
  /** Access to the contracts bucket beyond its name. */
  contracts?: 'read' | 'readWrite';
  memorySize?: number;
  timeoutSeconds?: number;
}

export const WORKFLOW_TASKS = {
  Screen: { file: 'screen.ts' },
  Score: { file: 'score.ts' },
  Route: { file: 'route.ts' },
  ChooseTier: { file: 'choose-tier.ts' },
  RenderContract: { file: 'render-contract.ts', pdf: true, contracts: 'readWrite', memorySize: 1024, timeoutSeconds: 60 },
  RecordDecision: { file: 'record-decision.ts', notifies: true },
  PrepareContract: { file: 'prepare-contract.ts', pdf: true, contracts: 'readWrite', memorySize: 1024, timeoutSeconds: 60 },
  ApplySignature: { file: 'apply-signature.ts', pdf: true, contracts: 'readWrite', memorySize: 1024, timeoutSeconds: 60 },
  LoanCentreReview: { file: 'loan-centre-review.ts', contracts: 'read' },
  Seal: { file: 'seal.ts', pdf: true, seal: true, contracts: 'readWrite', memorySize: 1024, timeoutSeconds: 60 },
  Disburse: { file: 'disburse.ts', notifies: true },
  RenderStatement: { file: 'render-statement.ts', pdf: true, contracts: 'readWrite', memorySize: 1024, timeoutSeconds: 60 },
  PlanServicing: { file: 'plan-servicing.ts' },
  ServiceChunk: { file: 'service-chunk.ts', notifies: true, memorySize: 1024, timeoutSeconds: 300 },
  AfterServicing: { file: 'after-servicing.ts', notifies: true, memorySize: 1024, timeoutSeconds: 900 },
  // A national list's file (≤ 50 MB) is read whole by the parse step: memory and time for that.
  ParseTargetList: { file: 'parse-target-list.ts', lists: true, documents: 'readWrite', memorySize: 1536, timeoutSeconds: 300 },
  ImportTargetListChunk: { file: 'import-target-list-chunk.ts', documents: 'read', registry: true, memorySize: 512, timeoutSeconds: 300 },
  FinishTargetList: { file: 'finish-target-list.ts' },
} as const satisfies Record<string, TaskEntry>;

export type TaskName = keyof typeof WORKFLOW_TASKS;
