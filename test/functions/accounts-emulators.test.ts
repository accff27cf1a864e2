/**
 * The real account adapters on the emulators: CognitoAuth's sign-up, confirmation, reset, refresh and revocation
 * against cognito-local, and DynamoAccountStore's conditional writes against DynamoDB Local under parallel load.
 */
import { randomUUID } from 'node:crypto';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CognitoAuth } from '../../functions/adapters/cognito/cognito-auth.js';
import { DynamoAccountStore } from '../../functions/adapters/dynamodb/account-store.js';
import { ensureTable } from '../../functions/adapters/dynamodb/table.js';
import { DomainError } from '../../shared/errors.js';

const endpoints = inject('endpoints');
const { userPoolId, clientId } = inject('cognito');
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const cognito = new CognitoIdentityProviderClient({ endpoint: endpoints.cognito, region: 'cn-north-1', credentials });
const dynamodb = new DynamoDBClient({ endpoint: endpoints.dynamodb, region: 'cn-north-1', credentials });
const issuer = `${endpoints.cognito}/${userPoolId}`;
const auth = new CognitoAuth({ client: cognito, userPoolId, clientId, issuer, jwksUrl: `${issuer}/.well-known/jwks.json` });
const table = `accounts-${randomUUID()}`;
const store = new DynamoAccountStore(dynamodb, table);
const PASSWORD = 'Kedai-new-2026!';

beforeAll(() => ensureTable(dynamodb, table));
afterAll(() => { cognito.destroy(); dynamodb.destroy(); });

async function refusal(promise: Promise<unknown>) {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(DomainError);
  return { code: (err as DomainError).code, status: (err as DomainError).status };
}

describe('CognitoAuth accounts on cognito-local', () => {
  it('signs up an e-mail account unconfirmed, confirms it into the applicant group only, and signs it in', async () => {
    const username = `self.${randomUUID().slice(0, 8)}@example.cn`;
    await auth.createAccount(username, PASSWORD, 'email');
    expect(await auth.accountStatus(username)).toBe('unconfirmed');
    expect(await refusal(auth.signIn(username, PASSWORD))).toEqual({ code: 'invalid-credentials', status: 401 });
    expect(await refusal(auth.createAccount(username, PASSWORD, 'email'))).toEqual({ code: 'username-taken', status: 409 });
    await auth.confirmAccount(username, 'email');
    expect(await auth.accountStatus(username)).toBe('confirmed');
    const session = await auth.signIn(username, PASSWORD);
    expect(session.refreshToken).toEqual(expect.any(String));
    expect(await auth.verifyAccessToken(session.accessToken)).toMatchObject({ username, groups: ['applicant'] });
  });

  it('takes a +86 mobile number as the username', async () => {
    const username = `+86138${String(Date.now()).slice(-8)}`;
    await auth.createAccount(username, PASSWORD, 'mobile');
    await auth.confirmAccount(username, 'mobile');
    const { accessToken } = await auth.signIn(username, PASSWORD);
    expect(decodeJwt(accessToken).username).toBe(username);
  });

  it('replaces an unconfirmed account, but never a confirmed one', async () => {
    const username = `retry.${randomUUID().slice(0, 8)}@example.cn`;
    await auth.createAccount(username, PASSWORD, 'email');
    await auth.deleteUnconfirmed(username);
    expect(await auth.accountStatus(username)).toBeNull();
    await auth.createAccount(username, PASSWORD, 'email');
    await auth.confirmAccount(username, 'email');
    await auth.deleteUnconfirmed(username);
    expect(await auth.accountStatus(username)).toBe('confirmed');
    expect(await auth.accountStatus('applicant@demo.kedai')).toBe('confirmed');
    expect(await auth.accountStatus(`nobody.${randomUUID()}@example.cn`)).toBeNull();
  });

  it('refreshes with the refresh token until it is revoked', async () => {
    const username = `refresh.${randomUUID().slice(0, 8)}@example.cn`;
    await auth.createAccount(username, PASSWORD, 'email');
    await auth.confirmAccount(username, 'email');
    const { refreshToken } = await auth.signIn(username, PASSWORD);
    const fresh = await auth.refresh(refreshToken!);
    expect(await auth.verifyAccessToken(fresh.accessToken)).toMatchObject({ username });
    await auth.revoke(refreshToken!);
    expect(await refusal(auth.refresh(refreshToken!))).toEqual({ code: 'unauthenticated', status: 401 });
    // Revoking twice is what sign-out wants too: no error.
    await auth.revoke(refreshToken!);
  });

  it('sets a new permanent password', async () => {
    const username = `reset.${randomUUID().slice(0, 8)}@example.cn`;
    await auth.createAccount(username, PASSWORD, 'email');
    await auth.confirmAccount(username, 'email');
    await auth.setPassword(username, 'Another-pass-2026!');
    expect(await refusal(auth.signIn(username, PASSWORD))).toEqual({ code: 'invalid-credentials', status: 401 });
    expect((await auth.signIn(username, 'Another-pass-2026!')).accessToken).toEqual(expect.any(String));
  });
});

