/**
 * The infra side of accounts and messages (issue 12): a user pool applicants can sign up to but that sends and
 * verifies nothing itself, the API's narrow Cognito admin grant, and notifier grants on exactly the functions
 * that send: SES from one identity, SNS for direct SMS only (every topic denied).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { USER_POOL_ADMIN_ACTIONS } from '../../infra/constructs/bindings.js';
import { PUBLIC_ROUTES } from '../../infra/stacks/api-stack.js';
import { synthKedai, type SynthResult } from './synth-kedai.js';

let kedai: SynthResult;
beforeAll(() => {
  kedai = synthKedai({ webAssetsPath: null });
});

const functions = () => kedai.resourcesOfType('AWS::Lambda::Function').filter(({ resource }) => resource.Properties?.Environment?.Variables?.STAGE);

function statementsOf(logicalId: string, stack: string): any[] {
  const fn = kedai.resourcesOfType('AWS::Lambda::Function').find(({ id, stack: s }) => id === logicalId && s === stack)!;
  const roleId = fn.resource.Properties!.Role['Fn::GetAtt'][0];
  return kedai.resourcesOfType('AWS::IAM::Policy')
    .filter(({ stack: s, resource }) => s === stack && resource.Properties!.Roles.some((r: any) => r.Ref === roleId))
    .flatMap(({ resource }) => resource.Properties!.PolicyDocument.Statement);
}

const actionsOf = (statement: any): string[] => [statement.Action].flat();

describe('user pool', () => {
  it('lets applicants sign up, verifies and recovers nothing by itself, and keeps access tokens short', () => {
    const pool = kedai.templates.stateful.findResources('AWS::Cognito::UserPool');
    const props = Object.values(pool)[0].Properties as any;
    expect(props.AdminCreateUserConfig.AllowAdminCreateUserOnly).toBe(false);
    expect(props.AutoVerifiedAttributes ?? []).toEqual([]);
    expect(props.AccountRecoverySetting.RecoveryMechanisms).toEqual([{ Name: 'admin_only', Priority: 1 }]);
    const client = Object.values(kedai.templates.stateful.findResources('AWS::Cognito::UserPoolClient'))[0].Properties as any;
    expect(client.AccessTokenValidity).toBeLessThanOrEqual(15);
    expect(client.TokenValidityUnits.AccessToken).toBe('minutes');
    expect(client.EnableTokenRevocation).toBe(true);
  });

  it('opens the account routes to callers without a token', () => {
    for (const name of ['sign-up', 'confirm-sign-up', 'forgot-password', 'reset-password', 'refresh', 'sign-out']) {
      expect(PUBLIC_ROUTES.map((r) => r.path)).toContain(`/api/auth/${name}`);
    }
  });
});

describe('grants', () => {
  it('gives only the API the Cognito admin actions, on the one pool', () => {
    const holders = functions().filter(({ id, stack }) => statementsOf(id, stack).some((s) => actionsOf(s).some((a) => a.startsWith('cognito-idp:'))));
    expect(holders.map((h) => h.id)).toEqual([expect.stringMatching(/^ApiFunction/)]);
    const statement = statementsOf(holders[0].id, holders[0].stack).find((s) => actionsOf(s).includes('cognito-idp:AdminConfirmSignUp'));
    expect(actionsOf(statement).sort()).toEqual([...USER_POOL_ADMIN_ACTIONS].sort());
    expect(JSON.stringify(statement.Resource)).toMatch(/UserPool/);
    expect(statement.Resource).not.toBe('*');
  });

  it('lets exactly the sending functions send, SES from the configured identity only', () => {
    const senders = functions().filter(({ resource }) => resource.Properties!.Environment.Variables.NOTIFY_EMAIL_FROM);
    expect(senders.map((s) => s.id.replace(/[0-9A-F]{8}$/, '')).sort())
      .toEqual(['AfterServicing', 'ApiFunction', 'CaseworkFunction', 'Disburse', 'PostLoanMonitoring', 'RecordDecision', 'Redrive', 'ServiceChunk'].sort());
    for (const { id, stack, resource } of senders) {
      const statements = statementsOf(id, stack);
      const ses = statements.find((s) => actionsOf(s).includes('ses:SendEmail'));
      expect(ses.Condition).toEqual({ StringEquals: { 'ses:FromAddress': resource.Properties!.Environment.Variables.NOTIFY_EMAIL_FROM } });
      expect(JSON.stringify(ses.Resource)).toMatch(/identity\/dev\.kedai\.example\.cn/);
      // Direct SMS has no resource ARN: allowed on *, with every topic denied beside it.
      const allow = statements.find((s) => s.Effect === 'Allow' && actionsOf(s).includes('sns:Publish'));
      const deny = statements.find((s) => s.Effect === 'Deny' && actionsOf(s).includes('sns:Publish'));
      expect(allow.Resource).toBe('*');
      expect(JSON.stringify(deny.Resource)).toMatch(/:sns:\*:\*:\*/);
    }
    const silent = functions().filter(({ resource }) => !resource.Properties!.Environment.Variables.NOTIFY_EMAIL_FROM);
    expect(silent.length).toBeGreaterThan(0);
    for (const { id, stack } of silent) {
      expect(statementsOf(id, stack).flatMap(actionsOf).filter((a) => a.startsWith('ses:') || a.startsWith('sns:'))).toEqual([]);
    }
  });

  it('never configures a deployed function as the local stage', () => {
    for (const { resource } of functions()) expect(resource.Properties!.Environment.Variables.STAGE).not.toBe('local');
  });
});
