/**
 * Per-stage configuration from `cdk.json` context, validated at synth time so a typo fails the build
 * instead of deploying a half-configured stage. Pick the stage with `-c stage=<name>` (default: dev).
 */
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import * as z from 'zod';

const RETENTION_VALUES = new Set(Object.values(RetentionDays).filter((v): v is number => typeof v === 'number'));

export const stageConfigSchema = z.object({
  /** One stage lives in one region; the stacks are account-agnostic, so synth needs no credentials. */
  region: z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'an AWS region name, e.g. "ap-east-1"'),
  // Thresholds, branches and the service area are bank configuration in the table (shared/bank-config.ts), changed
  // by head office with four eyes; a stage sets only what its version 1 holds beyond the code's seed (bankConfig).
  api: z.object({
    /** Steady-state requests per second across the API. */
    rateLimit: z.number().int().positive(),
    burstLimit: z.number().int().positive(),
  }),
  logRetentionDays: z.number().int().refine((d) => RETENTION_VALUES.has(d), 'a CloudWatch Logs retention value (1, 3, 5, 7, 14, 30, 60, 90, 180, 365, …)'),
  /** EventBridge Scheduler expressions, evaluated in `timezone`. */
  schedules: z.object({
    redrive: z.string().regex(/^(rate|cron)\(.+\)$/),
    postLoanMonitoring: z.string().regex(/^(rate|cron)\(.+\)$/),
    /** The daily loan-servicing workflow (due-date debits, DPD, classification); once a day, after midnight Beijing. */
    servicing: z.string().regex(/^(rate|cron)\(.+\)$/),
    timezone: z.string().min(1),
  }),
  /** A WAF web ACL (scope CLOUDFRONT, made in us-east-1) to attach to the distribution; recommended for production. */
  webAclArn: z.string().regex(/^arn:aws[\w-]*:wafv2:us-east-1:\d{12}:global\/webacl\//, 'a CLOUDFRONT-scope WAFv2 web ACL ARN (us-east-1)').optional(),
  /**
   * How messages (sign-up and signing codes, notices) reach people. Required: a deployed stage has no outbox,
   * so without a sender its codes could never arrive. `emailFrom` must be a verified SES identity (its domain).
   */
  messages: z.object({
    emailFrom: z.string().email(),
    /** SES configuration set for delivery events (bounces, complaints); optional. */
    configurationSet: z.string().min(1).optional(),
    /** Text messages to +86 numbers through SNS. */
    sms: z.boolean(),
    smsSenderId: z.string().regex(/^[A-Za-z0-9]{1,11}$/).optional(),
    /** Where SES and SNS SMS are reached when the stage's region lacks them (the China regions). */
    region: z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/).optional(),
  }).strict(),
  /**
   * The bank's data gateway (registry facts, government labels, tax, social insurance): HTTPS only, and the name of
   * the Secrets Manager secret holding its key, made by the bank outside this stack. Required: without it every
   * registry lookup of a deployed stage answers 503 registry-unavailable.
   */
  registry: z.object({
    url: z.string().url().regex(/^https:\/\//, 'an https:// URL'),
    secretName: z.string().regex(/^[A-Za-z0-9/_+=.@-]{1,512}$/, 'a Secrets Manager secret name, e.g. "kedai/prod/registry-gateway"'),
  }).strict(),
  /**
   * What this stage's version 1 of the bank configuration holds beyond the code's seed (infra/constructs/config-seed.ts):
   * the credit committees (usernames of provisioned staff; an empty head-office roster lets any committee member sit)
   * and, optionally, the LPR in force at go-live. Later changes are head office's, with four eyes.
   */
  bankConfig: z.object({
    committee: z.object({
      quorum: z.number().int().min(3),
      headOffice: z.array(z.string().email()),
      alternates: z.array(z.string().email()),
    }).strict(),
    /** Branch code → its credit committee; a branch without one sends its committee cases to head office. */
    branchCommittees: z.record(z.string().regex(/^[a-z]+$/, 'a branch code, e.g. "zhengzhou"'), z.array(z.string().email()).min(3)).optional(),
    lpr: z.object({ rateBps: z.number().int().min(1).max(2000), publishedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }).strict().optional(),
  }).strict(),
  /** Who gets alarm notifications; none subscribes nobody (the topic still exists). */
  alarmEmail: z.string().email().optional(),
}).strict();

export type StageConfig = z.infer<typeof stageConfigSchema>;

export interface ResolvedStage {
  stage: string;
  config: StageConfig;
}

/** Reads `stage` and `kedai:stages.<stage>` from the app's context; throws a readable error when invalid. */
export function loadStageConfig(scope: Construct): ResolvedStage {
  const stage = String(scope.node.tryGetContext('stage') ?? 'dev');
  if (!/^[a-z][a-z0-9-]{0,15}$/.test(stage)) throw new Error(`Stage "${stage}" must be lowercase letters, digits and dashes (at most 16).`);
  const stages = scope.node.tryGetContext('kedai:stages') as Record<string, unknown> | undefined;
  const raw = stages?.[stage];
  if (raw === undefined) throw new Error(`No configuration for stage "${stage}" in cdk.json context "kedai:stages" (have: ${Object.keys(stages ?? {}).join(', ') || 'none'}).`);
  const parsed = stageConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `  kedai:stages.${stage}.${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration for stage "${stage}":\n${issues}`);
  }
  return { stage, config: parsed.data };
}
