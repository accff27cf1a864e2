/**
 * The composition root of the real adapters, chosen by configuration parsed once. Locally every client gets an
 * emulator endpoint; in Lambda the same adapters use the default AWS endpoints. The in-memory adapters are composed
 * in functions/memory-wiring.ts, which only tests, benches and `ADAPTERS=memory` load, so no Lambda bundle carries them.
 */
import { randomUUID } from 'node:crypto';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SNSClient } from '@aws-sdk/client-sns';
import { CognitoAuth } from './adapters/cognito/cognito-auth.js';
import { LocalLedger } from './adapters/core-banking/local-ledger.js';
import { DynamoAccountStore } from './adapters/dynamodb/account-store.js';
import { DynamoApplicationStore } from './adapters/dynamodb/application-store.js';
import { DynamoBankConfigStore, DynamoNegativeList } from './adapters/dynamodb/bank-config.js';
import { DynamoDocumentRecords } from './adapters/dynamodb/document-records.js';
import { DynamoEnterpriseStore } from './adapters/dynamodb/enterprise-store.js';
import { DynamoFollowUpTasks } from './adapters/dynamodb/follow-up-tasks.js';
import { DynamoLoanStore } from './adapters/dynamodb/loan-store.js';
import { DynamoOutbox } from './adapters/dynamodb/outbox.js';
import { DynamoLeadStore } from './adapters/dynamodb/lead-store.js';
import { DynamoStaffDirectory } from './adapters/dynamodb/staff-directory.js';
import { pingTable } from './adapters/dynamodb/table.js';
import { LocalExternalSignals } from './adapters/external-signals/local-external-signals.js';
import { AwsNotifier } from './adapters/notifier/aws-notifier.js';
import { OutboxNotifier } from './adapters/notifier/outbox-notifier.js';
import { S3DocumentStorage } from './adapters/s3/document-storage.js';
import { listReader } from './adapters/target-list/list-reader.js';
import { StepFunctionsStarter } from './adapters/sfn/step-functions-starter.js';
import type { BankConfig } from '../shared/bank-config.js';
import type { Config } from './config.js';
// The local stack's movable clock (10 lines); the rest of the in-memory composition is functions/memory-wiring.ts.
import { ShiftableClock } from './adapters/memory/clock.js';
import type { SealPort, WorkflowStarter } from './core/ports.js';
import { assemble, registryFor, type Adapters, type LocalRunner, type WireOptions, type Wired } from './composition.js';

export { assemble, registryFor, type Adapters, type LocalRunner, type Ports, type WireOptions, type Wired } from './composition.js';

/** The composition root of the real adapters; `ADAPTERS=memory` is wireMemory's (functions/memory-wiring.ts). */
export function wire(config: Config, opts: WireOptions = {}): Wired {
  if (config.ADAPTERS === 'memory') throw new Error('ADAPTERS=memory: compose with wireMemory (functions/memory-wiring.ts), which Lambda bundles leave out.');
  const { localRunner } = opts;
  if (config.isLocal && !localRunner) throw new Error('The local stage runs workflows in-process: pass the local runner.');
  const newId = () => randomUUID();
  return assemble(config, awsAdapters(config, localRunner, newId, opts.configSeed), newId, localRunner);
}

