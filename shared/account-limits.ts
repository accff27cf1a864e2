/**
 * The account limits (DESIGN.md §7.1), apart from shared/accounts.ts and its zod schemas: the SPA's session code
 * reads the idle timeout on every page, and importing it from there would put zod into the first load.
 */
export const ACCOUNT_LIMITS = {
  /** A code lives this long. */
  codeTtlMs: 15 * 60_000,
  /** Wrong codes before the code is spent and a new one must be asked for. */
  codeAttempts: 5,
  /** Codes sent to one username per window (sign-up and reset together). */
  codeSends: 5,
  codeSendWindowMs: 60 * 60_000,
  /** Sign-in attempts per username per window. */
  signInAttempts: 10,
  signInWindowMs: 5 * 60_000,
  /** A session unused this long is over: the refresh token no longer refreshes. */
  idleTimeoutMs: 30 * 60_000,
  /** The longest a session lives, used or not (the refresh token's validity in the user pool). */
  sessionMaxMs: 12 * 60 * 60_000,
} as const;
