/**
 * The Cognito auth adapter against cognito-local with the seeded demo accounts: sign-in, token
 * verification with groups, and every way a token or a password can be wrong.
 */
import { randomUUID } from 'node:crypto';
import {
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { CognitoAuth } from '../../functions/adapters/cognito/cognito-auth.js';
import { ensureCognito } from '../../functions/local/cognito-setup.js';
import { DEMO_PASSWORD } from '../../functions/local/demo-accounts.js';
import { DomainError } from '../../shared/errors.js';

const endpoints = inject('endpoints');
const { userPoolId, clientId } = inject('cognito');
const issuer = `${endpoints.cognito}/${userPoolId}`;
const client = new CognitoIdentityProviderClient({
  endpoint: endpoints.cognito, region: 'cn-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
afterAll(() => client.destroy());

const authFor = (appClientId = clientId) =>
  new CognitoAuth({ client, userPoolId, clientId: appClientId, issuer, jwksUrl: `${issuer}/.well-known/jwks.json` });
const auth = authFor();

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(DomainError);
  return err as DomainError;
}

async function expectUnauthenticated(token: string, verifier = auth) {
  const err = await rejection(verifier.verifyAccessToken(token));
  expect({ code: err.code, status: err.status }).toEqual({ code: 'unauthenticated', status: 401 });
}

describe('sign-in', () => {
  it.each([
    { username: 'applicant@demo.kedai', groups: ['applicant'] },
    { username: 'applicant2@demo.kedai', groups: ['applicant'] },
    { username: 'am.zhengzhou@demo.kedai', groups: ['account-manager'] },
    { username: 'rm.luoyang@demo.kedai', groups: ['risk-manager'] },
    { username: 'ap.jiyuan@demo.kedai', groups: ['approver'] },
    { username: 'hq@demo.kedai', groups: ['approver', 'head-office'] },
    { username: 'cm3@demo.kedai', groups: ['committee'] },
  ])('$username signs in and the token verifies as $groups', async ({ username, groups }) => {
    const session = await auth.signIn(username, DEMO_PASSWORD);
    expect(session.expiresIn).toBeGreaterThan(0);
    expect(session.expiresIn).toBeLessThanOrEqual(3600);
    const claims = await auth.verifyAccessToken(session.accessToken);
    expect(claims.username).toBe(username);
    expect(claims.sub).toMatch(/^[0-9a-f-]{36}$/);
    expect([...claims.groups].sort()).toEqual(groups);
  });

  it('accepts the username in another letter case', async () => {
    const session = await auth.signIn('  Applicant@Demo.Kedai ', DEMO_PASSWORD);
    expect((await auth.verifyAccessToken(session.accessToken)).username).toBe('applicant@demo.kedai');
  });

  it('refuses a wrong password and an unknown user with the same 401, revealing neither', async () => {
    const wrongPassword = await rejection(auth.signIn('applicant@demo.kedai', 'Kedai-demo-2025!'));
    const unknownUser = await rejection(auth.signIn('nobody@demo.kedai', DEMO_PASSWORD));
    expect({ code: wrongPassword.code, status: wrongPassword.status, message: wrongPassword.message })
      .toEqual({ code: 'invalid-credentials', status: 401, message: 'Wrong username or password.' });
    expect({ code: unknownUser.code, status: unknownUser.status, message: unknownUser.message })
      .toEqual({ code: wrongPassword.code, status: wrongPassword.status, message: wrongPassword.message });
  });
});

describe('access-token verification', () => {
  async function demoToken() {
    return (await auth.signIn('applicant@demo.kedai', DEMO_PASSWORD)).accessToken;
  }

  it('refuses a token whose payload was altered', async () => {
    const [header, payload, signature] = (await demoToken()).split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, 'cognito:groups': ['head-office'] })).toString('base64url');
    await expectUnauthenticated([header, forged, signature].join('.'));
  });

  it('refuses a token signed with a key that is not the pool’s, even with the same kid and claims', async () => {
    const claims = decodeJwt(await demoToken());
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ ...claims, 'cognito:groups': ['head-office'] })
      .setProtectedHeader({ alg: 'RS256', kid: 'CognitoLocal' })
      .sign(privateKey);
    await expectUnauthenticated(forged);
  });

  it('refuses an unsigned token', async () => {
    const claims = decodeJwt(await demoToken());
    const none = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
    await expectUnauthenticated(none);
  });

  it.each(['', 'not-a-jwt', 'a.b.c'])('refuses the garbage token %j', async (token) => {
    await expectUnauthenticated(token);
  });

  it('refuses an ID token offered as an access token', async () => {
    const result = await client.send(new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'applicant@demo.kedai', PASSWORD: DEMO_PASSWORD },
    }));
    await expectUnauthenticated(result.AuthenticationResult!.IdToken!);
  });

  it('refuses a token issued to another app client of the same pool', async () => {
    const other = await client.send(new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ClientName: `other-${randomUUID().slice(0, 8)}` }));
    const otherAuth = authFor(other.UserPoolClient!.ClientId!);
    const token = (await otherAuth.signIn('applicant@demo.kedai', DEMO_PASSWORD)).accessToken;
    expect((await otherAuth.verifyAccessToken(token)).username).toBe('applicant@demo.kedai');
    await expectUnauthenticated(token);
  });

  it('refuses a token from another issuer', async () => {
    const token = await demoToken();
    const elsewhere = new CognitoAuth({ client, userPoolId, clientId, issuer: `${endpoints.cognito}/cn-north-1_other`, jwksUrl: `${issuer}/.well-known/jwks.json` });
    await expectUnauthenticated(token, elsewhere);
  });

  it('refuses an expired token', async () => {
    const shortLived = await client.send(new CreateUserPoolClientCommand({
      UserPoolId: userPoolId, ClientName: `short-${randomUUID().slice(0, 8)}`, AccessTokenValidity: 1, TokenValidityUnits: { AccessToken: 'seconds' },
    }));
    const shortAuth = authFor(shortLived.UserPoolClient!.ClientId!);
    const { accessToken, expiresIn } = await shortAuth.signIn('applicant@demo.kedai', DEMO_PASSWORD);
    expect(expiresIn).toBe(1);
    await new Promise((r) => setTimeout(r, 2100));
    await expectUnauthenticated(accessToken, shortAuth);
  });

  it('answers 503, not 401, when the pool’s keys cannot be fetched', async () => {
    const token = await demoToken();
    const unreachable = new CognitoAuth({ client, userPoolId, clientId, issuer, jwksUrl: 'http://127.0.0.1:9/jwks.json' });
    const err = await rejection(unreachable.verifyAccessToken(token));
    expect({ code: err.code, status: err.status }).toEqual({ code: 'auth-unavailable', status: 503 });
    await expect(unreachable.ping()).rejects.toBeInstanceOf(DomainError);
    await expect(auth.ping()).resolves.toBeUndefined();
  });
});

