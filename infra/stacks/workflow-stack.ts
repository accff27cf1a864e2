/**
 * The decision workflow: Step Functions runs the same ASL file as the local stack, with one thin Lambda
 * per task substituted in. Retries and catches live in the ASL, not here.
 */
import { readFileSync } from 'node:fs';
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { bindBucket, bindTable, bindUserPool } from '../constructs/bindings.js';
import { KedaiFunction } from '../constructs/kedai-function.js';
import { nagReference } from '../constructs/nag-reference.js';
import { DECISION_WORKFLOW_FILE, LAMBDA_ENTRIES } from '../repo-paths.js';
import { policyEnvironment, type StatelessStackProps } from './shared-environment.js';

/** ASL substitution name → the task Lambda that fills it. */
const DECISION_TASKS = {
  ScreenFunctionArn: { id: 'Screen', entry: LAMBDA_ENTRIES.screen },
  ScoreFunctionArn: { id: 'Score', entry: LAMBDA_ENTRIES.score },
  RouteFunctionArn: { id: 'Route', entry: LAMBDA_ENTRIES.route },
  ChooseTierFunctionArn: { id: 'ChooseTier', entry: LAMBDA_ENTRIES.chooseTier },
  RecordDecisionFunctionArn: { id: 'RecordDecision', entry: LAMBDA_ENTRIES.recordDecision },
} as const;

/** The `${Name}` placeholders an ASL file expects. */
export function aslSubstitutionNames(aslText: string): string[] {
  return [...new Set([...aslText.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]))].sort();
}

export class WorkflowStack extends Stack {
  readonly stateMachine: StateMachine;
  readonly taskFunctions: KedaiFunction[];

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { stateful, config, stage } = props;

    // Fail synth, not deploy, when the ASL and this stack disagree on the task placeholders.
    const expected = aslSubstitutionNames(readFileSync(DECISION_WORKFLOW_FILE, 'utf8'));
    const provided = Object.keys(DECISION_TASKS).sort();
    if (expected.join() !== provided.join()) {
      throw new Error(`application-decision.asl.json expects ${expected.join(', ')} but the workflow stack provides ${provided.join(', ')}.`);
    }

    const substitutions: Record<string, string> = {};
    this.taskFunctions = [];
    for (const [placeholder, task] of Object.entries(DECISION_TASKS)) {
      const fn = new KedaiFunction(this, task.id, {
        entry: task.entry, stage, logRetention: config.logRetentionDays, memorySize: 512,
        description: `Kedai ${stage}: decision workflow task ${task.id}`,
        environment: policyEnvironment(config),
      });
      bindTable(fn, stateful.table, 'readWrite');
      bindBucket(fn, 'DOCUMENTS_BUCKET', stateful.documentsBucket, 'name-only');
      bindBucket(fn, 'CONTRACTS_BUCKET', stateful.contractsBucket, 'name-only');
      bindUserPool(fn, stateful.userPool, stateful.userPoolClient);
      substitutions[placeholder] = fn.functionArn;
      this.taskFunctions.push(fn);
    }

    const logGroup = new LogGroup(this, 'DecisionWorkflowLogs', {
      retention: config.logRetentionDays,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stateMachine = new StateMachine(this, 'DecisionWorkflow', {
      definitionBody: DefinitionBody.fromFile(DECISION_WORKFLOW_FILE),
      definitionSubstitutions: substitutions,
      stateMachineType: StateMachineType.STANDARD,
      timeout: Duration.hours(1),
      tracingEnabled: true,
      logs: { destination: logGroup, level: LogLevel.ALL, includeExecutionData: true },
      comment: `Kedai ${stage}: application decision (infra/workflows/application-decision.asl.json)`,
    });
    for (const fn of this.taskFunctions) {
      fn.grantInvoke(this.stateMachine);
      Validations.of(this.stateMachine.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${nagReference(this, fn, fn.functionArn)}:*]`,
        reason: 'CDK grants invoke on the function and its versions/aliases (ARN:*); scoped to this one task function.',
      });
    }
    Validations.of(this.stateMachine.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'Log delivery (logs:CreateLogDelivery, …) and X-Ray (PutTraceSegments) support no resource-level permissions; CDK adds them for logging ALL and tracing.',
    });
  }
}
