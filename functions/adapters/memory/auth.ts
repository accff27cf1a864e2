/**
 * The auth port in memory: signs in against a user list and issues Cognito-shaped access tokens (sub, username,
 * cognito:groups, token_use, client_id, jti and origin_jti, one hour) that only this instance verifies, with opaque refresh tokens that
 * revocation forgets. Refusals are CognitoAuth's: invalid-credentials for a wrong password, an unknown or an
 * unconfirmed user, unauthenticated for a forged, foreign, expired or revoked token.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { passwordProblem, type ContactKind } from '../../../shared/accounts.js';
import type { AccountStatus, AuthPort } from '../../core/ports.js';
import { accessClaims, invalidCredentials, normaliseUsername, REQUIRED_CLAIMS, sessionInvalid, usernameTaken, weakPassword } from '../access-token.js';
import { io } from './copy.js';

export interface MemoryUser {
  username: string;
  password: string;
  groups: string[];
}

const EXPIRES_IN = 3600;

export class MemoryAuth implements AuthPort {
  private readonly users = new Map<string, MemoryUser & { sub: string; status: AccountStatus }>();
  /** Refresh token → username and the session's `origin_jti`, kept across refreshes as Cognito does. */
  private readonly refreshTokens = new Map<string, { username: string; originJti: string }>();
  private readonly secret = randomBytes(32);
  private readonly issuer = `memory://auth/${randomUUID()}`;

  constructor(users: MemoryUser[], private readonly opts: { clientId?: string; now?: () => Date } = {}) {
    for (const u of users) {
      const username = normaliseUsername(u.username);
      this.users.set(username, { ...u, username, sub: randomUUID(), status: 'confirmed' });
    }
  }

  private get clientId() { return this.opts.clientId ?? 'memory-client'; }
  private now() { return this.opts.now?.() ?? new Date(); }

  private async accessToken(user: MemoryUser & { sub: string }, originJti: string) {
    const iat = Math.floor(this.now().getTime() / 1000);
    return new SignJWT({
      token_use: 'access', client_id: this.clientId, username: user.username, 'cognito:groups': user.groups, origin_jti: originJti,
    }).setProtectedHeader({ alg: 'HS256' }).setSubject(user.sub).setIssuer(this.issuer).setJti(randomUUID()).setIssuedAt(iat).setExpirationTime(iat + EXPIRES_IN).sign(this.secret);
  }

  async signIn(username: string, password: string) {
    await io();
    const user = this.users.get(normaliseUsername(username));
    if (!user || user.password !== password || user.status !== 'confirmed') throw invalidCredentials();
    const refreshToken = randomBytes(24).toString('base64url');
    const originJti = randomUUID();
    this.refreshTokens.set(refreshToken, { username: user.username, originJti });
    return { accessToken: await this.accessToken(user, originJti), expiresIn: EXPIRES_IN, refreshToken };
  }

  async refresh(refreshToken: string) {
    await io();
    const session = this.refreshTokens.get(refreshToken);
    const user = this.users.get(session?.username ?? '');
    if (!session || !user) throw sessionInvalid();
    return { accessToken: await this.accessToken(user, session.originJti), expiresIn: EXPIRES_IN };
  }

  async revoke(refreshToken: string) {
    await io();
    this.refreshTokens.delete(refreshToken);
  }

  async createAccount(username: string, password: string, _contact: ContactKind) {
    await io();
    if (this.users.has(username)) throw usernameTaken();
    const problem = passwordProblem(password);
    if (problem) throw weakPassword(problem);
    this.users.set(username, { username, password, groups: [], sub: randomUUID(), status: 'unconfirmed' });
  }

  async deleteUnconfirmed(username: string) {
    await io();
    if (this.users.get(username)?.status === 'unconfirmed') this.users.delete(username);
  }

  async accountStatus(username: string) {
    await io();
    return this.users.get(username)?.status ?? null;
  }

  async confirmAccount(username: string, _contact: ContactKind) {
    await io();
    const user = this.users.get(username);
    if (!user || user.status !== 'unconfirmed') throw invalidCredentials();
    user.status = 'confirmed';
    user.groups = ['applicant'];
  }

  async setPassword(username: string, password: string) {
    await io();
    const user = this.users.get(username);
    if (!user) throw invalidCredentials();
    const problem = passwordProblem(password);
    if (problem) throw weakPassword(problem);
    user.password = password;
  }

  async verifyAccessToken(token: string) {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.secret, {
        issuer: this.issuer, algorithms: ['HS256'], requiredClaims: REQUIRED_CLAIMS, currentDate: this.now(),
      }));
    } catch (err) {
      if (err instanceof joseErrors.JOSEError) throw sessionInvalid();
      throw err;
    }
    return accessClaims(payload, this.clientId);
  }

  async ping() {}
}