describe('ensureCognito', () => {
  it('finds the seeded pool again without writing, and restores a membership that went missing', async () => {
    const username = `seed-${randomUUID().slice(0, 8)}@demo.kedai`;
    const users = [{ username, groups: ['committee', 'approver'], password: DEMO_PASSWORD }];
    expect(await ensureCognito({ endpoint: endpoints.cognito, users })).toEqual({ userPoolId, clientId });

    const writes: string[] = [];
    expect(await ensureCognito({ endpoint: endpoints.cognito, users, log: (l) => writes.push(l) })).toEqual({ userPoolId, clientId });
    expect(writes).toEqual([]);

    await client.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: userPoolId, Username: username, GroupName: 'committee' }));
    await ensureCognito({ endpoint: endpoints.cognito, users, log: (l) => writes.push(l) });
    expect(writes).toHaveLength(1);
    const groups = await client.send(new AdminListGroupsForUserCommand({ UserPoolId: userPoolId, Username: username }));
    expect(groups.Groups!.map((g) => g.GroupName).sort()).toEqual(['approver', 'committee']);
    const claims = await auth.verifyAccessToken((await auth.signIn(username, DEMO_PASSWORD)).accessToken);
    expect(claims.groups.sort()).toEqual(['approver', 'committee']);
  });
});