function awsAdapters(config: Config, localRunner: LocalRunner | undefined, newId: () => string, configSeed?: BankConfig): Adapters {
  const region = config.AWS_REGION;
  // The emulators need some credentials; s3rver accepts only its own fixed key pair. In AWS the role's are used.
  const local = config.isLocal ? { credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } } : {};
  const dynamodb = new DynamoDBClient({ region, ...local, ...(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {}) });
  const s3 = new S3Client({
    region,
    ...local,
    ...(config.S3_ENDPOINT ? { endpoint: config.S3_ENDPOINT, forcePathStyle: true } : {}),
    // Otherwise the SDK streams with aws-chunked framing, which the local emulator stores verbatim.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const cognito = new CognitoIdentityProviderClient({ region, ...local, ...(config.COGNITO_ENDPOINT ? { endpoint: config.COGNITO_ENDPOINT } : {}) });
  const issuer = config.COGNITO_ENDPOINT
    ? `${config.COGNITO_ENDPOINT}/${config.USER_POOL_ID}`
    : `https://cognito-idp.${region}.amazonaws.com/${config.USER_POOL_ID}`;
  const auth = new CognitoAuth({
    client: cognito, userPoolId: config.USER_POOL_ID, clientId: config.USER_POOL_CLIENT_ID, issuer, jwksUrl: `${issuer}/.well-known/jwks.json`,
  });

  const table = config.TABLE_NAME;
  const documentsStorage = new S3DocumentStorage(s3, config.DOCUMENTS_BUCKET);
  const contractsStorage = new S3DocumentStorage(s3, config.CONTRACTS_BUCKET);
  // The local stack's clock can be moved forward (POST /api/dev/clock) to watch loans fall due; in AWS it is real time.
  const clock = config.isLocal ? new ShiftableClock() : { now: () => new Date() };

  // Task Lambdas start no workflows and get no state machine ARNs; a start without one fails loudly there.
  const workflow: WorkflowStarter = localRunner ?? new StepFunctionsStarter(new SFNClient({ region }), {
    decision: config.STATE_MACHINE_ARN ?? '',
    contract: config.CONTRACT_STATE_MACHINE_ARN ?? '',
    statement: config.STATEMENT_STATE_MACHINE_ARN ?? '',
    'target-list': config.TARGET_LIST_STATE_MACHINE_ARN ?? '',
  });

  return {
    ports: {
      applications: new DynamoApplicationStore(dynamodb, table),
      documentRecords: new DynamoDocumentRecords(dynamodb, table),
      staff: new DynamoStaffDirectory(dynamodb, table),
      documents: documentsStorage,
      contracts: contractsStorage,
      seal: lazySeal(config, region),
      // The core-banking system is a third party; until its adapter exists every stage books to the ledger table.
      coreBanking: new LocalLedger(dynamodb, table, newId, () => clock.now()),
      workflow,
      notifier: config.isLocal ? new OutboxNotifier(new DynamoOutbox(dynamodb, table), newId, () => clock.now()) : awsNotifier(config),
      auth,
      registry: registryFor(config, region),
      enterprises: new DynamoEnterpriseStore(dynamodb, table),
      negativeList: new DynamoNegativeList(dynamodb, table, clock),
      bankConfig: new DynamoBankConfigStore(dynamodb, table, clock, configSeed),
      leads: new DynamoLeadStore(dynamodb, table),
      listReader,
      accounts: new DynamoAccountStore(dynamodb, table),
      clock,
      loans: new DynamoLoanStore(dynamodb, table),
      followUps: new DynamoFollowUpTasks(dynamodb, table),
      // No data provider is contracted yet: every stage reads the signals recorded in the table.
      externalSignals: new LocalExternalSignals(dynamodb, table, newId),
    },
    aws: { dynamodb, s3, table, documentsStorage, contractsStorage },
    async ping() {
      await Promise.all([pingTable(dynamodb, table), documentsStorage.ping(), contractsStorage.ping(), auth.ping?.()]);
    },
  };
}

/** SES for e-mail and SNS for SMS, each only when configured: an unconfigured channel fails its sends, loudly. */
function awsNotifier(config: Config): AwsNotifier {
  const region = config.NOTIFY_REGION ?? config.AWS_REGION;
  return new AwsNotifier({
    email: config.NOTIFY_EMAIL_FROM
      ? { client: new SESv2Client({ region }), from: config.NOTIFY_EMAIL_FROM, configurationSet: config.NOTIFY_EMAIL_CONFIGURATION_SET }
      : undefined,
    sms: config.NOTIFY_SMS_ENABLED === 'true' ? { client: new SNSClient({ region }), senderId: config.NOTIFY_SMS_SENDER_ID } : undefined,
  });
}

/** The seal key is loaded on first use: locally a P12 under the data folder, in AWS from Secrets Manager. */
function lazySeal(config: Config, region: string): SealPort {
  let loading: Promise<SealPort> | undefined;
  const load = async (): Promise<SealPort> => {
    // Imported here so only the functions that seal carry node-forge.
    const { LocalP12Seal, SecretP12Seal } = await import('./adapters/seal/p12-seal.js');
    if (config.SEAL_SECRET_ARN) {
      const sm = new SecretsManagerClient({ region });
      const out = await sm.send(new GetSecretValueCommand({ SecretId: config.SEAL_SECRET_ARN }));
      const secret = JSON.parse(out.SecretString ?? '{}') as { p12?: string; passphrase?: string };
      if (!secret.p12 || !secret.passphrase) throw new Error('The seal secret must be JSON { "p12": "<base64>", "passphrase": "…" } (infra/README.md).');
      return new SecretP12Seal(Buffer.from(secret.p12, 'base64'), secret.passphrase);
    }
    if (!config.DATA_DIR) throw new Error('No seal configured: set SEAL_SECRET_ARN (AWS) or DATA_DIR (local).');
    return LocalP12Seal.fromDataDir(config.DATA_DIR);
  };
  return {
    async seal(pdf, meta) {
      loading ??= load().catch((err) => { loading = undefined; throw err; });
      return (await loading).seal(pdf, meta);
    },
  };
}
