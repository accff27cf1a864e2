/**
 * The two workflows: Step Functions runs the same ASL files as the local stack, each with one thin Lambda per
 * task substituted in. Retries and catches live in the ASL, not here.
 * - decision (application-decision.asl.json): screen, score, route, choose the tier, record the decision;
 * - contract (contract-signing.asl.json): the loan centre's review of the signed contract, the seal, disbursement.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { bindBucket, bindSealSecret, bindTable, bindUserPool } from '../constructs/bindings.js';
import { KedaiFunction } from '../constructs/kedai-function.js';
import { nagReference } from '../constructs/nag-reference.js';
import { CONTRACT_WORKFLOW_FILE, DECISION_WORKFLOW_FILE, type LambdaName } from '../repo-paths.js';
import type { StatefulResources } from './stateful-stack.js';
import { policyEnvironment, type StatelessStackProps } from './shared-environment.js';

interface TaskSpec {
  /** Construct id of the task Lambda. */
  id: string;
  lambda: LambdaName;
  memorySize?: number;
  timeout?: Duration;
  /** The access this task needs beyond the table and the names every handler's config requires. */
  bind?: (fn: KedaiFunction, stateful: StatefulResources) => void;
}

/** ASL substitution name → the task Lambda that fills it. */
export const DECISION_TASKS: Record<string, TaskSpec> = {
  ScreenFunctionArn: { id: 'Screen', lambda: 'screen' },
  ScoreFunctionArn: { id: 'Score', lambda: 'score' },
  RouteFunctionArn: { id: 'Route', lambda: 'route' },
  ChooseTierFunctionArn: { id: 'ChooseTier', lambda: 'chooseTier' },
  RecordDecisionFunctionArn: { id: 'RecordDecision', lambda: 'recordDecision' },
};

export const CONTRACT_TASKS: Record<string, TaskSpec> = {
  // Reads the signed PDF to compare it with the approved terms.
  LoanCentreReviewFunctionArn: {
    id: 'LoanCentreReview', lambda: 'loanCentreReview',
    bind: (fn, s) => bindBucket(fn, 'CONTRACTS_BUCKET', s.contractsBucket, 'read'),
  },
  // Draws the audit page (font subsetting of a 3 MB font), signs, and writes the sealed PDF.
  SealFunctionArn: {
    id: 'Seal', lambda: 'seal', memorySize: 1024, timeout: Duration.seconds(60),
    bind: (fn, s) => {
      bindBucket(fn, 'CONTRACTS_BUCKET', s.contractsBucket, 'readWrite');
      bindSealSecret(fn, s.sealSecret);
    },
  },
  // Books through the core-banking port (the ledger lives in the table); touches no object.
  DisburseFunctionArn: { id: 'Disburse', lambda: 'disburse' },
};

/** The `${Name}` placeholders an ASL file expects. */
export function aslSubstitutionNames(aslText: string): string[] {
  return [...new Set([...aslText.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]))].sort();
}

export interface DeployedWorkflow {
  stateMachine: StateMachine;
  taskFunctions: KedaiFunction[];
}

export class WorkflowStack extends Stack {
  readonly decision: DeployedWorkflow;
  readonly contract: DeployedWorkflow;
  /** Every task Lambda of both workflows. */
  readonly taskFunctions: KedaiFunction[];

  constructor(scope: Construct, id: string, private readonly props: StatelessStackProps) {
    super(scope, id, props);
    this.decision = this.workflow('Decision', DECISION_WORKFLOW_FILE, DECISION_TASKS, 'application decision');
    this.contract = this.workflow('Contract', CONTRACT_WORKFLOW_FILE, CONTRACT_TASKS, 'contract review, seal and disbursement');
    this.taskFunctions = [...this.decision.taskFunctions, ...this.contract.taskFunctions];
  }

  /** The decision workflow's state machine (kept for readers of the first version). */
  get stateMachine(): StateMachine {
    return this.decision.stateMachine;
  }

  private workflow(name: string, file: string, tasks: Record<string, TaskSpec>, purpose: string): DeployedWorkflow {
    const { stateful, config, stage } = this.props;
    const fileName = basename(file);

    // Fail synth, not deploy, when the ASL and this stack disagree on the task placeholders.
    const expected = aslSubstitutionNames(readFileSync(file, 'utf8'));
    const provided = Object.keys(tasks).sort();
    if (expected.join() !== provided.join()) {
      throw new Error(`${fileName} expects ${expected.join(', ')} but the workflow stack provides ${provided.join(', ')}.`);
    }

    const substitutions: Record<string, string> = {};
    const taskFunctions: KedaiFunction[] = [];
    for (const [placeholder, task] of Object.entries(tasks)) {
      const fn = new KedaiFunction(this, task.id, {
        lambda: task.lambda, stage, logRetention: config.logRetentionDays,
        memorySize: task.memorySize ?? 512, timeout: task.timeout,
        description: `Kedai ${stage}: ${name.toLowerCase()} workflow task ${task.id}`,
        environment: policyEnvironment(config),
      });
      bindTable(fn, stateful.table, 'readWrite');
      // The handlers' config requires every bucket name at cold start; access is granted per task below.
      bindBucket(fn, 'DOCUMENTS_BUCKET', stateful.documentsBucket, 'name-only');
      bindBucket(fn, 'CONTRACTS_BUCKET', stateful.contractsBucket, 'name-only');
      bindUserPool(fn, stateful.userPool, stateful.userPoolClient);
      task.bind?.(fn, stateful);
      substitutions[placeholder] = fn.functionArn;
      taskFunctions.push(fn);
    }

    const logGroup = new LogGroup(this, `${name}WorkflowLogs`, {
      retention: config.logRetentionDays,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const stateMachine = new StateMachine(this, `${name}Workflow`, {
      definitionBody: DefinitionBody.fromFile(file),
      definitionSubstitutions: substitutions,
      stateMachineType: StateMachineType.STANDARD,
      timeout: Duration.hours(1),
      tracingEnabled: true,
      logs: { destination: logGroup, level: LogLevel.ALL, includeExecutionData: true },
      comment: `Kedai ${stage}: ${purpose} (infra/workflows/${fileName})`,
    });
    for (const fn of taskFunctions) {
      fn.grantInvoke(stateMachine);
      Validations.of(stateMachine.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${nagReference(this, fn, fn.functionArn)}:*]`,
        reason: 'CDK grants invoke on the function and its versions/aliases (ARN:*); scoped to this one task function.',
      });
    }
    Validations.of(stateMachine.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'Log delivery (logs:CreateLogDelivery, …) and X-Ray (PutTraceSegments) support no resource-level permissions; CDK adds them for logging ALL and tracing.',
    });
    return { stateMachine, taskFunctions };
  }
}
