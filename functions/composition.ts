/**
 * What every composition shares: the Wired shape, assemble() and the registry choice. Apart from functions/wiring.ts
 * so that the in-memory composition (functions/memory-wiring.ts) does not load the AWS SDK clients the real one
 * imports (~50 MB of a bench's or test's memory); wiring.ts re-exports all of it.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import type { BankConfig } from '../shared/bank-config.js';
import { DomainError } from '../shared/errors.js';
import type { MemoryUser } from './adapters/memory/auth.js';
import type { ShiftableClock } from './adapters/memory/clock.js';
import type { MemoryDocumentStorage } from './adapters/memory/document-storage.js';
import { GatewayRegistry } from './adapters/registry/gateway-registry.js';
import { LocalRegistry } from './adapters/registry/local-registry.js';
import type { S3DocumentStorage } from './adapters/s3/document-storage.js';
import type { Config } from './config.js';
import type { Deps, RegistryPort, WorkflowStarter } from './core/ports.js';

export interface Wired {
  deps: Deps;
  /** The real adapters' clients, for the local stack's set-up and the emulator suites. */
  aws?: { dynamodb: DynamoDBClient; s3: S3Client; table: string; documentsStorage: S3DocumentStorage; contractsStorage: S3DocumentStorage };
  /** The in-memory adapters' handles: the storages whose URLs the test harness answers, and the clock it can move. */
  memory?: { documentsStorage: MemoryDocumentStorage; contractsStorage: MemoryDocumentStorage; clock: ShiftableClock };
  /** The local stack's in-process workflow runner, when it supplied one. */
  localRunner?: LocalRunner;
  /** Every dependency answers: the health check. */
  ping(): Promise<void>;
}

/** What the local stack plugs in instead of Step Functions: the ASL interpreter, bound to the deps once they exist. */
export interface LocalRunner extends WorkflowStarter {
  bind(deps: Deps): unknown;
}

export interface WireOptions {
  localRunner?: LocalRunner;
  /** In-memory adapters only: who can sign in. */
  users?: MemoryUser[];
  /** Version 1 of the bank configuration when the store has none (the local stack's carries the demo committee). */
  configSeed?: BankConfig;
}

export type Ports = Omit<Deps, 'newId' | 'stage'>;
export type Adapters = Pick<Wired, 'aws' | 'memory' | 'ping'> & { ports: Ports };

/** The same for every composition: the ports, an id source and the stage become Deps; the local runner is bound to them. */
export function assemble(config: Config, wired: Adapters, newId: () => string, localRunner?: LocalRunner): Wired {
  const deps: Deps = { ...wired.ports, newId, stage: config.STAGE };
  localRunner?.bind(deps);
  return { deps, aws: wired.aws, memory: wired.memory, localRunner, ping: wired.ping };
}

/**
 * What the bank already knows: locally the demo data set (whose negative-listed firms seed the negative list, see
 * demoNegativeListEntries); in AWS the bank's data gateway.
 */
export function registryFor(config: Config, region: string): RegistryPort {
  if (config.REGISTRY_GATEWAY_URL) {
    const arn = config.REGISTRY_GATEWAY_SECRET_ARN;
    const secret = async () => {
      if (!arn) throw new Error('REGISTRY_GATEWAY_SECRET_ARN is not set.');
      // Imported on use: the in-memory composition (tests, benches) would otherwise load an AWS SDK client for nothing.
      const { GetSecretValueCommand, SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
      const out = await new SecretsManagerClient({ region }).send(new GetSecretValueCommand({ SecretId: arn }));
      return out.SecretString ?? '';
    };
    return new GatewayRegistry({ endpoint: config.REGISTRY_GATEWAY_URL, secret });
  }
  if (!config.isLocal) {
    const missing = async (): Promise<never> => { throw new DomainError('registry-unavailable', "The bank's registry data is not configured (REGISTRY_GATEWAY_URL).", 503); };
    return { lookup: missing };
  }
  return new LocalRegistry(config.REGISTRY_DATA_FILE);
}
