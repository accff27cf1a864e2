/**
 * The workflows: Step Functions runs the same ASL files as the local stack, each with one thin Lambda per
 * task substituted in (found in functions/workflow/registry.ts). Retries and catches live in the ASL, not here.
 * - decision (application-decision.asl.json): screen, score, route, choose the tier, record the decision;
 * - contract (contract-signing.asl.json): the loan centre's review of the signed contract, the seal, disbursement;
 * - statement (loan-statement.asl.json): a borrower's loan statement PDF, drawn and stored;
 * - servicing (loan-servicing.asl.json): the daily run over every branch's loans in chunks (the schedules stack starts it);
 * - target list (target-list-import.asl.json): a government list parsed, imported in chunks, screened and distributed.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { bindBucket, bindNotifier, bindRegistryGateway, bindSealSecret, bindTable, bindUserPool, type WorkflowStateMachines } from '../constructs/bindings.js';
import { ConfigSeed, stageConfigSeed } from '../constructs/config-seed.js';
import { KedaiFunction } from '../constructs/kedai-function.js';
import { nagReference } from '../constructs/nag-reference.js';
import { WORKFLOW_TASKS, type TaskEntry, type TaskName } from '../../functions/workflow/registry.js';
import {
  CONTRACT_WORKFLOW_FILE, DECISION_WORKFLOW_FILE, SERVICING_WORKFLOW_FILE, STATEMENT_WORKFLOW_FILE, TARGET_LIST_WORKFLOW_FILE, taskLambdaName,
} from '../repo-paths.js';
import type { StatefulResources } from './stateful-stack.js';
import type { StatelessStackProps } from './shared-environment.js';

/** The task Lambdas an ASL file needs: one per `${<Name>FunctionArn}`, the name found in the task registry. */
export function tasksOf(aslText: string, fileName: string): TaskName[] {
  return aslSubstitutionNames(aslText).map((placeholder) => {
    const name = /^(\w+)FunctionArn$/.exec(placeholder)?.[1];
    if (!name || !(name in WORKFLOW_TASKS)) {
      throw new Error(`${fileName} expects \${${placeholder}}, but functions/workflow/registry.ts has no task ${name ?? placeholder}.`);
    }
    return name as TaskName;
  });
}

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
  readonly statement: DeployedWorkflow;
  readonly servicing: DeployedWorkflow;
  readonly targetList: DeployedWorkflow;
  /** Every task Lambda of every workflow. */
  readonly taskFunctions: KedaiFunction[];
  /** Version 1 of the bank configuration, written at deploy; the first stateless stack, so it is there before any run. */
  readonly configSeed: ConfigSeed;

  constructor(scope: Construct, id: string, private readonly props: StatelessStackProps) {
    super(scope, id, props);
    this.configSeed = new ConfigSeed(this, 'ConfigSeed', {
      table: props.stateful.table, dataKey: props.stateful.dataKey, seed: stageConfigSeed(props.stage, props.config.bankConfig),
    });
    this.decision = this.workflow('Decision', DECISION_WORKFLOW_FILE, 'application decision');
    this.contract = this.workflow('Contract', CONTRACT_WORKFLOW_FILE, 'contract preparation, signature, review, seal and disbursement');
    this.statement = this.workflow('Statement', STATEMENT_WORKFLOW_FILE, 'loan statement PDF');
    // A day over 100,000 loans in chunks, then monitoring: more than the others' hour is not needed, but allowed.
    this.servicing = this.workflow('Servicing', SERVICING_WORKFLOW_FILE, 'daily loan servicing, classification and monitoring', Duration.hours(6));
    this.targetList = this.workflow('TargetList', TARGET_LIST_WORKFLOW_FILE, 'target-list import, screening and distribution', Duration.hours(2));
    this.taskFunctions = [...this.taskLambdas.values()];
  }

  /** The decision workflow's state machine (kept for readers of the first version). */
  get stateMachine(): StateMachine {
    return this.decision.stateMachine;
  }

  /** The state machines the API functions and jobs start, by the environment variable that names each. */
  get startable(): WorkflowStateMachines {
    return {
      decision: this.decision.stateMachine, contract: this.contract.stateMachine,
      statement: this.statement.stateMachine, targetList: this.targetList.stateMachine,
    };
  }

  /** One Lambda per task, shared by every workflow that uses it (RecordDecision serves three states). */
  private readonly taskLambdas = new Map<TaskName, KedaiFunction>();

  private taskLambda(task: TaskName): KedaiFunction {
    const existing = this.taskLambdas.get(task);
    if (existing) return existing;
    const { stateful, config, stage } = this.props;
    const entry: TaskEntry = WORKFLOW_TASKS[task];
    const fn = new KedaiFunction(this, task, {
      lambda: taskLambdaName(task), stage, logRetention: config.logRetentionDays,
      memorySize: entry.memorySize ?? 512, timeout: entry.timeoutSeconds ? Duration.seconds(entry.timeoutSeconds) : undefined,
      description: `Kedai ${stage}: workflow task ${task}`,
    });
    bindTable(fn, stateful.table, 'readWrite');
    // The handlers' config requires every bucket name at cold start; access is granted per task.
    bindBucket(fn, 'DOCUMENTS_BUCKET', stateful.documentsBucket, entry.documents ?? 'name-only');
    bindBucket(fn, 'CONTRACTS_BUCKET', stateful.contractsBucket, entry.contracts ?? 'name-only');
    bindUserPool(fn, stateful.userPool, stateful.userPoolClient);
    if (entry.seal) bindSealSecret(fn, stateful.sealSecret);
    if (entry.notifies) bindNotifier(fn, config.messages);
    if (entry.registry) bindRegistryGateway(fn, config.registry);
    this.taskLambdas.set(task, fn);
    return fn;
  }

  private workflow(name: string, file: string, purpose: string, timeout = Duration.hours(1)): DeployedWorkflow {
    const { config, stage } = this.props;
    const fileName = basename(file);
    // Fails synth, not deploy, when the ASL names a task the registry lacks.
    const tasks = tasksOf(readFileSync(file, 'utf8'), fileName);
    const substitutions: Record<string, string> = {};
    const taskFunctions: KedaiFunction[] = [];
    for (const task of tasks) {
      const fn = this.taskLambda(task);
      substitutions[`${task}FunctionArn`] = fn.functionArn;
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
      timeout,
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
