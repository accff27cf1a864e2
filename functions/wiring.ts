/**
 * The one module that wires adapters to ports, chosen by configuration parsed once.
 * Locally every client gets an emulator endpoint; in Lambda the same adapters use the default AWS endpoints.
 */
import { randomUUID } from 'node:crypto';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { CognitoAuth } from './adapters/cognito/cognito-auth.js';
import { DynamoApplicationRepository } from './adapters/dynamodb/application-repository.js';
import { pingTable } from './adapters/dynamodb/table.js';
import { LocalNegativeList } from './adapters/negative-list/local-negative-list.js';
import { LogOnlyNotifier, OutboxNotifier } from './adapters/notifier/outbox-notifier.js';
import { S3DocumentStorage } from './adapters/s3/document-storage.js';
import { LocalWorkflowRunner } from './adapters/sfn/local-workflow-runner.js';
import { StepFunctionsStarter } from './adapters/sfn/step-functions-starter.js';
import type { Config } from './config.js';
import type { Deps, WorkflowStarter } from './core/ports.js';

export interface Wired {
  deps: Deps;
  repo: DynamoApplicationRepository;
  documentsStorage: S3DocumentStorage;
  contractsStorage: S3DocumentStorage;
  dynamodb: DynamoDBClient;
  s3: S3Client;
  /** Present on the local stack only. */
  localRunner?: LocalWorkflowRunner;
  /** Every dependency answers: the health check. */
  ping(): Promise<void>;
}

export function wire(config: Config, opts: { log?: (line: string) => void } = {}): Wired {
  const region = config.AWS_REGION;
  const dynamodb = new DynamoDBClient({ region, ...(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {}) });
  const s3 = new S3Client({
    region,
    ...(config.S3_ENDPOINT ? { endpoint: config.S3_ENDPOINT, forcePathStyle: true } : {}),
    // Otherwise the SDK streams with aws-chunked framing, which the local emulator stores verbatim.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const cognito = new CognitoIdentityProviderClient({ region, ...(config.COGNITO_ENDPOINT ? { endpoint: config.COGNITO_ENDPOINT } : {}) });
  const issuer = config.COGNITO_ENDPOINT
    ? `${config.COGNITO_ENDPOINT}/${config.USER_POOL_ID}`
    : `https://cognito-idp.${region}.amazonaws.com/${config.USER_POOL_ID}`;
  const auth = new CognitoAuth({
    client: cognito, userPoolId: config.USER_POOL_ID, clientId: config.USER_POOL_CLIENT_ID, issuer, jwksUrl: `${issuer}/.well-known/jwks.json`,
  });

  const repo = new DynamoApplicationRepository(dynamodb, config.TABLE_NAME);
  const documentsStorage = new S3DocumentStorage(s3, config.DOCUMENTS_BUCKET);
  const contractsStorage = new S3DocumentStorage(s3, config.CONTRACTS_BUCKET);
  const newId = () => randomUUID();
  const clock = { now: () => new Date() };

  let localRunner: LocalWorkflowRunner | undefined;
  let workflow: WorkflowStarter;
  if (config.STATE_MACHINE_ARN) {
    workflow = new StepFunctionsStarter(new SFNClient({ region }), config.STATE_MACHINE_ARN);
  } else {
    localRunner = new LocalWorkflowRunner({ faultRate: config.FAULT_TASK_FAILURE_RATE, log: opts.log });
    workflow = localRunner;
  }

  const deps: Deps = {
    applications: repo,
    documents: documentsStorage,
    workflow,
    notifier: config.isLocal ? new OutboxNotifier(repo, newId, clock.now) : new LogOnlyNotifier(),
    auth,
    negativeList: new LocalNegativeList(),
    clock,
    newId,
    stage: config.STAGE,
  };
  localRunner?.bind(deps);

  return {
    deps, repo, documentsStorage, contractsStorage, dynamodb, s3, localRunner,
    async ping() {
      await Promise.all([pingTable(dynamodb, config.TABLE_NAME), documentsStorage.ping(), contractsStorage.ping(), auth.ping?.()]);
    },
  };
}
