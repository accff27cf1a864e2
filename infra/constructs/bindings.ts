/**
 * Each binding sets the environment variable a handler's config reads and grants the matching access,
 * together, so a function can never have the name of a resource without the right to use it (or the reverse).
 * `name-only` is for resources the config requires at cold start but the function never touches.
 */
import { Stack, Validations } from 'aws-cdk-lib';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Secret, type ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { nagReference } from './nag-reference.js';

export type DataAccess = 'name-only' | 'read' | 'readWrite';

export function bindTable(fn: LambdaFunction, table: ITableV2, access: DataAccess): void {
  fn.addEnvironment('TABLE_NAME', table.tableName);
  if (access === 'read') table.grantReadData(fn);
  if (access === 'readWrite') table.grantReadWriteData(fn);
  if (access !== 'name-only') {
    acknowledgeOnRole(fn, `AwsSolutions-IAM5[Resource::${nagReference(fn, table, table.tableArn)}/index/*]`, 'Queries by the table\'s own secondary indexes (gsi1, gsi2 of functions/adapters/dynamodb/schema.ts); CDK grants them as index/*.');
    acknowledgeOnRole(fn, 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]', 'Granted by CDK with the table key: DynamoDB re-encrypts items under the customer-managed key; scoped to that one key.');
    acknowledgeOnRole(fn, 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]', 'Granted by CDK with the table key: DynamoDB needs data keys under the customer-managed key; scoped to that one key.');
  }
}

export function bindBucket(fn: LambdaFunction, envName: 'DOCUMENTS_BUCKET' | 'CONTRACTS_BUCKET', bucket: IBucket, access: DataAccess): void {
  fn.addEnvironment(envName, bucket.bucketName);
  if (access === 'read') bucket.grantRead(fn);
  if (access === 'readWrite') bucket.grantReadWrite(fn);
  if (access !== 'name-only') {
    acknowledgeOnRole(fn, `AwsSolutions-IAM5[Resource::${nagReference(fn, bucket, bucket.bucketArn)}/*]`, 'Objects of this one bucket: keys carry application and document ids, unknown at deploy time.');
    acknowledgeOnRole(fn, 'AwsSolutions-IAM5[Action::s3:GetObject*]', 'Object-level reads (GetObject, GetObjectVersion, …) within this one bucket: documents and contracts are keyed by application id, not known at deploy time.');
    acknowledgeOnRole(fn, 'AwsSolutions-IAM5[Action::s3:GetBucket*]', 'Bucket metadata reads on this one bucket (health check HeadBucket, presigning).');
    acknowledgeOnRole(fn, 'AwsSolutions-IAM5[Action::s3:List*]', 'Listing within this one bucket (HeadObject of a missing key answers 404 rather than 403 only with ListBucket).');
    acknowledgeOnRole(fn, 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]', 'Granted by CDK with the bucket key: S3 re-encrypts objects under the customer-managed key; scoped to that one key.');
    acknowledgeOnRole(fn, 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]', 'Granted by CDK with the bucket key: S3 needs data keys to store objects under the customer-managed key; scoped to that one key.');
  }
  if (access === 'readWrite') {
    acknowledgeOnRole(fn, 'AwsSolutions-IAM5[Action::s3:DeleteObject*]', 'Uploads that fail verification are deleted; objects are keyed by application id, unknown at deploy time; versioning keeps every deleted version.');
    acknowledgeOnRole(fn, 'AwsSolutions-IAM5[Action::s3:Abort*]', 'Abort multipart uploads in this one bucket (presigned uploads the client abandons).');
  }
}

/** JWT verification needs only the pool's public keys and USER_PASSWORD_AUTH needs no IAM: the ids alone. */
export function bindUserPool(fn: LambdaFunction, pool: IUserPool, client: IUserPoolClient): void {
  fn.addEnvironment('USER_POOL_ID', pool.userPoolId);
  fn.addEnvironment('USER_POOL_CLIENT_ID', client.userPoolClientId);
}

/**
 * The account routes (functions/adapters/cognito/cognito-auth.ts): look up, confirm into the applicant group,
 * replace an unconfirmed sign-up, set a reset password. Self sign-up itself (SignUp) and RevokeToken are public
 * client calls and need no IAM. AdminAddUserToGroup cannot be narrowed to one group by IAM; the adapter only
 * ever names `applicant`.
 */
export const USER_POOL_ADMIN_ACTIONS = [
  'cognito-idp:AdminGetUser', 'cognito-idp:AdminConfirmSignUp', 'cognito-idp:AdminUpdateUserAttributes',
  'cognito-idp:AdminAddUserToGroup', 'cognito-idp:AdminDeleteUser', 'cognito-idp:AdminSetUserPassword',
] as const;

export function bindUserPoolAccounts(fn: LambdaFunction, pool: IUserPool): void {
  fn.addToRolePolicy(new PolicyStatement({ actions: [...USER_POOL_ADMIN_ACTIONS], resources: [pool.userPoolArn] }));
}

export interface MessagesConfig {
  emailFrom: string;
  configurationSet?: string;
  sms: boolean;
  smsSenderId?: string;
  region?: string;
}

/**
 * The notifier's configuration and exactly its grants: SES SendEmail from the one sending identity (and its
 * configuration set), and SNS Publish for direct SMS. Direct SMS has no resource ARN, so it is granted on `*`
 * with every topic denied: the function can text a number but not publish to any topic.
 */
