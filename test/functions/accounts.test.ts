/**
 * Accounts (DESIGN.md §7.1) through the API on the in-memory adapters: sign-up with the code from the outbox,
 * confirmation, password reset, sessions that refresh, time out and end; every refusal; and the limits under
 * concurrent requests, keyed on the normalised username.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ACCOUNT_LIMITS } from '../../shared/accounts.js';
import { useMemoryApp } from '../support/memory-app.js';

const api = useMemoryApp();
const PASSWORD = 'Kedai-new-2026!';
const email = () => `new.${randomUUID().slice(0, 8)}@example.cn`;
let phoneSeq = 0;
const mobile = () => `+86139${String(Date.now() % 100_000_000 + phoneSeq++).padStart(8, '0')}`;

/** The newest code the outbox holds for a username. */
async function codeFor(username: string, kind = 'sign-up-code'): Promise<string> {
  const res = await api.call('GET', `/api/dev/outbox?to=${encodeURIComponent(username)}`);
  expect(res.status).toBe(200);
  const message = res.body.find((m: { kind: string }) => m.kind === kind);
  expect(message, `a ${kind} for ${username}`).toBeDefined();
  return /\b(\d{6})\b/.exec(message.body)![1];
}

async function signedUp(username = email(), password = PASSWORD) {
  expect((await api.call('POST', '/api/auth/sign-up', { body: { username, password } })).status).toBe(201);
  const code = await codeFor(username);
  expect((await api.call('POST', '/api/auth/confirm-sign-up', { body: { username, code } })).status).toBe(200);
  return username;
}

const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');
const cookieOf = (headers: Headers) => headers.get('set-cookie')?.match(/kedai_refresh=[^;]*/)?.[0] ?? '';

