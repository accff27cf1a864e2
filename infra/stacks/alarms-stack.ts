/**
 * Alarms on everything that can fail quietly: Lambda errors and throttles, failed or timed-out workflow runs,
 * API 5xx, and anything in the jobs' dead-letter queue. All notify one encrypted SNS topic.
 */
import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, Metric, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config.js';

export interface AlarmsStackProps extends StackProps {
  stage: string;
  config: StageConfig;
  /** Watched functions by a readable name (the alarm's construct id). */
  functions: Record<string, IFunction>;
  /** Watched state machines by a readable name: `Decision` gives `DecisionRunsFailed`, … */
  stateMachines: Record<string, IStateMachine>;
  httpApi: IHttpApi;
  deadLetterQueues: Record<string, IQueue>;
}

export class AlarmsStack extends Stack {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: AlarmsStackProps) {
    super(scope, id, props);

    // CloudWatch cannot publish to a topic under the AWS-managed SNS key, hence our own, open to CloudWatch.
    const key = new Key(this, 'AlarmTopicKey', { enableKeyRotation: true, description: `Kedai ${props.stage}: alarm topic` });
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.topic = new Topic(this, 'AlarmTopic', { masterKey: key, enforceSSL: true, displayName: `Kedai ${props.stage} alarms` });
    if (props.config.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.config.alarmEmail));

    for (const [name, fn] of Object.entries(props.functions)) {
      this.alarm(`${name}Errors`, fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }), 1, `${name} Lambda threw`);
      this.alarm(`${name}Throttles`, fn.metricThrottles({ period: Duration.minutes(5), statistic: 'Sum' }), 1, `${name} Lambda was throttled`);
    }

    for (const [name, sm] of Object.entries(props.stateMachines)) {
      const runs = `a ${name.toLowerCase()} workflow run`;
      this.alarm(`${name}RunsFailed`, sm.metricFailed({ period: Duration.minutes(5), statistic: 'Sum' }), 1, `${runs} failed after its retries`);
      this.alarm(`${name}RunsTimedOut`, sm.metricTimedOut({ period: Duration.minutes(5), statistic: 'Sum' }), 1, `${runs} timed out`);
      this.alarm(`${name}RunsThrottled`, sm.metricThrottled({ period: Duration.minutes(5), statistic: 'Sum' }), 1, `Step Functions throttled the ${name.toLowerCase()} workflow`);
    }

    const api5xx = new Metric({
      namespace: 'AWS/ApiGateway', metricName: '5xx', dimensionsMap: { ApiId: props.httpApi.apiId },
      period: Duration.minutes(5), statistic: 'Sum',
    });
    this.alarm('Api5xx', api5xx, 5, 'The API answered 5xx five or more times in five minutes');

    for (const [name, queue] of Object.entries(props.deadLetterQueues)) {
      this.alarm(`${name}NotEmpty`, queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }), 1, `${name} holds failed events`);
    }
  }

  private alarm(id: string, metric: IMetric, threshold: number, description: string): void {
    const alarm = new Alarm(this, id, {
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    this.alarms.push(alarm);
  }
}
