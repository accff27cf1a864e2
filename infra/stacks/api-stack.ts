/**
 * The HTTP API: API Gateway (HTTP API, payload v2) in front of three Lambdas running the route groups of the same
 * Hono app as the local stack (functions/api/api-functions.ts says which paths each gets). Cognito's JWT authorizer guards every route except the three public ones; the app verifies
 * the token again and checks access per record.
 */
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination, type IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { API_FUNCTIONS, type ApiFunctionName } from '../../functions/api/api-functions.js';
import {
  bindBucket, bindNotifier, bindRegistryGateway, bindStateMachines, bindTable, bindUserPool, bindUserPoolAccounts, type WorkflowStateMachines,
} from '../constructs/bindings.js';
import { KedaiFunction } from '../constructs/kedai-function.js';
import type { StatelessStackProps } from './shared-environment.js';

/** Routes anyone may call: the health check, sign-in itself, and the API's own description. */
export const PUBLIC_ROUTES = [
  { path: '/api/health', method: HttpMethod.GET },
  { path: '/api/auth/sign-in', method: HttpMethod.POST },
  // Accounts (DESIGN.md §7.1): the caller has no access token yet, or only the session cookie.
  ...['sign-up', 'confirm-sign-up', 'resend-sign-up-code', 'forgot-password', 'reset-password', 'refresh', 'sign-out']
    .map((name) => ({ path: `/api/auth/${name}`, method: HttpMethod.POST })),
  { path: '/api/openapi.json', method: HttpMethod.GET },
] as const;

export interface ApiStackProps extends StatelessStackProps {
  /** What the API starts: decision and contract runs, statements, target-list imports. */
  stateMachines: WorkflowStateMachines;
}

/** A route key of functions/api/api-functions.ts (`ANY /api/admin/{proxy+}`) as API Gateway's method and path. */
export function parseRouteKey(key: string): { method: HttpMethod; path: string } {
  const [method, path] = key.split(' ');
  if (!(method in HttpMethod) || !path?.startsWith('/api')) throw new Error(`Not a route key: ${key}`);
  return { method: HttpMethod[method as keyof typeof HttpMethod], path };
}

/**
 * What each API function's routes do beyond the table, buckets and token checks: the workflows their use cases
 * start (submit → decision, signing → contract, a statement, a target-list import) and whether they send messages.
 */
export const API_FUNCTION_NEEDS: Record<ApiFunctionName, { workflows: Array<keyof WorkflowStateMachines>; notifies: boolean }> = {
  api: { workflows: ['statement'], notifies: true },
  casework: { workflows: ['decision', 'contract'], notifies: true },
  admin: { workflows: ['targetList'], notifies: false },
};

export class ApiStack extends Stack {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  /** The default function: public routes, accounts, enterprises, loans, leads (functions/api/api-functions.ts). */
  readonly apiFunction: KedaiFunction;
  /** Every API function by its name in api-functions.ts. */
  readonly apiFunctions: Record<ApiFunctionName, KedaiFunction>;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { stateful, config, stage } = props;

    const ids: Record<ApiFunctionName, string> = { api: 'ApiFunction', casework: 'CaseworkFunction', admin: 'AdminFunction' };
    this.apiFunctions = Object.fromEntries((Object.keys(API_FUNCTIONS) as ApiFunctionName[]).map((name) => {
      const fn = new KedaiFunction(this, ids[name], {
        lambda: name, stage, logRetention: config.logRetentionDays,
        // API Gateway gives up at 30 s; answer before it does.
        timeout: Duration.seconds(29),
        description: `Kedai ${stage}: the Hono API, ${API_FUNCTIONS[name].description}`,
      });
      bindTable(fn, stateful.table, 'readWrite');
      bindBucket(fn, 'DOCUMENTS_BUCKET', stateful.documentsBucket, 'readWrite');
      bindBucket(fn, 'CONTRACTS_BUCKET', stateful.contractsBucket, 'readWrite');
      bindUserPool(fn, stateful.userPool, stateful.userPoolClient);
      const needs = API_FUNCTION_NEEDS[name];
      if (needs.notifies) bindNotifier(fn, config.messages);
      bindStateMachines(fn, Object.fromEntries(needs.workflows.map((kind) => {
        if (!props.stateMachines[kind]) throw new Error(`The ${name} function starts the ${kind} workflow, which the API stack was not given.`);
        return [kind, props.stateMachines[kind]];
      })));
      // Enterprise verification, application pre-fill and target-list merging read what the bank already knows.
      bindRegistryGateway(fn, config.registry);
      return [name, fn];
    })) as Record<ApiFunctionName, KedaiFunction>;
    this.apiFunction = this.apiFunctions.api;
    // Only the account routes (sign-up, reset, …) administer users, and they are the default function's.
    bindUserPoolAccounts(this.apiFunction, stateful.userPool);
    // No seal secret: the API draws contracts but never seals one; the contract workflow's Seal task does.

    const integration = new HttpLambdaIntegration('Hono', this.apiFunction);
    const authorizer = new HttpUserPoolAuthorizer('Cognito', stateful.userPool, {
      userPoolClients: [stateful.userPoolClient],
    });

    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: `Kedai ${stage}: public API v1`,
      createDefaultStage: false,
      // Same origin through CloudFront: the SPA needs no CORS.
    });
    for (const route of PUBLIC_ROUTES) {
      const [created] = this.httpApi.addRoutes({ path: route.path, methods: [route.method], integration });
      Validations.of(created).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: `${route.method} ${route.path} is public by design (DESIGN.md §6): health check, sign-in and the account routes, or the OpenAPI document.`,
      });
    }
    this.httpApi.addRoutes({ path: '/api/{proxy+}', methods: [HttpMethod.ANY], integration, authorizer });
    // The more specific routes win over {proxy+}: casework and head office reach their own functions.
    for (const name of Object.keys(API_FUNCTIONS) as ApiFunctionName[]) {
      const routes: readonly string[] = API_FUNCTIONS[name].routes;
      if (!routes.length) continue;
      const target = new HttpLambdaIntegration(`Hono-${name}`, this.apiFunctions[name]);
      for (const key of routes) {
        const { method, path } = parseRouteKey(key);
        this.httpApi.addRoutes({ path, methods: [method], integration: target, authorizer });
      }
    }

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: config.logRetentionDays,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: config.api.rateLimit, burstLimit: config.api.burstLimit },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify({
          requestId: '$context.requestId',
          ip: '$context.identity.sourceIp',
          requestTime: '$context.requestTime',
          method: '$context.httpMethod',
          path: '$context.path',
          status: '$context.status',
          latencyMs: '$context.responseLatency',
          integrationError: '$context.integrationErrorMessage',
          authorizerError: '$context.authorizer.error',
          user: '$context.authorizer.claims.username',
        })),
      },
    });
  }

  /** The API's host name, for CloudFront's origin. */
  static apiDomain(api: IHttpApi): string {
    return `${api.apiId}.execute-api.${Stack.of(api).region}.${Stack.of(api).urlSuffix}`;
  }
}
