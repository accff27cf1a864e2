/**
 * Account codes, attempt windows and sessions in memory. Each method reads and writes in one synchronous step
 * after its simulated I/O turn, as the table's conditional writes do, so concurrent callers see the same limits.
 */
import type { CodePurpose } from '../../../shared/accounts.js';
import type { AccountStore, SessionToken } from '../../core/ports.js';
import { io } from './copy.js';

export class MemoryAccountStore implements AccountStore {
  private readonly codes = new Map<string, { hash: string; expiresAt: string; attempts: number }>();
  private readonly windows = new Map<string, number>();
  private readonly sessions = new Map<string, { username: string; lastSeen: string; expiresAt: string; tokens: Map<string, number> }>();
  /** Revoked access-token id → its expiry (epoch seconds). */
  private readonly revoked = new Map<string, number>();

  async issueCode(username: string, purpose: CodePurpose, code: { hash: string; expiresAt: string }) {
    await io();
    this.codes.set(`${username}\n${purpose}`, { ...code, attempts: 0 });
  }

  async spendAttempt(username: string, purpose: CodePurpose, max: number) {
    await io();
    const code = this.codes.get(`${username}\n${purpose}`);
    if (!code) return null;
    if (code.attempts >= max) return 'locked' as const;
    code.attempts++;
    return { ...code };
  }

  async consumeCode(username: string, purpose: CodePurpose, hash: string) {
    await io();
    const key = `${username}\n${purpose}`;
    if (this.codes.get(key)?.hash !== hash) return false;
    this.codes.delete(key);
    return true;
  }

  async hit(key: string, limit: number, windowMs: number, now: Date) {
    await io();
    const start = Math.floor(now.getTime() / windowMs) * windowMs;
    const id = `${key}\n${start}`;
    const count = this.windows.get(id) ?? 0;
    const retryAfterSeconds = Math.ceil((start + windowMs - now.getTime()) / 1000);
    if (count >= limit) return { allowed: false, retryAfterSeconds };
    this.windows.set(id, count + 1);
    return { allowed: true, retryAfterSeconds };
  }

  async clearHits(key: string, windowMs: number, now: Date) {
    await io();
    this.windows.delete(`${key}\n${Math.floor(now.getTime() / windowMs) * windowMs}`);
  }

  async openSession(id: string, s: { username: string; at: string; expiresAt: string; token: SessionToken }) {
    await io();
    this.sessions.set(id, { username: s.username, lastSeen: s.at, expiresAt: s.expiresAt, tokens: new Map([[s.token.id, s.token.expiresAt]]) });
  }

  async addSessionToken(id: string, token: SessionToken) {
    await io();
    const s = this.sessions.get(id);
    if (!s) return false;
    s.tokens.set(token.id, Math.max(token.expiresAt, s.tokens.get(token.id) ?? 0));
    return true;
  }

  async touchSession(id: string, now: string, idleSince: string) {
    await io();
    const s = this.sessions.get(id);
    if (!s || s.expiresAt <= now) return 'unknown' as const;
    if (s.lastSeen < idleSince) return 'idle' as const;
    s.lastSeen = now;
    return 'active' as const;
  }

  async closeSession(id: string) {
    await io();
    const s = this.sessions.get(id);
    this.sessions.delete(id);
    return s ? [...s.tokens].map(([tokenId, expiresAt]) => ({ id: tokenId, expiresAt })) : [];
  }

  async revokeTokens(tokens: SessionToken[]) {
    await io();
    for (const t of tokens) this.revoked.set(t.id, Math.max(t.expiresAt, this.revoked.get(t.id) ?? 0));
  }

  async isTokenRevoked(tokenId: string) {
    await io();
    return this.revoked.has(tokenId);
  }
}
