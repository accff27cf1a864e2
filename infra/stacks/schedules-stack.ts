/**
 * Scheduled jobs on EventBridge Scheduler: the re-drive of stuck decision and contract runs (every few minutes),
 * post-loan monitoring and the loan-servicing workflow (daily). Failed invocations end in one dead-letter queue the alarms stack watches.
 */
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke, StepFunctionsStartExecution } from 'aws-cdk-lib/aws-scheduler-targets';
import { ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { TimeZone } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { bindBucket, bindNotifier, bindStateMachines, bindTable, bindUserPool, type WorkflowStateMachines } from '../constructs/bindings.js';
import { KedaiFunction } from '../constructs/kedai-function.js';
import { nagReference } from '../constructs/nag-reference.js';
import type { StatelessStackProps } from './shared-environment.js';

export interface SchedulesStackProps extends StatelessStackProps {
  /** The re-drive restarts either kind of run an application is stuck in. */
  stateMachines: WorkflowStateMachines;
  /** The daily loan-servicing workflow, started by its own schedule. */
  servicing: IStateMachine;
}

export class SchedulesStack extends Stack {
  readonly deadLetterQueue: Queue;
  readonly redriveFunction: KedaiFunction;
  readonly monitoringFunction: KedaiFunction;

  constructor(scope: Construct, id: string, props: SchedulesStackProps) {
    super(scope, id, props);
    const { stateful, config, stage } = props;

    this.deadLetterQueue = new Queue(this, 'JobsDeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter queue of the scheduled jobs (Lambda async failures and Scheduler delivery failures); it needs no DLQ of its own.',
    });

    this.redriveFunction = new KedaiFunction(this, 'Redrive', {
      lambda: 'redrive', stage, logRetention: config.logRetentionDays, memorySize: 512,
      timeout: Duration.minutes(2),
      description: `Kedai ${stage}: restarts decision and contract runs left in flight; escalates overdue cases`,
      deadLetterQueue: this.deadLetterQueue,
    });
    bindTable(this.redriveFunction, stateful.table, 'readWrite');
    bindBucket(this.redriveFunction, 'DOCUMENTS_BUCKET', stateful.documentsBucket, 'name-only');
    bindBucket(this.redriveFunction, 'CONTRACTS_BUCKET', stateful.contractsBucket, 'name-only');
    bindUserPool(this.redriveFunction, stateful.userPool, stateful.userPoolClient);
    // Escalating an overdue case tells the approvers.
    bindNotifier(this.redriveFunction, config.messages);
    bindStateMachines(this.redriveFunction, props.stateMachines);

    this.monitoringFunction = new KedaiFunction(this, 'PostLoanMonitoring', {
      lambda: 'postLoanMonitoring', stage, logRetention: config.logRetentionDays,
      timeout: Duration.minutes(10),
      description: `Kedai ${stage}: post-loan health index, bands and warnings`,
      deadLetterQueue: this.deadLetterQueue,
    });
    bindTable(this.monitoringFunction, stateful.table, 'readWrite');
    bindBucket(this.monitoringFunction, 'DOCUMENTS_BUCKET', stateful.documentsBucket, 'name-only');
    bindBucket(this.monitoringFunction, 'CONTRACTS_BUCKET', stateful.contractsBucket, 'name-only');
    bindUserPool(this.monitoringFunction, stateful.userPool, stateful.userPoolClient);
    bindNotifier(this.monitoringFunction, config.messages);

    const timeZone = TimeZone.of(config.schedules.timezone);
    const target = (fn: KedaiFunction) => {
      const invoke = new LambdaInvoke(fn, {
        deadLetterQueue: this.deadLetterQueue,
        // A late re-drive is pointless: the next one is minutes away.
        maxEventAge: Duration.hours(1),
        retryAttempts: 2,
      });
      // CDK's scheduler role grants invoke on the function and its versions (ARN:*).
      Validations.of(this).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${nagReference(this, fn, fn.functionArn)}:*]`,
        reason: `The scheduler's role may invoke ${fn.node.id} and its versions/aliases (ARN:*), nothing else.`,
      });
      return invoke;
    };
    new Schedule(this, 'RedriveSchedule', {
      schedule: ScheduleExpression.expression(config.schedules.redrive, timeZone),
      target: target(this.redriveFunction),
      description: `Kedai ${stage}: re-drive stuck decision and contract runs`,
    });
    new Schedule(this, 'PostLoanMonitoringSchedule', {
      schedule: ScheduleExpression.expression(config.schedules.postLoanMonitoring, timeZone),
      target: target(this.monitoringFunction),
      description: `Kedai ${stage}: daily post-loan monitoring`,
    });
    // PlanServicing takes the Beijing date of the run when `date` is null (infra/workflows/loan-servicing.asl.json).
    new Schedule(this, 'ServicingSchedule', {
      schedule: ScheduleExpression.expression(config.schedules.servicing, timeZone),
      target: new StepFunctionsStartExecution(props.servicing, {
        input: ScheduleTargetInput.fromObject({ date: null }),
        deadLetterQueue: this.deadLetterQueue,
        maxEventAge: Duration.hours(6),
        retryAttempts: 3,
      }),
      description: `Kedai ${stage}: daily loan servicing (debits, days past due, five-tier class), then monitoring`,
    });
  }
}
