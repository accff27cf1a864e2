/**
 * Self-made applicant accounts (DESIGN.md §7.1): sign-up with a code, password reset, sign-in with sessions that
 * refresh and time out when idle, sign-out. The codes are ours, not the user pool's: they go out through the
 * notifier in both languages, and their attempts are counted on one item per normalised username, so no number
 * of parallel requests spends more than ACCOUNT_LIMITS allow.
 */
import { randomInt, timingSafeEqual } from 'node:crypto';
import {
  ACCOUNT_LIMITS, accountCodeMessage, codeExpired, codeInvalid, contactKind, normaliseUsername, passwordProblem, usernameTaken, weakPassword,
  type CodePurpose,
} from '../../../shared/accounts.js';
import { DomainError, unauthenticated } from '../../../shared/errors.js';
import type { AuthSession, Deps } from '../ports.js';
import { sha256 } from '../sha256.js';

const codeHash = (username: string, purpose: CodePurpose, code: string) => sha256(`${purpose}\n${username}\n${code}`);
/** Sessions are stored by the refresh token's hash: the table never holds a usable token. */
export const sessionId = (refreshToken: string) => sha256(refreshToken);
const signInKey = (username: string) => `sign-in#${username}`;
const sendsKey = (username: string) => `code-sends#${username}`;

const rateLimited = (retryAfterSeconds: number, what: string) =>
  new DomainError('rate-limited', `Too many ${what} for this account; try again in ${retryAfterSeconds} s.`, 429);

async function issueCode(deps: Deps, username: string, purpose: CodePurpose): Promise<string> {
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const expiresAt = new Date(deps.clock.now().getTime() + ACCOUNT_LIMITS.codeTtlMs).toISOString();
  await deps.accounts.issueCode(username, purpose, { hash: codeHash(username, purpose, code), expiresAt });
  return code;
}

/** One attempt at a code: spent first (atomically), then compared; the right code works once. */
async function checkCode(deps: Deps, username: string, purpose: CodePurpose, code: string): Promise<void> {
  const spent = await deps.accounts.spendAttempt(username, purpose, ACCOUNT_LIMITS.codeAttempts);
  if (spent === null || spent === 'locked') throw codeExpired();
  if (Date.parse(spent.expiresAt) <= deps.clock.now().getTime()) throw codeExpired();
  const given = codeHash(username, purpose, code);
  if (!timingSafeEqual(Buffer.from(given), Buffer.from(spent.hash))) throw codeInvalid(ACCOUNT_LIMITS.codeAttempts - spent.attempts);
  if (!(await deps.accounts.consumeCode(username, purpose, given))) throw codeExpired();
}

async function countSend(deps: Deps, username: string): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  return deps.accounts.hit(sendsKey(username), ACCOUNT_LIMITS.codeSends, ACCOUNT_LIMITS.codeSendWindowMs, deps.clock.now());
}

async function sendCode(deps: Deps, username: string, purpose: CodePurpose) {
  const code = await issueCode(deps, username, purpose);
  await deps.notifier.send(username, accountCodeMessage(purpose, code));
}

export async function signUp(deps: Deps, input: { username: string; password: string }) {
  const { username, password } = input;
  const problem = passwordProblem(password);
  if (problem) throw weakPassword(problem);
  const status = await deps.auth.accountStatus(username);
  if (status === 'confirmed') throw usernameTaken();
  const sends = await countSend(deps, username);
  if (!sends.allowed) throw rateLimited(sends.retryAfterSeconds, 'codes');
  // An account nobody confirmed proves nothing: signing up again replaces it (and its code).
  if (status === 'unconfirmed') await deps.auth.deleteUnconfirmed(username);
  await deps.auth.createAccount(username, password, contactKind(username));
  await sendCode(deps, username, 'sign-up');
  return { username, next: 'confirm' as const };
}

/** A new sign-up code for an account not yet confirmed; silent otherwise, like forgot-password. */
export async function resendSignUpCode(deps: Deps, username: string) {
  if ((await deps.auth.accountStatus(username)) !== 'unconfirmed') return;
  if (!(await countSend(deps, username)).allowed) return;
  await sendCode(deps, username, 'sign-up');
}

export async function confirmSignUp(deps: Deps, input: { username: string; code: string }) {
  await checkCode(deps, input.username, 'sign-up', input.code);
  await deps.auth.confirmAccount(input.username, contactKind(input.username));
  return { username: input.username, next: 'sign-in' as const };
}

/**
 * Always the same answer. Unknown usernames get a stored code too (one nobody receives), so the reset that
 * follows answers exactly as for a real account and cannot tell which usernames exist.
 */
