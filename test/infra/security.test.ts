/** Template assertions for every security property the CDK app promises (issue 6), on the real app. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CONTRACT_WORKFLOW_FILE, DECISION_WORKFLOW_FILE, SERVICING_WORKFLOW_FILE, STATEMENT_WORKFLOW_FILE, TARGET_LIST_WORKFLOW_FILE,
} from '../../infra/repo-paths.js';
import { API_FUNCTIONS } from '../../functions/api/api-functions.js';
import { WORKFLOW_TASKS } from '../../functions/workflow/registry.js';
import { MAIN_TABLE } from '../../functions/adapters/dynamodb/schema.js';
import { USER_GROUPS } from '../../infra/stacks/stateful-stack.js';
import { PUBLIC_ROUTES } from '../../infra/stacks/api-stack.js';
import { aslSubstitutionNames } from '../../infra/stacks/workflow-stack.js';
import { synthKedai, type SynthResult } from './synth-kedai.js';

let kedai: SynthResult;
beforeAll(() => {
  kedai = synthKedai({ webAssetsPath: null });
});

/** CDK's own deploy-time provider of AwsCustomResource (the configuration seed): not one of our functions. */
const CDK_PROVIDER = /^AWS679f53fac002430cb0da5b7982bd2287/;

/** Our functions: every Lambda in the app but CDK's custom-resource provider. */
function ourFunctions() {
  return kedai.resourcesOfType('AWS::Lambda::Function').filter(({ id }) => !CDK_PROVIDER.test(id));
}

/** The one function of ours whose logical id starts with a construct id (`Seal`, `ApiFunction`, …). */
function lambdaNamed(construct: string): any {
  return lambdaEntry(construct).resource;
}

function lambdaEntry(construct: string) {
  const found = ourFunctions().filter(({ id }) => id.startsWith(construct));
  expect(found.map((f) => f.id), construct).toHaveLength(1);
  return found[0];
}

/** Every IAM statement attached to the role of the function with this logical id. */
function statementsOfId(logicalId: string): any[] {
  const fn = kedai.resourcesOfType('AWS::Lambda::Function').find(({ id }) => id === logicalId)!;
  const roleId = fn.resource.Properties!.Role['Fn::GetAtt'][0];
  return kedai.resourcesOfType('AWS::IAM::Policy')
    .filter(({ stack, resource }) => stack === fn.stack && resource.Properties!.Roles.some((r: any) => r.Ref === roleId))
    .flatMap(({ resource }) => resource.Properties!.PolicyDocument.Statement);
}

function statementsOf(construct: string): any[] {
  return statementsOfId(lambdaEntry(construct).id);
}

