/**
 * The auth port on Cognito: sign-in with USER_PASSWORD_AUTH, and access-token verification against the
 * user pool's JWKS. The same class runs in Lambda (AWS Cognito) and locally (cognito-local); only the
 * client's endpoint, the issuer and the JWKS address differ.
 */
import {
  AdminAddUserToGroupCommand,
  AdminConfirmSignUpCommand,
  AdminDeleteUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  InitiateAuthCommand,
  RevokeTokenCommand,
  SignUpCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { createRemoteJWKSet, decodeJwt, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { DomainError } from '../../../shared/errors.js';
import { passwordProblem, type ContactKind } from '../../../shared/accounts.js';
import type { AccessClaims, AccountStatus, AuthPort, AuthSession } from '../../core/ports.js';
import { accessClaims, authUnavailable, invalidCredentials, normaliseUsername, REQUIRED_CLAIMS, sessionInvalid, usernameTaken, weakPassword } from '../access-token.js';

export interface CognitoAuthOptions {
  client: CognitoIdentityProviderClient;
  userPoolId: string;
  clientId: string;
  /** `https://cognito-idp.<region>.amazonaws.com/<poolId>` in AWS, `<endpoint>/<poolId>` on cognito-local. */
  issuer: string;
  /** `<issuer>/.well-known/jwks.json` on both. */
  jwksUrl: string;
}

/** What Cognito says when the password is wrong or the user does not exist (or is not usable). */
const BAD_CREDENTIALS = new Set([
  'NotAuthorizedException',
  'UserNotFoundException',
  // cognito-local's answer to a wrong password.
  'InvalidPasswordException',
  'PasswordResetRequiredException',
  'UserNotConfirmedException',
]);
const THROTTLED = new Set(['TooManyRequestsException', 'LimitExceededException', 'TooManyFailedAttemptsException']);
/** jose errors that mean the verifier could not get the keys, not that the token is bad. */
const KEYS_UNAVAILABLE = new Set(['ERR_JWKS_TIMEOUT', 'ERR_JWKS_INVALID', 'ERR_JOSE_GENERIC']);
const DEFAULT_EXPIRES_IN = 3600;

export class CognitoAuth implements AuthPort {
  private readonly jwks: ReturnType<typeof createRemoteJWKSet>;

  constructor(private readonly opts: CognitoAuthOptions) {
    // Keys are fetched once and cached; an unknown `kid` refetches at most every 30 s.
    this.jwks = createRemoteJWKSet(new URL(opts.jwksUrl));
  }

  async signIn(username: string, password: string): Promise<AuthSession> {
    let result;
    try {
      result = await this.opts.client.send(new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: this.opts.clientId,
        AuthParameters: { USERNAME: normaliseUsername(username), PASSWORD: password },
      }));
    } catch (err) {
      const name = (err as Error).name;
      if (BAD_CREDENTIALS.has(name)) throw invalidCredentials();
      if (THROTTLED.has(name)) throw new DomainError('rate-limited', 'Too many sign-in attempts; wait a few minutes.', 429);
      if (!(err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode) throw authUnavailable();
      throw err;
    }
    const accessToken = result.AuthenticationResult?.AccessToken;
    // A challenge (new password, MFA) is not something this portal's sign-in offers; cognito-local even
    // answers NEW_PASSWORD_REQUIRED before it checks the password, so saying more would reveal the account.
    if (!accessToken) throw invalidCredentials();
    return {
      accessToken,
      expiresIn: result.AuthenticationResult?.ExpiresIn ?? lifetimeOf(accessToken),
      refreshToken: result.AuthenticationResult?.RefreshToken,
    };
  }

  async refresh(refreshToken: string): Promise<{ accessToken: string; expiresIn: number }> {
    const result = await this.call(() => this.opts.client.send(new InitiateAuthCommand({
      AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: this.opts.clientId, AuthParameters: { REFRESH_TOKEN: refreshToken },
    })), { NotAuthorizedException: sessionInvalid, UserNotFoundException: sessionInvalid, InvalidParameterException: sessionInvalid });
    const accessToken = result?.AuthenticationResult?.AccessToken;
    if (!accessToken) throw sessionInvalid();
    return { accessToken, expiresIn: result?.AuthenticationResult?.ExpiresIn ?? lifetimeOf(accessToken) };
  }

  async revoke(refreshToken: string): Promise<void> {
    // An unknown or already revoked token is what sign-out wants anyway.
    const gone = () => null;
    await this.call(() => this.opts.client.send(new RevokeTokenCommand({ Token: refreshToken, ClientId: this.opts.clientId })), {
      NotAuthorizedException: gone, UnsupportedTokenTypeException: gone, InvalidParameterException: gone,
    });
  }

  async createAccount(username: string, password: string, contact: ContactKind): Promise<void> {
    await this.call(() => this.opts.client.send(new SignUpCommand({
      ClientId: this.opts.clientId,
      Username: username,
      Password: password,
      UserAttributes: [{ Name: contact === 'mobile' ? 'phone_number' : 'email', Value: username }],
    })), {
      UsernameExistsException: usernameTaken,
      AliasExistsException: usernameTaken,
      InvalidPasswordException: () => weakPassword(passwordProblem(password) ?? 'The password does not meet the policy.'),
    });
  }

  async deleteUnconfirmed(username: string): Promise<void> {
    if ((await this.accountStatus(username)) !== 'unconfirmed') return;
    await this.call(() => this.opts.client.send(new AdminDeleteUserCommand({ UserPoolId: this.opts.userPoolId, Username: username })), { UserNotFoundException: () => null });
  }

  async accountStatus(username: string): Promise<AccountStatus | null> {
    const user = await this.call(() => this.opts.client.send(new AdminGetUserCommand({ UserPoolId: this.opts.userPoolId, Username: username })), { UserNotFoundException: () => null });
    if (!user || user.Enabled === false) return null;
    if (user.UserStatus === 'UNCONFIRMED') return 'unconfirmed';
    // FORCE_CHANGE_PASSWORD and the like are operator-provisioned accounts: not for the public flows.
    return user.UserStatus === 'CONFIRMED' || user.UserStatus === 'RESET_REQUIRED' ? 'confirmed' : null;
  }

  async confirmAccount(username: string, contact: ContactKind): Promise<void> {
    const UserPoolId = this.opts.userPoolId;
    await this.call(() => this.opts.client.send(new AdminConfirmSignUpCommand({ UserPoolId, Username: username })), {});
    await this.call(() => this.opts.client.send(new AdminUpdateUserAttributesCommand({
      // The contact itself goes with its flag: cognito-local (like a strict schema check) refuses the flag alone.
      UserPoolId, Username: username, UserAttributes: contact === 'mobile'
        ? [{ Name: 'phone_number', Value: username }, { Name: 'phone_number_verified', Value: 'true' }]
        : [{ Name: 'email', Value: username }, { Name: 'email_verified', Value: 'true' }],
    })), {});
    // The only group a self-made account ever joins.
    await this.call(() => this.opts.client.send(new AdminAddUserToGroupCommand({ UserPoolId, Username: username, GroupName: 'applicant' })), {});
  }

  async setPassword(username: string, password: string): Promise<void> {
    await this.call(() => this.opts.client.send(new AdminSetUserPasswordCommand({ UserPoolId: this.opts.userPoolId, Username: username, Password: password, Permanent: true })), {
      InvalidPasswordException: () => weakPassword(passwordProblem(password) ?? 'The password does not meet the policy.'),
      PasswordHistoryPolicyViolationException: () => weakPassword('Choose a password you have not used recently.'),
    });
  }

  /** One Cognito call: the named errors mapped (a null mapping answers null), throttling to 429, no answer to 503. */
  private async call<T>(send: () => Promise<T>, map: Record<string, () => DomainError | null>): Promise<T | null> {
    try {
      return await send();
    } catch (err) {
      const name = (err as Error).name;
      if (name in map) {
        const mapped = map[name]();
        if (mapped) throw mapped;
        return null;
      }
      if (THROTTLED.has(name)) throw new DomainError('rate-limited', 'Too many requests for this account; wait a few minutes.', 429);
      if (!(err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode) throw authUnavailable();
      throw err;
    }
  }

  async verifyAccessToken(token: string): Promise<AccessClaims> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.jwks, {
        issuer: this.opts.issuer,
        algorithms: ['RS256'],
        requiredClaims: REQUIRED_CLAIMS,
      }));
    } catch (err) {
      if (err instanceof joseErrors.JOSEError && !KEYS_UNAVAILABLE.has(err.code)) throw sessionInvalid();
      throw authUnavailable();
    }
    return accessClaims(payload, this.opts.clientId);
  }

  /** The health check: the pool's public keys can be fetched. */
  async ping(): Promise<void> {
    let res: Response;
    try {
      res = await fetch(this.opts.jwksUrl, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
    } catch {
      throw authUnavailable();
    }
    if (!res.ok) throw authUnavailable();
  }
}

/** cognito-local leaves ExpiresIn out of its answer; the token itself says how long it lives. */
function lifetimeOf(token: string): number {
  const { exp, iat } = decodeJwt(token);
  return typeof exp === 'number' && typeof iat === 'number' ? exp - iat : DEFAULT_EXPIRES_IN;
}
