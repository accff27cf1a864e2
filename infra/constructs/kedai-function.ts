/**
 * Our Lambda defaults in one place, so a function is two lines:
 *   const fn = new KedaiFunction(this, 'Screen', { entry: LAMBDA_ENTRIES.screen, logRetention });
 *   bindTable(fn, table, 'readWrite');
 */
import { existsSync } from 'node:fs';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { LOCK_FILE, REPO_ROOT } from '../repo-paths.js';
import { LAMBDA_BUNDLING } from './bundling.js';

export interface KedaiFunctionProps {
  /** Repository-relative entry file exporting `handler`, e.g. `functions/workflow/screen.ts`. */
  entry: string;
  /** Stage name, passed as STAGE (the handlers' config reads it). */
  stage: string;
  logRetention: RetentionDays;
  description?: string;
  /** Default 1024 MB: on ARM64 more memory also means more CPU, which shortens cold starts. */
  memorySize?: number;
  /** Default 30 s. */
  timeout?: Duration;
  environment?: Record<string, string>;
  /** For asynchronously invoked functions (schedules): where events go after the retries. */
  deadLetterQueue?: IQueue;
}

export class KedaiFunction extends NodejsFunction {
  /** Repository-relative entry, for reports and tests. */
  readonly entryPath: string;

  constructor(scope: Construct, id: string, props: KedaiFunctionProps) {
    const entry = `${REPO_ROOT}/${props.entry}`;
    if (!existsSync(entry)) throw new Error(`Lambda entry ${props.entry} does not exist (construct ${id}).`);
    // An explicit log group instead of `logRetention`, which would add a custom-resource Lambda per stack.
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    super(scope, id, {
      entry,
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.seconds(30),
      tracing: Tracing.ACTIVE,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      deadLetterQueue: props.deadLetterQueue,
      environment: {
        STAGE: props.stage,
        // Bundles are minified; the maps turn stack traces back into our file names and lines.
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      projectRoot: REPO_ROOT,
      depsLockFilePath: LOCK_FILE,
      bundling: {
        format: OutputFormat.ESM,
        target: LAMBDA_BUNDLING.target,
        mainFields: [...LAMBDA_BUNDLING.mainFields],
        banner: LAMBDA_BUNDLING.banner,
        externalModules: [...LAMBDA_BUNDLING.external],
        minify: LAMBDA_BUNDLING.minify,
        sourceMap: LAMBDA_BUNDLING.sourcemap,
        sourcesContent: LAMBDA_BUNDLING.sourcesContent,
        // Local esbuild (a devDependency): synth needs no Docker and works offline.
        forceDockerBundling: false,
      },
    });
    this.entryPath = props.entry;

    const role = this.role!;
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: 'The AWS managed basic execution policy only lets the function write its own CloudWatch Logs; it is the documented minimum for Lambda.',
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions, so active tracing needs Resource "*" (granted by CDK for Tracing.ACTIVE).',
    });
  }
}
