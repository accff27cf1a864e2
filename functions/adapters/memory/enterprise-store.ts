/**
 * The enterprise store in memory. Each method checks and writes with no await in between, which is what the
 * DynamoDB adapter's conditional writes and transaction give: racing requests see one winner.
 */
import type { ClaimResult, DepositChallenge, EnterpriseBinding, EnterpriseStore } from '../../core/ports.js';
import { io, stored } from './copy.js';

const key = (creditCode: string, username: string) => `${creditCode}|${username}`;
const open = (c: DepositChallenge | undefined, now: string, max: number): c is DepositChallenge =>
  !!c && c.status === 'pending' && c.attempts < max && now < c.expiresAt;

export class MemoryEnterpriseStore implements EnterpriseStore {
  private readonly challenges = new Map<string, DepositChallenge>();
  private readonly owners = new Map<string, EnterpriseBinding>();
  private readonly members = new Map<string, EnterpriseBinding>();
  private readonly mismatches_ = new Map<string, { count: number; since: string }>();

  async putChallenge(challenge: DepositChallenge) {
    await io();
    this.challenges.set(key(challenge.creditCode, challenge.username), stored(challenge));
  }

  async getChallenge(creditCode: string, username: string) {
    await io();
    const c = this.challenges.get(key(creditCode, username));
    return c ? stored(c) : null;
  }

  async recordWrongAnswer(creditCode: string, username: string, now: string, maxAttempts: number) {
    await io();
    const c = this.challenges.get(key(creditCode, username));
    if (!open(c, now, maxAttempts)) return null;
    c.attempts += 1;
    return c.attempts;
  }

  async claim(creditCode: string, username: string, now: string, maxAttempts: number): Promise<ClaimResult> {
    await io();
    const c = this.challenges.get(key(creditCode, username));
    if (!open(c, now, maxAttempts)) return 'closed';
    if (this.owners.has(creditCode)) return 'claimed-by-another';
    c.status = 'verified';
    this.owners.set(creditCode, { creditCode, name: c.name, username, role: 'owner', since: now });
    return 'verified';
  }

  async recordMismatch(creditCode: string, username: string, now: string, windowMs: number, max: number) {
    await io();
    const k = key(creditCode, username);
    const prior = this.mismatches_.get(k);
    const fresh = !prior || Date.parse(now) - Date.parse(prior.since) >= windowMs;
    if (!fresh && prior.count >= max) return null;
    const next = fresh ? { count: 1, since: now } : { ...prior, count: prior.count + 1 };
    this.mismatches_.set(k, next);
    return next.count;
  }

  async mismatches(creditCode: string, username: string, now: string, windowMs: number) {
    await io();
    const prior = this.mismatches_.get(key(creditCode, username));
    return prior && Date.parse(now) - Date.parse(prior.since) < windowMs ? prior.count : 0;
  }

  async owner(creditCode: string) {
    await io();
    const o = this.owners.get(creditCode);
    return o ? stored(o) : null;
  }

  async claimed(creditCodes: string[]) {
    await io();
    return new Set(creditCodes.filter((c) => this.owners.has(c)));
  }

  async binding(creditCode: string, username: string) {
    await io();
    const o = this.owners.get(creditCode);
    if (o?.username === username) return stored(o);
    const m = this.members.get(key(creditCode, username));
    return m ? stored(m) : null;
  }

  async addMember(binding: EnterpriseBinding) {
    await io();
    const k = key(binding.creditCode, binding.username);
    if (this.members.has(k) || this.owners.get(binding.creditCode)?.username === binding.username) return false;
    this.members.set(k, stored({ ...binding, role: 'member' as const }));
    return true;
  }

  async listForAccount(username: string) {
    await io();
    const bound = [...this.owners.values(), ...this.members.values()].filter((b) => b.username === username);
    const codes = new Set(bound.map((b) => b.creditCode));
    const pending = [...this.challenges.values()]
      .filter((c) => c.username === username && c.status === 'pending' && !codes.has(c.creditCode))
      .map((c) => ({ creditCode: c.creditCode, name: c.name, username, role: 'owner' as const, since: c.createdAt, status: 'deposit-sent' as const }));
    return [...bound.map((b) => ({ ...stored(b), status: 'verified' as const })), ...pending]
      .sort((a, b) => (a.creditCode < b.creditCode ? -1 : 1));
  }

  async seedOwner(binding: EnterpriseBinding) {
    await io();
    const prior = this.owners.get(binding.creditCode);
    if (prior) return prior.username === binding.username;
    this.owners.set(binding.creditCode, stored({ ...binding, role: 'owner' as const }));
    return true;
  }
}
