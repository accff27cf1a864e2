/**
 * Everything that holds data or identity: the table, the two buckets, the key that encrypts them, the user
 * pool and the seal key material. Retained on delete; the stateless stacks receive it as typed props.
 */
import { Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import {
  AccountRecovery, FeaturePlan, Mfa, StandardThreatProtectionMode, UserPool, UserPoolClient, CfnUserPoolGroup,
  type IUserPool, type IUserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { AttributeType, Billing, TableEncryptionV2, TableV2, type ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Key, type IKey } from 'aws-cdk-lib/aws-kms';
import {
  BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, ObjectOwnership, type IBucket,
} from 'aws-cdk-lib/aws-s3';
import { Secret, type ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { MAIN_TABLE } from '../../functions/adapters/dynamodb/schema.js';
import { ROLES } from '../../shared/roles.js';

/** Cognito groups, one per role of shared/roles.ts; the API reads them from the token's `cognito:groups`. */
export const USER_GROUPS = ROLES;

/** What the stateless stacks get from this one. */
export interface StatefulResources {
  readonly dataKey: IKey;
  readonly table: ITableV2;
  readonly documentsBucket: IBucket;
  readonly contractsBucket: IBucket;
  readonly userPool: IUserPool;
  readonly userPoolClient: IUserPoolClient;
  readonly sealSecret: ISecret;
}

export interface StatefulStackProps extends StackProps {
  stage: string;
}

export class StatefulStack extends Stack implements StatefulResources {
  readonly dataKey: Key;
  readonly table: TableV2;
  readonly accessLogsBucket: Bucket;
  readonly documentsBucket: Bucket;
  readonly contractsBucket: Bucket;
  readonly userPool: UserPool;
  readonly userPoolClient: UserPoolClient;
  readonly sealSecret: Secret;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);

    this.dataKey = new Key(this, 'DataKey', {
      description: `Kedai ${props.stage}: encrypts applications, documents, contracts and the seal key material`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const gsi = MAIN_TABLE.globalSecondaryIndexes.map((index) => ({
      indexName: index.indexName,
      partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
      sortKey: { name: index.sortKey, type: AttributeType.STRING },
    }));
    this.table = new TableV2(this, 'Table', {
      partitionKey: { name: MAIN_TABLE.partitionKey, type: AttributeType.STRING },
      sortKey: { name: MAIN_TABLE.sortKey, type: AttributeType.STRING },
      globalSecondaryIndexes: gsi,
      timeToLiveAttribute: MAIN_TABLE.ttlAttribute,
      billing: Billing.onDemand(),
      encryption: TableEncryptionV2.customerManagedKey(this.dataKey),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Server access logs cannot go to a KMS-encrypted bucket, hence S3-managed keys here.
    this.accessLogsBucket = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(365), noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.accessLogsBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket itself; logging it into itself would loop.',
    });

    this.documentsBucket = this.dataBucket('Documents', 'documents/');
    this.contractsBucket = this.dataBucket('Contracts', 'contracts/');

    this.userPool = new UserPool(this, 'UserPool', {
      // Applicants sign up themselves (DESIGN.md §7.1) through the API, which confirms them into the applicant
      // group only; staff stay provisioned by operators. The codes are the API's own (sent through the notifier,
      // attempts counted per username), so the pool verifies nothing and sends nothing itself.
      selfSignUpEnabled: true,
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      autoVerify: { email: false, phone: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 5,
      },
      // Optional on the pool so applicants can sign in without a second factor; staff enrol TOTP at
      // first sign-in (see infra/README.md, "First staff user").
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      // Password reset is the API's (POST /api/auth/forgot-password): Cognito's own recovery would send codes nobody counts.
      accountRecovery: AccountRecovery.NONE,
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason: 'MFA is optional on the pool because applicants (enterprises) sign in with a password and a one-time code per contract signature; staff groups enrol TOTP, and threat protection (PLUS, enforced) adds adaptive challenges for risky sign-ins.',
    });
    for (const group of USER_GROUPS) {
      new CfnUserPoolGroup(this, `Group-${group}`, { userPoolId: this.userPool.userPoolId, groupName: group });
    }

    this.userPoolClient = this.userPool.addClient('WebClient', {
      authFlows: { userPassword: true, userSrp: true },
      generateSecret: false,
      preventUserExistenceErrors: true,
      // Short access tokens: sign-out and the idle timeout end the refresh token, and the last access token
      // then lapses within 15 minutes. The SPA refreshes through the API (POST /api/auth/refresh) while in use.
      accessTokenValidity: Duration.minutes(15),
      idTokenValidity: Duration.minutes(15),
      refreshTokenValidity: Duration.hours(12),
      enableTokenRevocation: true,
    });

    this.sealSecret = new Secret(this, 'SealKeyMaterial', {
      description: `Kedai ${props.stage}: the bank's PDF signing key (PKCS#12, base64) and its passphrase. Filled in by the operator; see infra/README.md.`,
      encryptionKey: this.dataKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.sealSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'The seal key is a certificate issued by the bank\'s CA with its own validity period; it is replaced by the operator when the CA re-issues it, not rotated by a Lambda.',
    });
  }

  private dataBucket(id: string, logPrefix: string): Bucket {
    return new Bucket(this, id, {
      encryption: BucketEncryption.KMS,
      encryptionKey: this.dataKey,
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: logPrefix,
      // The browser uploads straight to S3 with a presigned request; nothing else is cross-origin.
      cors: [{ allowedMethods: [HttpMethods.PUT, HttpMethods.GET], allowedOrigins: ['*'], allowedHeaders: ['*'], maxAge: 3000 }],
      lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(1) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
