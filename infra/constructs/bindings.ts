/**
 * Each binding sets the environment variable a handler's config reads and grants the matching access,
 * together, so a function can never have the name of a resource without the right to use it (or the reverse).
 * `name-only` is for resources the config requires at cold start but the function never touches.
 */
import { Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
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

/** The decision workflow is `STATE_MACHINE_ARN`, the contract workflow `CONTRACT_STATE_MACHINE_ARN` (functions/config.ts). */
export type StateMachineEnv = 'STATE_MACHINE_ARN' | 'CONTRACT_STATE_MACHINE_ARN';

export function bindStateMachine(fn: LambdaFunction, envName: StateMachineEnv, stateMachine: IStateMachine): void {
  fn.addEnvironment(envName, stateMachine.stateMachineArn);
  stateMachine.grantStartExecution(fn);
}

/** Both workflows, for the functions that start either kind (the API, the re-drive job). */
export interface WorkflowStateMachines {
  decision: IStateMachine;
  contract: IStateMachine;
}

export function bindStateMachines(fn: LambdaFunction, machines: WorkflowStateMachines): void {
  bindStateMachine(fn, 'STATE_MACHINE_ARN', machines.decision);
  bindStateMachine(fn, 'CONTRACT_STATE_MACHINE_ARN', machines.contract);
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
