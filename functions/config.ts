/** Runtime configuration, parsed once at cold start; the only place that reads the environment. */
import * as z from 'zod';

const configSchema = z.object({
  /** Which adapters the ports get: the real ones (AWS, or the local emulators), or in-memory ones for fast tests. */
  ADAPTERS: z.enum(['aws', 'memory']).default('aws'),
  STAGE: z.string().default('local'),
  AWS_REGION: z.string().default('cn-north-1'),
  TABLE_NAME: z.string().min(1),
  DOCUMENTS_BUCKET: z.string().min(1),
  CONTRACTS_BUCKET: z.string().min(1),
  STATE_MACHINE_ARN: z.string().optional(),
  CONTRACT_STATE_MACHINE_ARN: z.string().optional(),
  STATEMENT_STATE_MACHINE_ARN: z.string().optional(),
  TARGET_LIST_STATE_MACHINE_ARN: z.string().optional(),
  /** AWS: Secrets Manager secret holding the bank's seal P12 ({ p12Base64, passphrase }). */
  SEAL_SECRET_ARN: z.string().optional(),
  USER_POOL_ID: z.string().min(1),
  USER_POOL_CLIENT_ID: z.string().min(1),
  /** Local stack only: emulator endpoints. Absent in AWS. */
  DYNAMODB_ENDPOINT: z.string().url().optional(),
  S3_ENDPOINT: z.string().url().optional(),
  COGNITO_ENDPOINT: z.string().url().optional(),
  /** Lambda: where the bundle ships the contract font (see infra/constructs/bundling.ts). */
  CONTRACT_FONT_PATH: z.string().optional(),
  /** Local stack only: where local-only state (seal certificate) lives. */
  DATA_DIR: z.string().optional(),
  /** AWS: the bank's data gateway (registry, government lists, tax, social insurance) and the secret it expects. */
  REGISTRY_GATEWAY_URL: z.string().url().optional(),
  REGISTRY_GATEWAY_SECRET_ARN: z.string().optional(),
  /** Local stack and tests: the demo registry data set (default shared/data/henan-enterprises.tsv.gz). */
  REGISTRY_DATA_FILE: z.string().optional(),
  /** AWS: where messages go out. E-mail through SES from this verified identity; SMS through SNS when enabled. */
  NOTIFY_EMAIL_FROM: z.string().email().optional(),
  NOTIFY_EMAIL_CONFIGURATION_SET: z.string().optional(),
  NOTIFY_SMS_ENABLED: z.enum(['true', 'false']).default('false'),
  NOTIFY_SMS_SENDER_ID: z.string().optional(),
  /** SES and SNS SMS are not in every region (not in the China regions): the one they are reached in. */
  NOTIFY_REGION: z.string().optional(),
  /** Fault injection for resilience tests: probability a workflow task fails its attempt. */
  FAULT_TASK_FAILURE_RATE: z.coerce.number().min(0).max(1).default(0),
});

export type Config = z.infer<typeof configSchema> & { isLocal: boolean };

/** In memory there is no table, bucket or user pool to name; these only label the in-memory stores. */
const MEMORY_NAMES = {
  TABLE_NAME: 'kedai-memory', DOCUMENTS_BUCKET: 'kedai-documents', CONTRACTS_BUCKET: 'kedai-contracts',
  USER_POOL_ID: 'memory', USER_POOL_CLIENT_ID: 'memory-client',
};

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined));
  const parsed = configSchema.parse(given.ADAPTERS === 'memory' ? { ...MEMORY_NAMES, ...given } : given);
  // The local stage keeps one-time codes in a readable outbox and mounts /api/dev: never in a deployed function.
  if (parsed.STAGE === 'local' && given.AWS_LAMBDA_FUNCTION_NAME) throw new Error('STAGE=local cannot run in AWS Lambda: set the deployed stage name.');
  return { ...parsed, isLocal: parsed.STAGE === 'local' };
}