describe('sign-up', () => {
  it('creates an applicant account from an e-mail, confirmed by the code the notifier sent', async () => {
    const username = email();
    const res = await api.call('POST', '/api/auth/sign-up', { body: { username: `  ${username.toUpperCase()} `, password: PASSWORD } });
    expect(res).toMatchObject({ status: 201, body: { username, next: 'confirm' } });
    // Not before confirmation.
    expect((await api.call('POST', '/api/auth/sign-in', { body: { username, password: PASSWORD } })).status).toBe(401);
    const confirmed = await api.call('POST', '/api/auth/confirm-sign-up', { body: { username, code: await codeFor(username) } });
    expect(confirmed).toMatchObject({ status: 200, body: { username } });
    const signIn = await api.call('POST', '/api/auth/sign-in', { body: { username, password: PASSWORD } });
    expect(signIn.status).toBe(200);
    expect(signIn.body).toMatchObject({ accessToken: expect.any(String), expiresIn: expect.any(Number) });
    const me = await api.call('GET', '/api/me', { token: signIn.body.accessToken });
    // A self-made account is an applicant, never anything else.
    expect(me.body).toMatchObject({ username, groups: ['applicant'] });
  });

  it('takes a mainland mobile number typed with spaces and without +86 as its E.164 form', async () => {
    const username = mobile();
    const typed = `${username.slice(3, 6)} ${username.slice(6, 10)} ${username.slice(10)}`;
    const res = await api.call('POST', '/api/auth/sign-up', { body: { username: typed, password: PASSWORD } });
    expect(res).toMatchObject({ status: 201, body: { username, next: 'confirm' } });
    const message = (await api.call('GET', `/api/dev/outbox?to=${encodeURIComponent(username)}`)).body[0];
    expect(message.body).toContain('注册验证码');
    expect(message.body).toContain('sign-up code');
  });

  it('refuses a taken username with 409 username-taken', async () => {
    const username = await signedUp();
    const res = await api.call('POST', '/api/auth/sign-up', { body: { username: username.toUpperCase(), password: PASSWORD } });
    expect(res).toMatchObject({ status: 409, body: { error: { code: 'username-taken', fields: { username: expect.any(String) } } } });
    expect((await api.call('POST', '/api/auth/sign-up', { body: { username: 'applicant@demo.kedai', password: PASSWORD } })).status).toBe(409);
  });

  it.each([
    ['short-1A!', 'at least 12 characters'],
    ['nouppercase-2026!', 'upper-case letter'],
    ['NOLOWERCASE-2026!', 'lower-case letter'],
    ['No-digits-at-all!', 'digit'],
    ['NoSymbols20262026', 'symbol'],
  ])('names the password rule %s breaks', async (password, rule) => {
    const username = email();
    const res = await api.call('POST', '/api/auth/sign-up', { body: { username, password } });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('weak-password');
    expect(res.body.error.fields.password).toContain(rule);
    // Nothing half-made: the username is still free.
    expect((await api.call('POST', '/api/auth/sign-up', { body: { username, password: PASSWORD } })).status).toBe(201);
  });

  it.each(['+8612345', '+85212345678', 'not-an-address', '+86 139 0000 000x', ''])('refuses the username %j with 422', async (username) => {
    const res = await api.call('POST', '/api/auth/sign-up', { body: { username, password: PASSWORD } });
    expect(res).toMatchObject({ status: 422, body: { error: { code: 'validation-failed', fields: { username: expect.any(String) } } } });
  });

  it('counts wrong codes with attempts left, then refuses even the right one', async () => {
    const username = email();
    await api.call('POST', '/api/auth/sign-up', { body: { username, password: PASSWORD } });
    const code = await codeFor(username);
    for (let left = ACCOUNT_LIMITS.codeAttempts - 1; left >= 0; left--) {
      const res = await api.call('POST', '/api/auth/confirm-sign-up', { body: { username, code: wrongCode(code) } });
      expect(res).toMatchObject({ status: 422, body: { error: { code: 'code-invalid', fields: { code: expect.any(String) } } } });
      expect(res.body.error.message).toContain(left > 0 ? `${left} attempt(s) left` : 'no attempts left');
    }
    const locked = await api.call('POST', '/api/auth/confirm-sign-up', { body: { username, code } });
    expect(locked).toMatchObject({ status: 409, body: { error: { code: 'code-expired' } } });
    // A new code (sign-up again, or resend) starts over.
    expect((await api.call('POST', '/api/auth/resend-sign-up-code', { body: { username } })).status).toBe(202);
    const fresh = await codeFor(username);
    expect((await api.call('POST', '/api/auth/confirm-sign-up', { body: { username, code: fresh } })).status).toBe(200);
  });

  it('never lets parallel wrong codes spend more than the limit, with `Foo@X.com ` and `foo@x.com` one counter', async () => {
    const username = email();
    await api.call('POST', '/api/auth/sign-up', { body: { username, password: PASSWORD } });
    const code = await codeFor(username);
    const spellings = [username, `${username.toUpperCase()} `, ` ${username[0].toUpperCase()}${username.slice(1)}`];
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) =>
      api.call('POST', '/api/auth/confirm-sign-up', { body: { username: spellings[i % 3], code: wrongCode(code) } })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 422)).toHaveLength(ACCOUNT_LIMITS.codeAttempts);
    expect(statuses.filter((s) => s === 409)).toHaveLength(20 - ACCOUNT_LIMITS.codeAttempts);
    // Every attempts-left count was given out once: no two requests spent the same attempt.
    const lefts = results.filter((r) => r.status === 422).map((r) => r.body.error.message).sort();
    expect(new Set(lefts).size).toBe(ACCOUNT_LIMITS.codeAttempts);
    expect((await api.call('POST', '/api/auth/confirm-sign-up', { body: { username, code } })).status).toBe(409);
  });

  it('uses a right code once even when it arrives twice at the same moment', async () => {
    const username = email();
    await api.call('POST', '/api/auth/sign-up', { body: { username, password: PASSWORD } });
    const code = await codeFor(username);
    const results = await Promise.all([1, 2, 3].map(() => api.call('POST', '/api/auth/confirm-sign-up', { body: { username, code } })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
  });

  it('refuses an expired code', async () => {
    const username = email();
    await api.call('POST', '/api/auth/sign-up', { body: { username, password: PASSWORD } });
    const code = await codeFor(username);
    api.stack.wired.memory!.clock.advance(ACCOUNT_LIMITS.codeTtlMs + 1000);
    const res = await api.call('POST', '/api/auth/confirm-sign-up', { body: { username, code } });
    expect(res).toMatchObject({ status: 409, body: { error: { code: 'code-expired' } } });
  });

  it('limits how many codes one username is sent, however it is spelt', async () => {
    const username = email();
    const statuses: number[] = [];
    for (let i = 0; i < ACCOUNT_LIMITS.codeSends + 2; i++) {
      statuses.push((await api.call('POST', '/api/auth/sign-up', { body: { username: i % 2 ? username.toUpperCase() : username, password: PASSWORD } })).status);
    }
    expect(statuses.slice(0, ACCOUNT_LIMITS.codeSends).every((s) => s === 201)).toBe(true);
    expect(statuses.slice(ACCOUNT_LIMITS.codeSends)).toEqual([429, 429]);
  });

  it('answers malformed bodies with 422 and a wrong content type with 415', async () => {
    expect((await api.call('POST', '/api/auth/confirm-sign-up', { body: { username: email(), code: '12ab56' } })).body.error.fields.code).toBeDefined();
    expect((await api.call('POST', '/api/auth/sign-up', { body: { username: email(), password: PASSWORD, groups: ['head-office'] } })).status).toBe(422);
    expect((await api.call('POST', '/api/auth/sign-up', { body: 'x', headers: { 'content-type': 'text/plain' } })).status).toBe(415);
  });
});

