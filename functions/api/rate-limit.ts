/**
 * Fixed-window limits per key, in memory: one Lambda instance or the local process. Enough to slow
 * guessing of passwords and one-time codes; API Gateway throttling bounds the whole API in AWS.
 */
import { DomainError } from '../../shared/errors.js';

export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly limit: number, private readonly windowMs: number, private readonly what: string) {}

  hit(key: string, now = Date.now()) {
    const w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      this.windows.set(key, { start: now, count: 1 });
      if (this.windows.size > 10_000) this.sweep(now);
      return;
    }
    w.count++;
    if (w.count > this.limit) {
      const wait = Math.ceil((w.start + this.windowMs - now) / 1000);
      throw new DomainError('rate-limited', `Too many ${this.what}; try again in ${wait} s.`, 429);
    }
  }

  reset(key: string) {
    this.windows.delete(key);
  }

  private sweep(now: number) {
    for (const [k, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(k);
  }
}

// Sign-in and account codes are limited per username in the table (functions/core/use-cases/accounts.ts), across instances.

/** Per user, across applications: bounds how many signing codes one account can ask for. */
export const otpLimiter = new RateLimiter(10, 15 * 60_000, 'code requests');

/**
 * Per user: upload slots, so a runaway client cannot flood storage. Generous because one enterprise account may
 * file many applications in a session; each application is also capped at 30 documents of at most 20 MiB.
 */
export const uploadLimiter = new RateLimiter(600, 10 * 60_000, 'upload requests');