describe('stateful stack', () => {
  it('builds one DynamoDB table from functions/adapters/dynamodb/schema.ts with PITR and the customer-managed key', () => {
    const tables = kedai.resourcesOfType('AWS::DynamoDB::GlobalTable');
    expect(tables).toHaveLength(1);
    const props = tables[0].resource.Properties!;
    expect(props.KeySchema).toEqual([
      { AttributeName: MAIN_TABLE.partitionKey, KeyType: 'HASH' },
      { AttributeName: MAIN_TABLE.sortKey, KeyType: 'RANGE' },
    ]);
    expect(props.GlobalSecondaryIndexes.map((g: any) => [g.IndexName, g.KeySchema.map((k: any) => k.AttributeName)]))
      .toEqual(MAIN_TABLE.globalSecondaryIndexes.map((g) => [g.indexName, [g.partitionKey, g.sortKey]]));
    expect(props.TimeToLiveSpecification).toEqual({ AttributeName: MAIN_TABLE.ttlAttribute, Enabled: true });
    expect(props.SSESpecification).toEqual({ SSEEnabled: true, SSEType: 'KMS' });
    for (const replica of props.Replicas) {
      expect(replica.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(replica.SSESpecification.KMSMasterKeyId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^DataKey/), 'Arn'] });
      expect(replica.DeletionProtectionEnabled).toBe(true);
    }
    expect(tables[0].resource.DeletionPolicy).toBe('Retain');
  });

  it('rotates the data key and keeps it on delete', () => {
    kedai.templates.stateful.hasResource('AWS::KMS::Key', { Properties: { EnableKeyRotation: true }, DeletionPolicy: 'Retain' });
  });

  it('fully blocks public access, versions and encrypts every bucket in the app', () => {
    const buckets = kedai.resourcesOfType('AWS::S3::Bucket');
    expect(buckets.length).toBeGreaterThanOrEqual(4);
    for (const { id, resource } of buckets) {
      expect(resource.Properties!.PublicAccessBlockConfiguration, id).toEqual({
        BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true,
      });
      expect(resource.Properties!.VersioningConfiguration, id).toEqual({ Status: 'Enabled' });
      expect(resource.Properties!.BucketEncryption, id).toBeDefined();
    }
  });

  it('denies every non-TLS request to every bucket', () => {
    const buckets = kedai.resourcesOfType('AWS::S3::Bucket');
    const policies = kedai.resourcesOfType('AWS::S3::BucketPolicy');
    for (const bucket of buckets) {
      const policy = policies.find((p) => p.stack === bucket.stack && JSON.stringify(p.resource.Properties!.Bucket) === JSON.stringify({ Ref: bucket.id }));
      expect(policy, `${bucket.stack}/${bucket.id} has a bucket policy`).toBeDefined();
      const statements: any[] = policy!.resource.Properties!.PolicyDocument.Statement;
      expect(statements).toContainEqual(expect.objectContaining({
        Effect: 'Deny', Action: 's3:*', Principal: { AWS: '*' },
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }));
    }
  });

  it('keeps documents and contracts under the data key, logged to the access-log bucket, and retained', () => {
    const template = kedai.templates.stateful;
    const dataBuckets = template.findResources('AWS::S3::Bucket', {
      Properties: { LoggingConfiguration: Match.objectLike({ DestinationBucketName: { Ref: Match.stringLikeRegexp('^AccessLogs') } }) },
    });
    expect(Object.keys(dataBuckets).sort()).toEqual([expect.stringMatching(/^Contracts/), expect.stringMatching(/^Documents/)]);
    for (const bucket of Object.values(dataBuckets) as any[]) {
      expect(bucket.DeletionPolicy).toBe('Retain');
      expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault).toEqual({
        SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [expect.stringMatching(/^DataKey/), 'Arn'] },
      });
    }
  });

  it('has a user pool with the seven groups, a strong password policy, optional MFA and PLUS threat protection', () => {
    const template = kedai.templates.stateful;
    const groups = Object.values(template.findResources('AWS::Cognito::UserPoolGroup')).map((g: any) => g.Properties.GroupName);
    expect(groups.length).toBeGreaterThanOrEqual(5);
    expect(groups.sort()).toEqual([...USER_GROUPS].sort());
    template.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 12, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true }) },
        MfaConfiguration: 'OPTIONAL',
        EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
        UserPoolTier: 'PLUS',
        UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
        // Applicants sign up themselves (DESIGN.md §7.1); test/infra/accounts.test.ts holds the rest.
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
      }),
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ExplicitAuthFlows: Match.arrayWith(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH']),
      GenerateSecret: false,
    });
  });

  it('holds the seal key material in a secret under the data key, retained', () => {
    kedai.templates.stateful.hasResource('AWS::SecretsManager::Secret', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DataKey'), 'Arn'] } }),
    });
  });

  it('names no physical resource: tables, buckets, pools, functions and state machines get generated names', () => {
    const named: Array<[string, string]> = [
      ['AWS::DynamoDB::GlobalTable', 'TableName'], ['AWS::S3::Bucket', 'BucketName'], ['AWS::Cognito::UserPool', 'UserPoolName'],
      ['AWS::Lambda::Function', 'FunctionName'], ['AWS::StepFunctions::StateMachine', 'StateMachineName'],
      ['AWS::SQS::Queue', 'QueueName'], ['AWS::SNS::Topic', 'TopicName'], ['AWS::Logs::LogGroup', 'LogGroupName'],
    ];
    for (const [type, property] of named) {
      for (const { id, resource } of kedai.resourcesOfType(type)) expect(resource.Properties?.[property], `${type} ${id}`).toBeUndefined();
    }
  });
});

