/**
 * What both auth adapters (Cognito, memory) answer, so a test on the memory one sees the errors and claims
 * the real one gives: the refusals, and the claims read from a verified Cognito-shaped access token.
 */
import type { JWTPayload } from 'jose';
import type { AccessClaims } from '../core/ports.js';
import { DomainError, unauthenticated } from '../../shared/errors.js';

export const invalidCredentials = () => new DomainError('invalid-credentials', 'Wrong username or password.', 401);
export const sessionInvalid = () => unauthenticated('Your session is not valid; sign in again.');
export const authUnavailable = () => new DomainError('auth-unavailable', 'The sign-in service is not answering; try again shortly.', 503);

export { usernameTaken, weakPassword } from '../../shared/accounts.js';

/** Usernames are e-mail addresses or +86 mobile numbers, normalised once (shared/accounts.ts). */
export { normaliseUsername } from '../../shared/accounts.js';

/** The claims every access token must carry for jwtVerify. */
export const REQUIRED_CLAIMS = ['exp', 'sub', 'token_use', 'client_id', 'jti'];

/** The principal's claims from a verified payload; refuses an ID token or another app client's token. */
export function accessClaims(payload: JWTPayload, clientId: string): AccessClaims {
  // Access tokens have no `aud`; the app client is in `client_id`. An ID token must not pass for one.
  if (payload.token_use !== 'access' || payload.client_id !== clientId) throw sessionInvalid();
  // Both AWS and cognito-local put the username in `username` and the groups in `cognito:groups`.
  const username = stringClaim(payload.username) ?? stringClaim(payload['cognito:username']);
  if (!username) throw sessionInvalid();
  const groups = payload['cognito:groups'];
  return {
    sub: payload.sub!,
    username,
    groups: Array.isArray(groups) ? groups.filter((g): g is string => typeof g === 'string') : [],
    // AWS keeps `origin_jti` across refreshes (revoking it ends them all); cognito-local only has `jti`.
    tokenId: stringClaim(payload.origin_jti) ?? payload.jti!,
    expiresAt: payload.exp!,
  };
}

const stringClaim = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
