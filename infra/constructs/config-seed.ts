/**
 * Version 1 of the bank configuration (shared/bank-config.ts), written into the table at deploy: the code's seed with
 * the stage's own settings (committee rosters, the LPR) laid over it and validated with the same rules head office's
 * proposals meet. Written once (a conditional put); later changes are head office's, with four eyes, never a deploy.
 */
import { Stack, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { configViolations, SEED_CONFIG, type BankConfig } from '../../shared/bank-config.js';
import { configVersionKey } from '../../functions/adapters/store-keys.js';
import type { StageConfig } from '../config.js';

/** The seed for a stage: SEED_CONFIG with the stage's settings; throws naming each invalid field. */
export function stageConfigSeed(stage: string, settings: StageConfig['bankConfig']): BankConfig {
  const seed: BankConfig = {
    ...structuredClone(SEED_CONFIG),
    committee: { ...SEED_CONFIG.committee, ...settings.committee },
    ...(settings.lpr ? { lpr: settings.lpr } : {}),
  };
  seed.branches = seed.branches.map((b) => (settings.branchCommittees?.[b.code] ? { ...b, committee: settings.branchCommittees[b.code] } : b));
  const unknown = Object.keys(settings.branchCommittees ?? {}).filter((code) => !seed.branches.some((b) => b.code === code));
  const violations: Record<string, string> = { ...configViolations(seed) };
  for (const code of unknown) violations[`branchCommittees.${code}`] = 'No such branch in the seed.';
  const members = seed.committee.headOffice.length + seed.committee.alternates.length;
  if (members > 0 && seed.committee.headOffice.length < seed.committee.quorum) violations['committee.headOffice'] = `Fewer members than the quorum (${seed.committee.quorum}).`;
  if (Object.keys(violations).length) {
    throw new Error(`Invalid bank configuration for stage "${stage}":\n${Object.entries(violations).map(([k, v]) => `  kedai:stages.${stage}.bankConfig → ${k}: ${v}`).join('\n')}`);
  }
  return seed;
}

export interface ConfigSeedProps {
  table: ITableV2;
  dataKey: IKey;
  seed: BankConfig;
}

export class ConfigSeed extends Construct {
  readonly resource: AwsCustomResource;

  constructor(scope: Construct, id: string, { table, dataKey, seed }: ConfigSeedProps) {
    super(scope, id);
    const { region, urlSuffix } = Stack.of(this);
    this.resource = new AwsCustomResource(this, 'PutVersion1', {
      resourceType: 'Custom::KedaiConfigSeed',
      installLatestAwsSdk: false,
      onCreate: {
        service: 'DynamoDB',
        action: 'putItem',
        parameters: {
          TableName: table.tableName,
          // The same record DynamoBankConfigStore reads (and writes itself on a table seeded by no one).
          Item: { pk: { S: configVersionKey(1).pk }, sk: { S: configVersionKey(1).sk }, value: { S: JSON.stringify(seed) } },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
        // Version 1 already there (a re-created stack over a retained table): head office's versions stand.
        ignoreErrorCodesMatching: 'ConditionalCheckFailedException',
        physicalResourceId: PhysicalResourceId.of('kedai-config-version-1'),
      },
      // Written out, not table.grant…: that would put this stack's role into the stateful stack's key policy (a cycle).
      policy: AwsCustomResourcePolicy.fromStatements([
        new PolicyStatement({ actions: ['dynamodb:PutItem'], resources: [table.tableArn] }),
        new PolicyStatement({
          effect: Effect.ALLOW, actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey'], resources: [dataKey.keyArn],
          conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${region}.${urlSuffix}` } },
        }),
      ]),
    });
    // CDK's one provider Lambda per stack for AwsCustomResource: its role and runtime are aws-cdk-lib's, not ours.
    const provider = Stack.of(this).node.tryFindChild(AwsCustomResource.PROVIDER_FUNCTION_UUID.replace(/-/g, '').replace(/^/, 'AWS'));
    if (!provider) throw new Error('AwsCustomResource provider not found: CDK changed its construct id.');
    const why = "CDK's AwsCustomResource provider, which runs only during deploy to write the configuration's version 1";
    for (const [id, what] of Object.entries({
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]': 'writes its own logs only',
      'AwsSolutions-L1': 'the runtime is pinned by aws-cdk-lib, not by us',
    })) Validations.of(provider).acknowledge({ id, reason: `${why}: ${what}.` });
  }
}