describe('workflow stack', () => {
  const WORKFLOWS = [
    { name: 'Decision', file: DECISION_WORKFLOW_FILE },
    { name: 'Contract', file: CONTRACT_WORKFLOW_FILE },
    { name: 'Statement', file: STATEMENT_WORKFLOW_FILE },
    { name: 'Servicing', file: SERVICING_WORKFLOW_FILE },
    { name: 'TargetList', file: TARGET_LIST_WORKFLOW_FILE },
  ];
  const machine = (name: string) => {
    const found = Object.entries(kedai.templates.workflow.findResources('AWS::StepFunctions::StateMachine'))
      .filter(([id]) => id.startsWith(`${name}Workflow`));
    expect(found, `one ${name} state machine`).toHaveLength(1);
    return { id: found[0][0], resource: found[0][1] as any };
  };

  it('deploys the decision, contract, statement, servicing and target-list workflows, each logging ALL with X-Ray tracing', () => {
    const machines = Object.values(kedai.templates.workflow.findResources('AWS::StepFunctions::StateMachine')) as any[];
    expect(machines.length).toBe(WORKFLOWS.length);
    for (const m of machines) {
      expect(m.Properties.LoggingConfiguration).toEqual(expect.objectContaining({ Level: 'ALL', IncludeExecutionData: true }));
      expect(m.Properties.TracingConfiguration).toEqual({ Enabled: true });
    }
    expect(WORKFLOWS.map((w) => machine(w.name).id)).toHaveLength(5);
  });

  it('deploys every task of the registry, each used by some workflow', () => {
    const ids = Object.keys(kedai.templates.workflow.findResources('AWS::Lambda::Function')).filter((id) => !CDK_PROVIDER.test(id));
    expect(ids.map((id) => id.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual(Object.keys(WORKFLOW_TASKS).sort());
  });

  it.each(WORKFLOWS)('deploys the $name ASL file itself, each task state running the Lambda of its own task', ({ name, file }) => {
    const { resource } = machine(name);
    const asl = readFileSync(file, 'utf8');
    const assetFile = join(kedai.app.outdir, `asset.${resource.Properties.DefinitionS3Location.Key}`);
    expect(readFileSync(assetFile, 'utf8')).toBe(asl);

    const substitutions = resource.Properties.DefinitionSubstitutions as Record<string, any>;
    expect(Object.keys(substitutions).sort()).toEqual(aslSubstitutionNames(asl));
    const functions = kedai.templates.workflow.findResources('AWS::Lambda::Function');
    const target: Record<string, string> = {};
    for (const [placeholder, value] of Object.entries(substitutions)) {
      expect(value, placeholder).toEqual({ 'Fn::GetAtt': [expect.any(String), 'Arn'] });
      const logicalId: string = value['Fn::GetAtt'][0];
      expect(functions[logicalId], `${placeholder} points at a Lambda of this stack`).toBeDefined();
      // ScreenFunctionArn → the Screen task's function (logical ids start with the construct id).
      expect(logicalId.startsWith(placeholder.replace(/FunctionArn$/, '')), `${placeholder} → ${logicalId}`).toBe(true);
      target[placeholder] = logicalId;
    }
    // The definition Step Functions runs: the file with every placeholder filled in; every task has a Lambda.
    const deployed = JSON.parse(asl.replace(/\$\{(\w+)\}/g, (_, p: string) => `lambda:${target[p]}`));
    const resources = Object.values(deployed.States as Record<string, any>).filter((st) => st.Type === 'Task').map((st) => st.Resource);
    expect(resources.length).toBeGreaterThan(0);
    for (const r of resources) expect(Object.values(target).map((id) => `lambda:${id}`)).toContain(r);
  });

  it('lets each state machine invoke exactly its own task Lambdas, and no two share one', () => {
    const invokedBy = (name: string): string[] => {
      const policies = kedai.templates.workflow.findResources('AWS::IAM::Policy', {
        Properties: { Roles: [{ Ref: Match.stringLikeRegexp(`^${name}WorkflowRole`) }] },
      });
      return [...new Set(Object.values(policies).flatMap((p: any) => p.Properties.PolicyDocument.Statement)
        .filter((s: any) => s.Action === 'lambda:InvokeFunction')
        .flatMap((s: any) => s.Resource)
        .filter((r: any) => r['Fn::GetAtt'])
        .map((r: any) => r['Fn::GetAtt'][0] as string))].sort();
    };
    const tasksOf = (name: string) => [...new Set(Object.values(machine(name).resource.Properties.DefinitionSubstitutions)
      .map((v: any) => v['Fn::GetAtt'][0] as string))].sort();
    const invoked = WORKFLOWS.map((w) => invokedBy(w.name));
    WORKFLOWS.forEach((w, i) => expect(invoked[i], w.name).toEqual(tasksOf(w.name)));
    const all = invoked.flat();
    expect(new Set(all).size, 'no task Lambda serves two workflows').toBe(all.length);
    expect(all.sort()).toEqual(Object.keys(kedai.templates.workflow.findResources('AWS::Lambda::Function')).filter((id) => !CDK_PROVIDER.test(id)).sort());
  });
});

describe('lambda functions', () => {
  it('runs every function of ours on Node.js 24, ARM64, with active tracing and source maps', () => {
    const ours = ourFunctions();
    expect(ours.length).toBeGreaterThanOrEqual(23);
    for (const { id, resource } of ours) {
      const p = resource.Properties!;
      expect([id, p.Runtime, p.Architectures, p.TracingConfig]).toEqual([id, 'nodejs24.x', ['arm64'], { Mode: 'Active' }]);
      expect(p.Environment.Variables.NODE_OPTIONS, id).toBe('--enable-source-maps');
      expect(p.LoggingConfig.LogGroup, `${id} logs to its own log group with retention`).toBeDefined();
    }
  });

  it('gives every function each environment variable the handlers\' config requires', () => {
    const required = ['TABLE_NAME', 'DOCUMENTS_BUCKET', 'CONTRACTS_BUCKET', 'USER_POOL_ID', 'USER_POOL_CLIENT_ID', 'STAGE'];
    for (const { id, resource } of ourFunctions()) {
      expect(Object.keys(resource.Properties!.Environment.Variables), id).toEqual(expect.arrayContaining(required));
    }
  });

  const ROLE_ENV = ['STATE_MACHINE_ARN', 'CONTRACT_STATE_MACHINE_ARN', 'STATEMENT_STATE_MACHINE_ARN', 'TARGET_LIST_STATE_MACHINE_ARN', 'SEAL_SECRET_ARN', 'CONTRACT_FONT_PATH'];
  it.each([
    // The API functions stream stored PDFs: no font, no PDF code; each starts the workflows its routes start.
    ['ApiFunction', ['STATEMENT_STATE_MACHINE_ARN']],
    ['CaseworkFunction', ['STATE_MACHINE_ARN', 'CONTRACT_STATE_MACHINE_ARN']],
    ['AdminFunction', ['TARGET_LIST_STATE_MACHINE_ARN']],
    ['RenderStatement', ['CONTRACT_FONT_PATH']],
    ['ParseTargetList', []],
    ['ServiceChunk', []],
    ['Redrive', ['STATE_MACHINE_ARN', 'CONTRACT_STATE_MACHINE_ARN']],
    ['PostLoanMonitoring', []],
    ['Screen', []],
    ['RecordDecision', []],
    ['LoanCentreReview', []],
    ['Seal', ['SEAL_SECRET_ARN', 'CONTRACT_FONT_PATH']],
    ['RenderContract', ['CONTRACT_FONT_PATH']],
    ['PrepareContract', ['CONTRACT_FONT_PATH']],
    ['ApplySignature', ['CONTRACT_FONT_PATH']],
    ['Disburse', []],
  ])('gives %s exactly the workflow, seal and font variables %j', (construct, expected) => {
    const fn = lambdaNamed(construct);
    expect(Object.keys(fn.Properties.Environment.Variables).filter((k) => ROLE_ENV.includes(k)).sort()).toEqual([...expected].sort());
  });

  it.each([
    ['ApiFunction', { STATEMENT_STATE_MACHINE_ARN: 'Statement' }],
    ['CaseworkFunction', { STATE_MACHINE_ARN: 'Decision', CONTRACT_STATE_MACHINE_ARN: 'Contract' }],
    ['AdminFunction', { TARGET_LIST_STATE_MACHINE_ARN: 'TargetList' }],
    ['Redrive', { STATE_MACHINE_ARN: 'Decision', CONTRACT_STATE_MACHINE_ARN: 'Contract' }],
  ] as const)('points each state machine variable of %s at its own workflow and lets the function start exactly those', (construct, expected) => {
    const vars = lambdaNamed(construct).Properties.Environment.Variables;
    for (const [env, workflow] of Object.entries(expected)) expect(JSON.stringify(vars[env]), `${construct} ${env}`).toMatch(new RegExp(`Ref${workflow}Workflow`));
    const started = statementsOf(construct).filter((s) => [s.Action].flat().includes('states:StartExecution')).flatMap((s) => [s.Resource].flat());
    expect(started.map((r) => JSON.stringify(r).match(/(Decision|Contract|Statement|Servicing|TargetList)Workflow/)?.[1]).sort(), construct)
      .toEqual(Object.values(expected).sort());
  });

  const readsSecret = (id: string, which: RegExp) => statementsOfId(id)
    .some((s) => [s.Action].flat().includes('secretsmanager:GetSecretValue') && which.test(JSON.stringify(s.Resource)));

  it('lets only the Seal task read the seal secret, and no function any other secret but the data gateway\'s', () => {
    const ids = ourFunctions().map(({ id }) => id);
    expect(ids.filter((id) => readsSecret(id, /SealKeyMaterial/))).toEqual([expect.stringMatching(/^Seal/)]);
    expect(ids.filter((id) => readsSecret(id, /./) && !readsSecret(id, /SealKeyMaterial|registry-gateway/))).toEqual([]);
  });

  it('gives the registry gateway\'s URL and secret, with read access to that secret only, to the functions that look firms up', () => {
    const readers = ourFunctions().filter(({ id }) => readsSecret(id, /secret:kedai\/dev\/registry-gateway-\?{6}/));
    expect(readers.map(({ id }) => id.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual(['AdminFunction', 'ApiFunction', 'CaseworkFunction', 'ImportTargetListChunk']);
    for (const { id, resource } of ourFunctions()) {
      const vars = resource.Properties!.Environment.Variables;
      const has = readers.some((r) => r.id === id);
      expect([vars.REGISTRY_GATEWAY_URL, Boolean(vars.REGISTRY_GATEWAY_SECRET_ARN)], id)
        .toEqual(has ? ['https://registry-gateway.dev.kedai.example.cn/v1', true] : [undefined, false]);
    }
  });

  it.each([
    ['LoanCentreReview', true, false],
    ['Seal', true, true],
    ['RenderContract', true, true],
    ['ApplySignature', true, true],
    ['Disburse', false, false],
    ['Screen', false, false],
  ])('gives %s contract-bucket read %s and write %s', (construct, read, write) => {
    const actions = statementsOf(construct)
      .filter((s) => JSON.stringify(s.Resource).includes('Contracts'))
      .flatMap((s) => [s.Action].flat() as string[]);
    expect([actions.includes('s3:GetObject*'), actions.includes('s3:PutObject')]).toEqual([read, write]);
  });

  it('sends failed scheduled runs to a dead-letter queue that an alarm watches', () => {
    const jobs = Object.values(kedai.templates.schedules.findResources('AWS::Lambda::Function')) as any[];
    expect(jobs).toHaveLength(2);
    for (const job of jobs) expect(job.Properties.DeadLetterConfig.TargetArn).toBeDefined();
    const schedules = Object.values(kedai.templates.schedules.findResources('AWS::Scheduler::Schedule')) as any[];
    expect(schedules.map((s) => s.Properties.ScheduleExpression).sort()).toEqual(['cron(0 2 * * ? *)', 'cron(30 0 * * ? *)', 'rate(5 minutes)']);
    for (const s of schedules) expect(s.Properties.Target.DeadLetterConfig.Arn).toBeDefined();
    for (const s of schedules) expect(s.Properties.ScheduleExpressionTimezone).toBe('Asia/Shanghai');
    kedai.templates.alarms.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible', AlarmActions: [{ Ref: Match.stringLikeRegexp('^AlarmTopic') }],
    });
  });
});

describe('api stack', () => {
  it('guards every route but the public ones with the Cognito JWT authorizer', () => {
    const template = kedai.templates.api;
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Audience: [Match.anyValue()], Issuer: Match.anyValue() },
    });
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r: any) => [r.Properties.RouteKey, r.Properties.AuthorizationType]);
    expect(routes.sort()).toEqual([
      ...PUBLIC_ROUTES.map((r) => [`${r.method} ${r.path}`, 'NONE']),
      ['ANY /api/{proxy+}', 'JWT'],
      ...Object.values(API_FUNCTIONS).flatMap((f) => f.routes.map((key) => [key, 'JWT'])),
    ].sort());
  });

  it('sends each route key of functions/api/api-functions.ts to its function, and the rest to the API function', () => {
    const template = kedai.templates.api;
    const integrations = template.findResources('AWS::ApiGatewayV2::Integration') as Record<string, any>;
    const targetOf = (routeKey: string) => {
      const [route] = Object.values(template.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: routeKey } })) as any[];
      const integrationId = String(route.Properties.Target['Fn::Join'][1][1].Ref);
      return JSON.stringify(integrations[integrationId].Properties.IntegrationUri).match(/"(ApiFunction|CaseworkFunction|AdminFunction)/)?.[1];
    };
    expect(targetOf('ANY /api/{proxy+}')).toBe('ApiFunction');
    for (const r of PUBLIC_ROUTES) expect(targetOf(`${r.method} ${r.path}`)).toBe('ApiFunction');
    for (const key of API_FUNCTIONS.casework.routes) expect(targetOf(key), key).toBe('CaseworkFunction');
    for (const key of API_FUNCTIONS.admin.routes) expect(targetOf(key), key).toBe('AdminFunction');
  });

  it('throttles and access-logs the default stage', () => {
    kedai.templates.api.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: Match.objectLike({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 }),
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
    });
  });
});