describe('password reset', () => {
  it('answers 202 whether or not the account exists, and sends a code only to a real one', async () => {
    const username = await signedUp();
    const stranger = email();
    const [a, b] = await Promise.all([username, stranger].map((u) => api.call('POST', '/api/auth/forgot-password', { body: { username: u } })));
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(a.body).toEqual(b.body);
    expect((await api.call('GET', `/api/dev/outbox?to=${encodeURIComponent(stranger)}`)).body).toEqual([]);
    // A wrong code is answered the same way for both: the reset does not tell which exists.
    const [ra, rb] = await Promise.all([username, stranger].map((u) =>
      api.call('POST', '/api/auth/reset-password', { body: { username: u, code: '000000', password: 'Another-pass-2026!' } })));
    expect([ra.status, rb.status]).toEqual([422, 422]);
    expect(ra.body.error.message).toBe(rb.body.error.message);
  });

  it('sets the new password with the code; the old one stops working', async () => {
    const username = await signedUp();
    await api.call('POST', '/api/auth/forgot-password', { body: { username: ` ${username.toUpperCase()}` } });
    const code = await codeFor(username, 'reset-password-code');
    const weak = await api.call('POST', '/api/auth/reset-password', { body: { username, code, password: 'weak' } });
    expect(weak).toMatchObject({ status: 422, body: { error: { code: 'weak-password', fields: { password: expect.any(String) } } } });
    // The weak try spent no attempt: the code still works.
    const res = await api.call('POST', '/api/auth/reset-password', { body: { username, code, password: 'Another-pass-2026!' } });
    expect(res.status).toBe(200);
    expect((await api.call('POST', '/api/auth/sign-in', { body: { username, password: PASSWORD } })).status).toBe(401);
    expect((await api.call('POST', '/api/auth/sign-in', { body: { username, password: 'Another-pass-2026!' } })).status).toBe(200);
    expect((await api.call('POST', '/api/auth/reset-password', { body: { username, code, password: 'Third-pass-2026!' } })).status).toBe(409);
  });
});