describe('DynamoAccountStore on DynamoDB Local', () => {
  it('never spends more code attempts than the limit, however many arrive at once', async () => {
    const username = `par.${randomUUID()}@example.cn`;
    await store.issueCode(username, 'sign-up', { hash: 'h', expiresAt: new Date(Date.now() + 60_000).toISOString() });
    const results = await Promise.all(Array.from({ length: 20 }, () => store.spendAttempt(username, 'sign-up', 5)));
    const spent = results.filter((r) => typeof r === 'object' && r !== null) as { attempts: number }[];
    expect(spent.map((r) => r.attempts).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(results.filter((r) => r === 'locked')).toHaveLength(15);
    expect(await store.spendAttempt(`none.${randomUUID()}`, 'sign-up', 5)).toBeNull();
    expect(await Promise.all([store.consumeCode(username, 'sign-up', 'h'), store.consumeCode(username, 'sign-up', 'h')])).toEqual(expect.arrayContaining([true, false]));
  });

  it('counts a window under parallel hits and clears it', async () => {
    const key = `sign-in#${randomUUID()}`;
    const now = new Date();
    const hits = await Promise.all(Array.from({ length: 15 }, () => store.hit(key, 10, 60_000, now)));
    expect(hits.filter((h) => h.allowed)).toHaveLength(10);
    await store.clearHits(key, 60_000, now);
    expect((await store.hit(key, 10, 60_000, now)).allowed).toBe(true);
  });

  it('keeps a session active while used and calls it idle after', async () => {
    const id = randomUUID();
    await store.openSession(id, { username: 'x', at: '2026-12-01T00:00:00.000Z', expiresAt: '2026-12-01T12:00:00.000Z', token: { id: `t-${id}`, expiresAt: 1_800_000_000 } });
    expect(await store.touchSession(id, '2026-12-01T00:20:00.000Z', '2026-11-30T23:50:00.000Z')).toBe('active');
    expect(await store.touchSession(id, '2026-12-01T01:30:00.000Z', '2026-12-01T01:00:00.000Z')).toBe('idle');
    expect(await store.touchSession(id, '2026-12-01T13:00:00.000Z', '2026-12-01T12:59:00.000Z')).toBe('unknown');
    await store.closeSession(id);
    expect(await store.touchSession(id, '2026-12-01T00:21:00.000Z', '2026-12-01T00:00:00.000Z')).toBe('unknown');
  });

  it('returns the access tokens a session issued when it closes, and remembers revoked ones', async () => {
    const id = randomUUID();
    const exp = Math.floor(Date.now() / 1000) + 900;
    await store.openSession(id, { username: 'x', at: new Date().toISOString(), expiresAt: new Date(Date.now() + 3600_000).toISOString(), token: { id: `a-${id}`, expiresAt: exp } });
    expect(await store.addSessionToken(id, { id: `b-${id}`, expiresAt: exp + 60 })).toBe(true);
    // The same id again (AWS's origin_jti on every refresh) is kept once.
    expect(await store.addSessionToken(id, { id: `b-${id}`, expiresAt: exp + 120 })).toBe(true);
    const tokens = await store.closeSession(id);
    expect(tokens.sort((x, y) => x.id.localeCompare(y.id))).toEqual([{ id: `a-${id}`, expiresAt: exp }, { id: `b-${id}`, expiresAt: exp + 120 }]);
    expect(await store.closeSession(id)).toEqual([]);
    expect(await store.addSessionToken(id, { id: `c-${id}`, expiresAt: exp })).toBe(false);
    expect(await store.isTokenRevoked(`a-${id}`)).toBe(false);
    await store.revokeTokens(tokens);
    expect(await store.isTokenRevoked(`a-${id}`)).toBe(true);
    expect(await store.isTokenRevoked(`b-${id}`)).toBe(true);
    expect(await store.isTokenRevoked(`c-${id}`)).toBe(false);
  });
});
