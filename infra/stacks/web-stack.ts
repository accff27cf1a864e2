/**
 * The SPA on S3 behind CloudFront (origin access control, security headers, SPA fallback) with `/api/*`
 * routed to the HTTP API, so the browser talks to one origin and needs no CORS.
 */
import { Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods, CachePolicy, Distribution, Function as CloudFrontFunction, FunctionCode, FunctionEventType,
  FunctionRuntime, HeadersFrameOption, HeadersReferrerPolicy, HttpVersion, OriginProtocolPolicy,
  OriginRequestPolicy, ResponseHeadersPolicy, ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config.js';
import { inlineStyleSources } from '../../functions/local/web-build.js';
import { nagReference } from '../constructs/nag-reference.js';

export interface WebStackProps extends StackProps {
  stage: string;
  config: StageConfig;
  httpApi: IHttpApi;
  /** Buckets the browser uploads to and downloads from with presigned URLs (CSP connect-src). */
  presignedBuckets: IBucket[];
  /** The built SPA (`web/dist`); without it the stack deploys the bucket and distribution only. */
  webAssetsPath?: string;
}

/**
 * Viewer-request function on the SPA behaviour: a path without a file extension is a client-side route, so
 * it gets the bare shell app.html, except the two pages the build prerenders (tools/prerender-web.ts). Unlike distribution-wide error responses, this never rewrites the API's 403/404s.
 */
export const SPA_FALLBACK_CODE = `function handler(event) {
  var request = event.request;
  var last = request.uri.split('/').pop();
  if (last.indexOf('.') !== -1) return request;
  if (request.uri === '/' || request.uri === '/index.html') request.uri = '/index.html';
  else if (request.uri === '/sign-in' || request.uri === '/sign-in/') request.uri = '/sign-in/index.html';
  else request.uri = '/app.html';
  return request;
}`;

export class WebStack extends Stack {
  readonly distribution: Distribution;
  readonly siteBucket: Bucket;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);

    // CloudFront standard logs need ACLs on the target bucket; it also takes the site bucket's access logs.
    const logsBucket = new Bucket(this, 'WebLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(365), noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(logsBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the log bucket for CloudFront and the site bucket; logging it into itself would loop.',
    });

    // The SPA is rebuilt from the repository on every deploy: nothing here needs keeping.
    this.siteBucket = new Bucket(this, 'Site', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: logsBucket,
      serverAccessLogsPrefix: 'site/',
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: false,
    });

    const uploadOrigins = props.presignedBuckets.map((b) => `https://${b.bucketRegionalDomainName}`).join(' ');
    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: `Kedai ${props.stage}: security headers for the SPA and the API`,
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: [
            "default-src 'self'", "script-src 'self'",
            // The prerendered pages' inline stylesheet, by hash, as the build deployed below wrote it.
            ["style-src 'self'", ...(props.webAssetsPath ? inlineStyleSources(props.webAssetsPath) : [])].join(' '),
            "img-src 'self' data: blob:",
            `connect-src 'self' ${uploadOrigins}`, "frame-src 'self' blob:", "object-src 'none'", "base-uri 'self'",
            "frame-ancestors 'none'", "form-action 'self'",
          ].join('; '),
          override: true,
        },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, preload: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
        xssProtection: { protection: true, modeBlock: true, override: true },
      },
    });

    const spaFallback = new CloudFrontFunction(this, 'SpaFallback', {
      code: FunctionCode.fromInline(SPA_FALLBACK_CODE),
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Client-side routes get index.html',
    });

    const apiOrigin = new HttpOrigin(`${props.httpApi.apiId}.execute-api.${this.region}.${this.urlSuffix}`, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Kedai ${props.stage}`,
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket: logsBucket,
      logFilePrefix: 'cloudfront/',
      webAclId: props.config.webAclArn,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.siteBucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        functionAssociations: [{ function: spaFallback, eventType: FunctionEventType.VIEWER_REQUEST }],
        compress: true,
      },
      additionalBehaviors: {
        'api/*': {
          origin: apiOrigin,
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          // Nothing cached; with caching disabled the all-viewer policy may forward Authorization.
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: headers,
          compress: true,
        },
      },
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'No geo restriction at the edge: the service area is enforced by the application, which tells an applicant outside it so, and staff may travel.',
    });
    if (!props.config.webAclArn) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR2',
        reason: 'A CLOUDFRONT-scope web ACL must live in us-east-1; the operator attaches one by setting webAclArn for the stage (infra/README.md). The API also throttles per stage.',
      });
    }
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR4',
      reason: 'The default *.cloudfront.net certificate fixes the viewer TLS policy; a custom domain with its own certificate and TLSv1.2_2021 is the operator\'s choice (infra/README.md).',
    });

    if (props.webAssetsPath) {
      new BucketDeployment(this, 'SiteContent', {
        sources: [Source.asset(props.webAssetsPath)],
        destinationBucket: this.siteBucket,
        distribution: this.distribution,
        distributionPaths: ['/*'],
        memoryLimit: 512,
      });
      this.acknowledgeBucketDeployment();
    }
  }

  /** CDK's BucketDeployment brings its own singleton Lambda (Python, AWS CLI) whose role and runtime we do not choose. */
  private acknowledgeBucketDeployment(): void {
    const handler = this.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (!handler) throw new Error('BucketDeployment handler not found: CDK changed its construct id.');
    const why = 'CDK\'s BucketDeployment custom resource, which runs only during deploy to copy web/dist into the site bucket and invalidate CloudFront';
    const resolvedPartition: unknown = this.resolve(this.partition);
    const partition = typeof resolvedPartition === 'string' ? resolvedPartition : '<AWS::Partition>';
    const findings: Record<string, string> = {
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]': 'writes its own logs only',
      'AwsSolutions-IAM5[Action::s3:GetBucket*]': 'reads the asset and site buckets',
      'AwsSolutions-IAM5[Action::s3:GetObject*]': 'reads the uploaded asset',
      'AwsSolutions-IAM5[Action::s3:List*]': 'lists the site bucket to sync it',
      'AwsSolutions-IAM5[Action::s3:Abort*]': 'aborts its own multipart uploads',
      'AwsSolutions-IAM5[Action::s3:DeleteObject*]': 'removes files no longer in web/dist (prune)',
      [`AwsSolutions-IAM5[Resource::arn:${partition}:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-${this.region}/*]`]: 'reads the bootstrap asset bucket, where the CLI uploaded the zipped SPA',
      [`AwsSolutions-IAM5[Resource::${nagReference(this, this.siteBucket, this.siteBucket.bucketArn)}/*]`]: 'writes every object of the site bucket',
      'AwsSolutions-IAM5[Resource::*]': 'cloudfront:CreateInvalidation/GetInvalidation and X-Ray accept no narrower resource in the policy CDK writes',
      'AwsSolutions-L1': 'the runtime is pinned by aws-cdk-lib for the AWS CLI layer, not by us; it runs only at deploy time',
    };
    for (const [id, what] of Object.entries(findings)) {
      Validations.of(handler).acknowledge({ id, reason: `${why}: ${what}.` });
    }
  }
}