describe('sign-in limit', () => {
  it('holds under parallel wrong passwords across spellings of one username', async () => {
    const username = await signedUp();
    const spellings = [username, username.toUpperCase(), ` ${username} `];
    const results = await Promise.all(Array.from({ length: 25 }, (_, i) =>
      api.call('POST', '/api/auth/sign-in', { body: { username: spellings[i % 3], password: 'Wrong-pass-2026!' } })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(ACCOUNT_LIMITS.signInAttempts);
    expect(statuses.filter((s) => s === 429)).toHaveLength(25 - ACCOUNT_LIMITS.signInAttempts);
    expect((await api.call('POST', '/api/auth/sign-in', { body: { username, password: PASSWORD } })).status).toBe(429);
  });
});

describe('sessions', () => {
  async function session(username: string) {
    const res = await api.call('POST', '/api/auth/sign-in', { body: { username, password: PASSWORD } });
    expect(res.status).toBe(200);
    const cookie = cookieOf(res.headers);
    expect(res.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    expect(res.headers.get('set-cookie')).toMatch(/Path=\/api\/auth/);
    expect(cookie).not.toBe('');
    return { accessToken: res.body.accessToken as string, cookie };
  }

  it('refreshes with the session cookie, and not after sign-out (the refresh token is revoked)', async () => {
    const username = await signedUp();
    const { cookie } = await session(username);
    const refreshed = await api.call('POST', '/api/auth/refresh', { headers: { cookie } });
    expect(refreshed).toMatchObject({ status: 200, body: { accessToken: expect.any(String), expiresIn: expect.any(Number) } });
    expect((await api.call('GET', '/api/me', { token: refreshed.body.accessToken })).body.username).toBe(username);
    const out = await api.call('POST', '/api/auth/sign-out', { headers: { cookie } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/kedai_refresh=;/);
    expect((await api.call('POST', '/api/auth/refresh', { headers: { cookie } })).status).toBe(401);
    // Revoked in the user pool itself, not only forgotten by the API.
    const token = decodeURIComponent(cookie.split('=')[1]);
    await expect(api.stack.wired.deps.auth.refresh(token)).rejects.toMatchObject({ status: 401 });
  });

  it('refuses the access token of a signed-out session from the next request on, refreshed ones too', async () => {
    const username = await signedUp();
    const { accessToken, cookie } = await session(username);
    const refreshed = (await api.call('POST', '/api/auth/refresh', { headers: { cookie } })).body.accessToken as string;
    expect((await api.call('GET', '/api/me', { token: accessToken })).status).toBe(200);
    // The web sends only the cookie: the session's own record says which tokens it issued.
    expect((await api.call('POST', '/api/auth/sign-out', { headers: { cookie } })).status).toBe(204);
    for (const token of [accessToken, refreshed]) {
      expect(await api.call('GET', '/api/me', { token })).toMatchObject({ status: 401, body: { error: { code: 'unauthenticated' } } });
      expect((await api.call('GET', '/api/applications', { token })).status).toBe(401);
    }
    // Another session of the same account is not touched.
    const other = await session(username);
    expect((await api.call('GET', '/api/me', { token: other.accessToken })).status).toBe(200);
  });

  it('revokes a bearer token sent to sign-out without a cookie (an API client)', async () => {
    const username = await signedUp();
    const { accessToken } = await session(username);
    expect((await api.call('POST', '/api/auth/sign-out', { token: accessToken })).status).toBe(204);
    expect((await api.call('GET', '/api/me', { token: accessToken })).status).toBe(401);
    // A token that is already bad does not make sign-out fail.
    expect((await api.call('POST', '/api/auth/sign-out', { token: 'not.a.token' })).status).toBe(204);
  });

  it('ends a session left idle longer than the timeout', async () => {
    const username = await signedUp();
    const { cookie } = await session(username);
    api.stack.wired.memory!.clock.advance(ACCOUNT_LIMITS.idleTimeoutMs - 60_000);
    expect((await api.call('POST', '/api/auth/refresh', { headers: { cookie } })).status).toBe(200);
    api.stack.wired.memory!.clock.advance(ACCOUNT_LIMITS.idleTimeoutMs + 60_000);
    const idle = await api.call('POST', '/api/auth/refresh', { headers: { cookie } });
    expect(idle).toMatchObject({ status: 401, body: { error: { code: 'session-idle' } } });
    expect((await api.call('POST', '/api/auth/refresh', { headers: { cookie } })).status).toBe(401);
  });

  it('answers refresh without a cookie with 401 and sign-out without one with 204', async () => {
    expect((await api.call('POST', '/api/auth/refresh')).status).toBe(401);
    expect((await api.call('POST', '/api/auth/sign-out')).status).toBe(204);
  });
});
