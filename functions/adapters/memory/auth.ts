/**
 * The auth port in memory: signs in against a user list and issues Cognito-shaped access tokens (sub, username,
 * cognito:groups, token_use, client_id, one hour) that only this instance verifies. Refusals are CognitoAuth's:
 * invalid-credentials for a wrong password or an unknown user, unauthenticated for a forged, foreign or expired token.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type { AuthPort } from '../../core/ports.js';
import { accessClaims, invalidCredentials, normaliseUsername, REQUIRED_CLAIMS, sessionInvalid } from '../access-token.js';

export interface MemoryUser {
  username: string;
  password: string;
  groups: string[];
}

const EXPIRES_IN = 3600;

export class MemoryAuth implements AuthPort {
  private readonly users = new Map<string, MemoryUser & { sub: string }>();
  private readonly secret = randomBytes(32);
  private readonly issuer = `memory://auth/${randomUUID()}`;

  constructor(users: MemoryUser[], private readonly opts: { clientId?: string; now?: () => Date } = {}) {
    for (const u of users) this.users.set(normaliseUsername(u.username), { ...u, username: normaliseUsername(u.username), sub: randomUUID() });
  }

  private get clientId() { return this.opts.clientId ?? 'memory-client'; }
  private now() { return this.opts.now?.() ?? new Date(); }

  async signIn(username: string, password: string) {
    const user = this.users.get(normaliseUsername(username));
    if (!user || user.password !== password) throw invalidCredentials();
    const iat = Math.floor(this.now().getTime() / 1000);
    const accessToken = await new SignJWT({
      token_use: 'access', client_id: this.clientId, username: user.username, 'cognito:groups': user.groups,
    }).setProtectedHeader({ alg: 'HS256' }).setSubject(user.sub).setIssuer(this.issuer).setIssuedAt(iat).setExpirationTime(iat + EXPIRES_IN).sign(this.secret);
    return { accessToken, expiresIn: EXPIRES_IN };
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