export function bindNotifier(fn: LambdaFunction, messages: MessagesConfig): void {
  const stack = Stack.of(fn);
  const region = messages.region ?? stack.region;
  const domain = messages.emailFrom.split('@')[1];
  fn.addEnvironment('NOTIFY_EMAIL_FROM', messages.emailFrom);
  fn.addEnvironment('NOTIFY_SMS_ENABLED', String(messages.sms));
  if (messages.region) fn.addEnvironment('NOTIFY_REGION', messages.region);
  if (messages.smsSenderId) fn.addEnvironment('NOTIFY_SMS_SENDER_ID', messages.smsSenderId);
  if (messages.configurationSet) fn.addEnvironment('NOTIFY_EMAIL_CONFIGURATION_SET', messages.configurationSet);
  const identity = (name: string) => stack.formatArn({ service: 'ses', region, resource: 'identity', resourceName: name });
  fn.addToRolePolicy(new PolicyStatement({
    actions: ['ses:SendEmail'],
    resources: [
      identity(domain), identity(messages.emailFrom),
      ...(messages.configurationSet ? [stack.formatArn({ service: 'ses', region, resource: 'configuration-set', resourceName: messages.configurationSet })] : []),
    ],
    conditions: { StringEquals: { 'ses:FromAddress': messages.emailFrom } },
  }));
  if (messages.sms) {
    fn.addToRolePolicy(new PolicyStatement({ actions: ['sns:Publish'], resources: ['*'] }));
    fn.addToRolePolicy(new PolicyStatement({
      effect: Effect.DENY, actions: ['sns:Publish'], resources: [stack.formatArn({ service: 'sns', region: '*', account: '*', resource: '*' })],
    }));
    acknowledgeOnRole(fn, 'AwsSolutions-IAM5[Resource::*]', 'sns:Publish to a phone number (direct SMS) has no resource ARN; every topic ARN is denied in the same policy, so only SMS can be sent.');
  }
}

/** Each workflow's state machine by the variable functions/config.ts reads it from. */
export const STATE_MACHINE_ENV = {
  decision: 'STATE_MACHINE_ARN',
  contract: 'CONTRACT_STATE_MACHINE_ARN',
  statement: 'STATEMENT_STATE_MACHINE_ARN',
  targetList: 'TARGET_LIST_STATE_MACHINE_ARN',
} as const;
export type StateMachineEnv = (typeof STATE_MACHINE_ENV)[keyof typeof STATE_MACHINE_ENV];

export function bindStateMachine(fn: LambdaFunction, envName: StateMachineEnv, stateMachine: IStateMachine): void {
  fn.addEnvironment(envName, stateMachine.stateMachineArn);
  stateMachine.grantStartExecution(fn);
}

/** The workflows a function may start (the API functions, the re-drive job), each optional. */
export type WorkflowStateMachines = Partial<Record<keyof typeof STATE_MACHINE_ENV, IStateMachine>>;

export function bindStateMachines(fn: LambdaFunction, machines: WorkflowStateMachines): void {
  for (const [kind, machine] of Object.entries(machines) as Array<[keyof typeof STATE_MACHINE_ENV, IStateMachine | undefined]>) {
    if (machine) bindStateMachine(fn, STATE_MACHINE_ENV[kind], machine);
  }
}

export interface RegistryGatewayConfig {
  url: string;
  secretName: string;
}

/**
 * The bank's data gateway (functions/adapters/registry/gateway-registry.ts): its URL, and read access to the one
 * secret it expects, made outside the stack (it is the bank's key). `grantRead` on a secret imported by name allows
 * `<name>-??????`, the suffix Secrets Manager adds; a key of the account's own default needs no KMS grant.
 */
export function bindRegistryGateway(fn: LambdaFunction, registry: RegistryGatewayConfig): void {
  const secret = Secret.fromSecretNameV2(fn, 'RegistryGatewaySecret', registry.secretName);
  fn.addEnvironment('REGISTRY_GATEWAY_URL', registry.url);
  fn.addEnvironment('REGISTRY_GATEWAY_SECRET_ARN', secret.secretArn);
  secret.grantRead(fn);
  acknowledgeOnRole(fn, `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:${registry.secretName}-??????]`,
    'The one data-gateway secret, imported by name: Secrets Manager appends a random six-character suffix to its ARN.');
}

/**
 * Written out rather than `secret.grantRead`: that grant puts the function's role into the key policy, which
 * lives in the stateful stack and would make it depend on this one (a cycle). The key trusts IAM policies of
 * its own account, so an identity statement limited to Secrets Manager is enough.
 */
export function bindSealSecret(fn: LambdaFunction, secret: ISecret): void {
  fn.addEnvironment('SEAL_SECRET_ARN', secret.secretArn);
  fn.addToRolePolicy(new PolicyStatement({
    actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
    resources: [secret.secretArn],
  }));
  if (secret.encryptionKey) {
    const { region } = Stack.of(fn);
    fn.addToRolePolicy(new PolicyStatement({
      actions: ['kms:Decrypt'],
      resources: [secret.encryptionKey.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${region}.${Stack.of(fn).urlSuffix}` } },
    }));
  }
}

/** Acknowledges a finding on the function's role, where CDK's grants put the statement. */
function acknowledgeOnRole(fn: LambdaFunction, id: string, reason: string): void {
  Validations.of(fn.role ?? fn).acknowledge({ id, reason });
}