export async function forgotPassword(deps: Deps, username: string) {
  if (!(await countSend(deps, username)).allowed) return;
  const status = await deps.auth.accountStatus(username);
  const code = await issueCode(deps, username, 'reset-password');
  if (status === 'confirmed') await deps.notifier.send(username, accountCodeMessage('reset-password', code));
}

export async function resetPassword(deps: Deps, input: { username: string; code: string; password: string }) {
  const problem = passwordProblem(input.password);
  if (problem) throw weakPassword(problem);
  await checkCode(deps, input.username, 'reset-password', input.code);
  // Only a decoy code can match for an account that is not there (one in a million): answer as a wrong code.
  if ((await deps.auth.accountStatus(input.username)) !== 'confirmed') throw codeInvalid(0);
  await deps.auth.setPassword(input.username, input.password);
  await deps.accounts.clearHits(signInKey(input.username), ACCOUNT_LIMITS.signInWindowMs, deps.clock.now());
  return { username: input.username, next: 'sign-in' as const };
}

/** Sign-in counted per normalised username in a window shared by every instance; success clears the window. */
export async function signIn(deps: Deps, rawUsername: string, password: string): Promise<AuthSession> {
  const username = normaliseUsername(rawUsername);
  const now = deps.clock.now();
  const hit = await deps.accounts.hit(signInKey(username), ACCOUNT_LIMITS.signInAttempts, ACCOUNT_LIMITS.signInWindowMs, now);
  if (!hit.allowed) throw rateLimited(hit.retryAfterSeconds, 'sign-in attempts');
  const session = await deps.auth.signIn(username, password);
  await deps.accounts.clearHits(signInKey(username), ACCOUNT_LIMITS.signInWindowMs, now);
  if (session.refreshToken) {
    await deps.accounts.openSession(sessionId(session.refreshToken), {
      username, at: now.toISOString(), expiresAt: new Date(now.getTime() + ACCOUNT_LIMITS.sessionMaxMs).toISOString(),
      token: await sessionToken(deps, session.accessToken),
    });
  }
  return session;
}

/** The id by which sign-out revokes an access token (the adapter says which claim that is). */
async function sessionToken(deps: Deps, accessToken: string) {
  const claims = await deps.auth.verifyAccessToken(accessToken);
  return { id: claims.tokenId, expiresAt: claims.expiresAt };
}

const sessionEnded = () => unauthenticated('This session has ended: sign in again.');

/**
 * The principal's claims from a bearer token that is valid and not revoked. The revocation is read on every
 * request, never cached as "not revoked": the request right after a sign-out must be refused on every instance.
 */
export async function authenticateAccessToken(deps: Deps, token: string) {
  const claims = await deps.auth.verifyAccessToken(token);
  if (await deps.accounts.isTokenRevoked(claims.tokenId)) throw sessionEnded();
  return claims;
}

export const sessionIdle = () =>
  new DomainError('session-idle', `You were away for more than ${ACCOUNT_LIMITS.idleTimeoutMs / 60_000} minutes; sign in again.`, 401);

/** A fresh access token while the session is in use; an idle one is revoked and refused. */
export async function refreshSession(deps: Deps, refreshToken: string | undefined) {
  if (!refreshToken) throw unauthenticated('No session to refresh: sign in.');
  const now = deps.clock.now();
  const id = sessionId(refreshToken);
  const state = await deps.accounts.touchSession(id, now.toISOString(), new Date(now.getTime() - ACCOUNT_LIMITS.idleTimeoutMs).toISOString());
  if (state === 'unknown') throw sessionEnded();
  if (state === 'idle') {
    await signOut(deps, refreshToken);
    throw sessionIdle();
  }
  const session = await deps.auth.refresh(refreshToken);
  const token = await sessionToken(deps, session.accessToken);
  if (!(await deps.accounts.addSessionToken(id, token))) {
    // Signed out while this refresh ran: the token just issued is revoked with the rest.
    await deps.accounts.revokeTokens([token]);
    throw sessionEnded();
  }
  return session;
}

/**
 * Ends the session: the refresh token is revoked in the user pool, and every access token the session issued
 * (and the one the caller presents, if any) is refused from the next request on, not only once it expires.
 */
export async function signOut(deps: Deps, refreshToken: string | undefined, accessToken?: string) {
  const tokens = [];
  if (accessToken) {
    // A token that is already invalid has nothing left to revoke.
    const presented = await sessionToken(deps, accessToken).catch((err: unknown) => {
      if (err instanceof DomainError && err.status === 401) return null;
      throw err;
    });
    if (presented) tokens.push(presented);
  }
  if (refreshToken) {
    await deps.auth.revoke(refreshToken);
    tokens.push(...(await deps.accounts.closeSession(sessionId(refreshToken))));
  }
  if (tokens.length) await deps.accounts.revokeTokens(tokens);
}
