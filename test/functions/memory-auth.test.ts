/** The in-memory auth adapter answers as CognitoAuth does (test/functions/cognito-auth.test.ts): same claims, same refusals. */
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { MemoryAuth } from '../../functions/adapters/memory/auth.js';
import { DomainError } from '../../shared/errors.js';

let now = new Date('2026-01-01T00:00:00Z');
const auth = new MemoryAuth([{ username: 'AM.Luoyang@demo.kedai', password: 'pw-1', groups: ['account-manager'] }], { now: () => now });

async function refusal(promise: Promise<unknown>) {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(DomainError);
  return { code: (err as DomainError).code, status: (err as DomainError).status };
}

describe('memory auth', () => {
  it('signs in case-insensitively and verifies its token to sub, username and groups', async () => {
    const session = await auth.signIn('  am.luoyang@DEMO.kedai ', 'pw-1');
    expect(session.expiresIn).toBe(3600);
    const claims = await auth.verifyAccessToken(session.accessToken);
    expect(claims).toEqual({
      sub: expect.stringMatching(/^[0-9a-f-]{36}$/), username: 'am.luoyang@demo.kedai', groups: ['account-manager'],
      tokenId: expect.stringMatching(/^[0-9a-f-]{36}$/), expiresAt: Math.floor(now.getTime() / 1000) + 3600,
    });
  });

  it('keeps the session’s token id across refreshes, as Cognito’s origin_jti, and a new one per sign-in', async () => {
    const first = await auth.signIn('am.luoyang@demo.kedai', 'pw-1');
    const refreshed = await auth.refresh(first.refreshToken!);
    const second = await auth.signIn('am.luoyang@demo.kedai', 'pw-1');
    const id = async (token: string) => (await auth.verifyAccessToken(token)).tokenId;
    expect(await id(refreshed.accessToken)).toBe(await id(first.accessToken));
    expect(await id(second.accessToken)).not.toBe(await id(first.accessToken));
  });

  it('refuses a wrong password and an unknown user alike', async () => {
    expect(await refusal(auth.signIn('am.luoyang@demo.kedai', 'wrong'))).toEqual({ code: 'invalid-credentials', status: 401 });
    expect(await refusal(auth.signIn('nobody@demo.kedai', 'pw-1'))).toEqual({ code: 'invalid-credentials', status: 401 });
  });

  it('refuses an expired, a foreign, a forged and an ID-shaped token as unauthenticated', async () => {
    const { accessToken } = await auth.signIn('am.luoyang@demo.kedai', 'pw-1');
    const other = new MemoryAuth([{ username: 'am.luoyang@demo.kedai', password: 'pw-1', groups: ['head-office'] }], { now: () => now });
    const idToken = await new SignJWT({ token_use: 'id' }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setExpirationTime('1h').sign(new Uint8Array(32));
    for (const token of [(await other.signIn('am.luoyang@demo.kedai', 'pw-1')).accessToken, `${accessToken.slice(0, -2)}xx`, idToken, 'not.a.token']) {
      expect(await refusal(auth.verifyAccessToken(token))).toEqual({ code: 'unauthenticated', status: 401 });
    }
    now = new Date(now.getTime() + 3601_000);
    expect(await refusal(auth.verifyAccessToken(accessToken))).toEqual({ code: 'unauthenticated', status: 401 });
  });
});
