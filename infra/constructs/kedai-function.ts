/**
 * Our Lambda defaults in one place, so a function is two lines:
 *   const fn = new KedaiFunction(this, 'Screen', { lambda: 'screen', stage, logRetention });
 *   bindTable(fn, table, 'readWrite');
 * What a bundle carries besides its code (font, packages, the seal) follows from `LAMBDA_NEEDS`.
 */
import { existsSync } from 'node:fs';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { Charset, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { LAMBDA_ENTRIES, LOCK_FILE, REPO_ROOT, type LambdaName } from '../repo-paths.js';
import { bundlePlan, LAMBDA_BUNDLING, LAMBDA_NEEDS, type BundlePlan } from './bundling.js';
import { OPENAPI_FILE } from '../../functions/api/api-functions.js';
import { openApiDocumentFile } from './openapi-file.js';
import { packageClosure } from './package-closure.js';

export interface KedaiFunctionProps {
  /** Which entry of `LAMBDA_ENTRIES` (a file exporting `handler`) this function runs. */
  lambda: LambdaName;
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
  readonly lambda: LambdaName;
  /** Externals, shipped packages and files of this bundle. */
  readonly bundle: BundlePlan;

  constructor(scope: Construct, id: string, props: KedaiFunctionProps) {
    const entryPath = LAMBDA_ENTRIES[props.lambda];
    const entry = `${REPO_ROOT}/${entryPath}`;
    if (!existsSync(entry)) throw new Error(`Lambda entry ${entryPath} does not exist (construct ${id}).`);
    const bundle = bundlePlan(LAMBDA_NEEDS[props.lambda]);
    // Absolute: written at synth, not a file of the repository.
    const openapi = bundle.openapi ? openApiDocumentFile(props.stage) : undefined;
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
        ...bundle.environment,
        ...props.environment,
      },
      projectRoot: REPO_ROOT,
      depsLockFilePath: LOCK_FILE,
      bundling: {
        format: OutputFormat.ESM,
        target: LAMBDA_BUNDLING.target,
        mainFields: [...LAMBDA_BUNDLING.mainFields],
        banner: LAMBDA_BUNDLING.banner,
        externalModules: bundle.external,
        minify: LAMBDA_BUNDLING.minify,
        sourceMap: LAMBDA_BUNDLING.sourcemap,
        sourcesContent: LAMBDA_BUNDLING.sourcesContent,
        charset: LAMBDA_BUNDLING.charset === 'utf8' ? Charset.UTF8 : Charset.ASCII,
        // Local esbuild (a devDependency): synth needs no Docker and works offline.
        forceDockerBundling: false,
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir, outputDir) => copyCommands(inputDir, outputDir, bundle, openapi),
        },
      },
    });
    this.entryPath = entryPath;
    this.lambda = props.lambda;
    this.bundle = bundle;

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

/** Shell commands that put the plan's files and packages into the asset, at the paths the code looks for them. */
function copyCommands(inputDir: string, outputDir: string, bundle: BundlePlan, openapi?: string): string[] {
  const q = (path: string) => `'${path.replace(/'/g, "'\\''")}'`;
  const commands: string[] = [];
  if (openapi) commands.push(`cp ${q(openapi)} ${q(`${outputDir}/${OPENAPI_FILE}`)}`);
  for (const { from, toDir } of bundle.files) {
    commands.push(`mkdir -p ${q(`${outputDir}/${toDir}`)} && cp ${q(`${inputDir}/${from}`)} ${q(`${outputDir}/${toDir}/`)}`);
  }
  if (bundle.nodeModules.length > 0) {
    for (const dir of packageClosure(LOCK_FILE, bundle.nodeModules)) {
      const target = `${outputDir}/${dir}`;
      commands.push(`mkdir -p ${q(target.slice(0, target.lastIndexOf('/')))} && cp -R ${q(`${inputDir}/${dir}`)} ${q(target)}`);
    }
  }
  return commands;
}