describe('web stack', () => {
  it('serves the SPA bucket through CloudFront with origin access control', () => {
    const template = kedai.templates.web;
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    const [dist] = Object.values(template.findResources('AWS::CloudFront::Distribution')) as any[];
    const origins: any[] = dist.Properties.DistributionConfig.Origins;
    const s3 = origins.find((o) => o.S3OriginConfig);
    expect(s3.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/OriginAccessControl/), 'Id'] });
    expect(s3.S3OriginConfig.OriginAccessIdentity).toBe('');
    const bucketPolicy = Object.values(template.findResources('AWS::S3::BucketPolicy')).map((p: any) => JSON.stringify(p.Properties.PolicyDocument));
    expect(bucketPolicy.some((p) => p.includes('cloudfront.amazonaws.com') && p.includes('AWS:SourceArn'))).toBe(true);
  });

  it('sends security headers on every behaviour', () => {
    const template = kedai.templates.web;
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          StrictTransportSecurity: Match.objectLike({ AccessControlMaxAgeSec: 63072000, IncludeSubdomains: true }),
          ContentSecurityPolicy: Match.objectLike({ Override: true }),
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ContentTypeOptions: { Override: true },
        }),
      }),
    });
    const [policy] = Object.values(template.findResources('AWS::CloudFront::ResponseHeadersPolicy')) as any[];
    // The CSP joins in the buckets' domain names (presigned uploads), so it is an Fn::Join until deploy.
    const csp = JSON.stringify(policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy);
    for (const directive of ["default-src 'self'", "frame-ancestors 'none'", "object-src 'none'", 'connect-src', 'RegionalDomainName']) {
      expect(csp).toContain(directive);
    }
    const [dist] = Object.values(template.findResources('AWS::CloudFront::Distribution')) as any[];
    const config = dist.Properties.DistributionConfig;
    for (const behaviour of [config.DefaultCacheBehavior, ...config.CacheBehaviors]) {
      expect(behaviour.ResponseHeadersPolicyId).toEqual({ Ref: expect.stringMatching(/^SecurityHeaders/) });
    }
  });

  it('routes /api/* to the HTTP API on the same origin, uncached, and logs the distribution', () => {
    const [dist] = Object.values(kedai.templates.web.findResources('AWS::CloudFront::Distribution')) as any[];
    const config = dist.Properties.DistributionConfig;
    const api = config.CacheBehaviors.find((b: any) => b.PathPattern === 'api/*');
    expect(api).toBeDefined();
    expect(api.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad'); // Managed-CachingDisabled
    expect(api.OriginRequestPolicyId).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac'); // Managed-AllViewerExceptHostHeader
    expect(api.AllowedMethods).toContain('POST');
    const origin = config.Origins.find((o: any) => o.Id === api.TargetOriginId);
    expect(JSON.stringify(origin.DomainName)).toContain('execute-api');
    expect(origin.CustomOriginConfig.OriginProtocolPolicy).toBe('https-only');
    expect(config.DefaultCacheBehavior.FunctionAssociations).toEqual([{ EventType: 'viewer-request', FunctionARN: expect.anything() }]);
    expect(config.Logging.Bucket).toBeDefined();
  });
});

describe('alarms stack', () => {
  it('alarms on errors and throttles of every function and on failed runs of every workflow, into an encrypted topic', () => {
    const template = kedai.templates.alarms;
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')) as any[];
    const functions = ourFunctions().length;
    expect(alarms.filter((a) => a.Properties.MetricName === 'Errors')).toHaveLength(functions);
    expect(alarms.filter((a) => a.Properties.MetricName === 'Throttles')).toHaveLength(functions);
    expect(alarms.map((a) => a.Properties.MetricName)).toEqual(expect.arrayContaining(['ExecutionsFailed', 'ExecutionsTimedOut', '5xx']));
    const failedRuns = alarms.filter((a) => a.Properties.MetricName === 'ExecutionsFailed')
      .map((a) => JSON.stringify(a.Properties.Dimensions).match(/(Decision|Contract|Statement|Servicing|TargetList)Workflow/)?.[1]);
    expect(failedRuns.sort()).toEqual(['Contract', 'Decision', 'Servicing', 'Statement', 'TargetList']);
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toHaveLength(1);
  });
});
