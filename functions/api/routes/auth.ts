import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import * as z from 'zod';
import { ACCOUNT_LIMITS, confirmSignUpSchema, forgotPasswordSchema, resetPasswordSchema, signUpSchema } from '../../../shared/accounts.js';
import { DomainError } from '../../../shared/errors.js';
import { signInSchema } from '../../../shared/schemas/application.js';
import {
  confirmSignUp, forgotPassword, refreshSession, resendSignUpCode, resetPassword, signIn, signOut, signUp,
} from '../../core/use-cases/accounts.js';
import { parseJson, principal, type AppEnv } from '../http.js';
import { doc } from '../openapi.js';

/**
 * The refresh token lives in an HttpOnly cookie scoped to these routes, so the page's script never holds it;
 * the access token stays in the §6 body. Secure everywhere but the local stack's plain-HTTP origin.
 */
const REFRESH_COOKIE = 'kedai_refresh';
const COOKIE_PATH = '/api/auth';

function keepRefreshToken(c: Context<AppEnv>, token: string | undefined) {
  if (!token) return;
  setCookie(c, REFRESH_COOKIE, token, {
    httpOnly: true, sameSite: 'Strict', path: COOKIE_PATH, secure: c.get('deps').stage !== 'local', maxAge: ACCOUNT_LIMITS.sessionMaxMs / 1000,
  });
}
const dropRefreshToken = (c: Context<AppEnv>) => deleteCookie(c, REFRESH_COOKIE, { path: COOKIE_PATH, secure: c.get('deps').stage !== 'local' });

const resendSchema = z.object({ username: signUpSchema.shape.username }).strict();

export const authRoutes = new Hono<AppEnv>()
  .post('/sign-in', doc({ summary: 'Sign in; also sets the session cookie that /auth/refresh and /auth/sign-out read', public: true, body: signInSchema, bodyName: 'SignIn', ok: [200, '{ accessToken, expiresIn }'], errors: [401, 415, 422, 429] }), async (c) => {
    const { username, password } = await parseJson(c, signInSchema);
    const { refreshToken, ...session } = await signIn(c.get('deps'), username, password);
    keepRefreshToken(c, refreshToken);
    return c.json({ ...session, idleTimeout: ACCOUNT_LIMITS.idleTimeoutMs / 1000 }, 200);
  })
  .post('/sign-up', doc({ summary: 'Create an applicant account; a 6-digit code goes to the mobile number or e-mail', public: true, body: signUpSchema, bodyName: 'SignUp', ok: [201, '{ username, next: "confirm" }'], errors: [409, 415, 422, 429] }), async (c) => {
    const input = await parseJson(c, signUpSchema);
    return c.json(await signUp(c.get('deps'), input), 201);
  })
  .post('/confirm-sign-up', doc({ summary: 'Confirm the account with its code', public: true, body: confirmSignUpSchema, bodyName: 'ConfirmSignUp', ok: [200, '{ username, next: "sign-in" }'], errors: [409, 415, 422, 429] }), async (c) => {
    const input = await parseJson(c, confirmSignUpSchema);
    return c.json(await confirmSignUp(c.get('deps'), input), 200);
  })
  .post('/resend-sign-up-code', doc({ summary: 'A new sign-up code for an unconfirmed account (202 whatever the account)', public: true, body: resendSchema, bodyName: 'ResendSignUpCode', ok: [202, 'Accepted'], errors: [415, 422] }), async (c) => {
    const { username } = await parseJson(c, resendSchema);
    await resendSignUpCode(c.get('deps'), username);
    return c.json({ status: 'accepted' as const }, 202);
  })
  .post('/forgot-password', doc({ summary: 'Send a password reset code (202 whether or not the account exists)', public: true, body: forgotPasswordSchema, bodyName: 'ForgotPassword', ok: [202, 'Accepted'], errors: [415, 422] }), async (c) => {
    const { username } = await parseJson(c, forgotPasswordSchema);
    await forgotPassword(c.get('deps'), username);
    return c.json({ status: 'accepted' as const }, 202);
  })
  .post('/reset-password', doc({ summary: 'Set a new password with the reset code', public: true, body: resetPasswordSchema, bodyName: 'ResetPassword', ok: [200, '{ username, next: "sign-in" }'], errors: [409, 415, 422, 429] }), async (c) => {
    const input = await parseJson(c, resetPasswordSchema);
    return c.json(await resetPassword(c.get('deps'), input), 200);
  })
  .post('/refresh', doc({ summary: 'A new access token from the session cookie; 401 once signed out or idle too long', public: true, ok: [200, '{ accessToken, expiresIn, idleTimeout }'], errors: [401] }), async (c) => {
    try {
      const session = await refreshSession(c.get('deps'), getCookie(c, REFRESH_COOKIE));
      return c.json({ ...session, idleTimeout: ACCOUNT_LIMITS.idleTimeoutMs / 1000 }, 200);
    } catch (err) {
      // A session that has ended loses its cookie; a sign-in service that is down does not end it.
      if (err instanceof DomainError && err.status === 401) dropRefreshToken(c);
      throw err;
    }
  })
  .post('/sign-out', doc({ summary: 'End the session: its refresh token and its access tokens (and a bearer token sent along) are revoked, the cookie cleared', public: true, ok: [204, 'No content'] }), async (c) => {
    const bearer = c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
    await signOut(c.get('deps'), getCookie(c, REFRESH_COOKIE), bearer);
    dropRefreshToken(c);
    return c.body(null, 204);
  });

export const meRoutes = new Hono<AppEnv>()
  .get('/', doc({ summary: 'The signed-in user', ok: [200, '{ username, groups, branch }'], errors: [401] }), (c) => {
    const { username, groups, branch } = principal(c);
    return c.json({ username, groups, branch: branch ?? null });
  });
