/**
 * Accounts (DESIGN.md §7.1): who may sign up, what a password must hold, the one-time code and the limits.
 * The API parses with these schemas and the sign-up pages validate with them, so both say the same thing.
 */
import * as z from 'zod';
import { DomainError } from './errors.js';
import { ACCOUNT_LIMITS } from './account-limits.js';

/** A mainland mobile number in E.164: +86, then 1 and ten digits. */
export const MOBILE_PATTERN = /^\+861\d{10}$/;
/** Deliberately plain: the address is proved by the code sent to it, not by the pattern. */
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The one identity every limit and lookup is keyed on: trimmed and lower-case; a mobile number typed with
 * spaces or dashes, or without +86, becomes its E.164 form, so `138 0000 0000` and `+8613800000000` are one account.
 */
export function normaliseUsername(raw: string): string {
  const trimmed = raw.trim().toLowerCase();
  const digits = trimmed.replace(/[\s-]/g, '');
  if (/^1\d{10}$/.test(digits)) return `+86${digits}`;
  if (/^(\+|00)?861\d{10}$/.test(digits)) return `+86${digits.slice(-11)}`;
  return trimmed;
}

export type ContactKind = 'mobile' | 'email';
export const contactKind = (username: string): ContactKind => (MOBILE_PATTERN.test(username) ? 'mobile' : 'email');

export const usernameSchema = z.string({ error: 'Enter a mobile number or an e-mail address.' })
  .max(254, 'Keep the e-mail address within 254 characters.')
  .transform(normaliseUsername)
  .refine((u) => u.length > 0, 'Enter a mobile number or an e-mail address.')
  .refine((u) => MOBILE_PATTERN.test(u) || (EMAIL_PATTERN.test(u) && !u.startsWith('+')),
    'Enter a mainland mobile number (+86 1XX XXXX XXXX) or an e-mail address.');

/** The user pool's policy (infra/stacks/stateful-stack.ts and the local pool), checked first so the answer names the rule. */
export const PASSWORD_RULES: { test: (p: string) => boolean; message: string }[] = [
  { test: (p) => p.length >= 12, message: 'The password needs at least 12 characters.' },
  { test: (p) => p.length <= 128, message: 'Keep the password within 128 characters.' },
  { test: (p) => /[a-z]/.test(p), message: 'The password needs a lower-case letter.' },
  { test: (p) => /[A-Z]/.test(p), message: 'The password needs an upper-case letter.' },
  { test: (p) => /\d/.test(p), message: 'The password needs a digit.' },
  { test: (p) => /[^A-Za-z0-9\s]/.test(p), message: 'The password needs a symbol such as ! or #.' },
  { test: (p) => !/^\s|\s$/.test(p), message: 'The password cannot start or end with a space.' },
];

/** The first rule the password breaks, or null when it meets them all. */
export function passwordProblem(password: string): string | null {
  return PASSWORD_RULES.find((r) => !r.test(password))?.message ?? null;
}

const passwordField = z.string({ error: 'Enter a password.' }).max(256, 'Keep the password within 128 characters.');
export const codeField = z.string({ error: 'Enter the 6-digit code.' }).trim().regex(/^\d{6}$/, 'The code is 6 digits.');

export const signUpSchema = z.object({ username: usernameSchema, password: passwordField }).strict();
export const confirmSignUpSchema = z.object({ username: usernameSchema, code: codeField }).strict();
export const forgotPasswordSchema = z.object({ username: usernameSchema }).strict();
export const resetPasswordSchema = z.object({ username: usernameSchema, code: codeField, password: passwordField }).strict();

export type CodePurpose = 'sign-up' | 'reset-password';

// Re-exported: the limits live in a zod-free module, so the SPA's first load can read them without zod.
export { ACCOUNT_LIMITS } from './account-limits.js';

/** The message each code goes out in, both languages in one, so it reads right whichever the recipient uses. */
export function accountCodeMessage(purpose: CodePurpose, code: string): { kind: string; subject: string; body: string } {
  const minutes = ACCOUNT_LIMITS.codeTtlMs / 60_000;
  if (purpose === 'sign-up') {
    return {
      kind: 'sign-up-code',
      subject: '科贷注册验证码 / Kedai sign-up code',
      body: `您的科贷注册验证码为 ${code}，${minutes}分钟内有效，请勿告知他人。Your Kedai sign-up code is ${code}; it expires in ${minutes} minutes. Do not share it.`,
    };
  }
  return {
    kind: 'reset-password-code',
    subject: '科贷重置密码验证码 / Kedai password reset code',
    body: `您正在重置科贷密码，验证码为 ${code}，${minutes}分钟内有效。如非本人操作请忽略。Your Kedai password reset code is ${code}; it expires in ${minutes} minutes. If you did not ask for it, ignore this message.`,
  };
}

export const usernameTaken = () =>
  new DomainError('username-taken', 'An account with this username exists already: sign in, or reset the password.', 409, { username: 'This username is taken.' });
export const weakPassword = (rule: string) => new DomainError('weak-password', rule, 422, { password: rule });
export const codeInvalid = (left: number) => {
  const message = left > 0 ? `Wrong code; ${left} attempt(s) left.` : 'Wrong code; no attempts left: ask for a new code.';
  return new DomainError('code-invalid', message, 422, { code: message });
};
export const codeExpired = () =>
  new DomainError('code-expired', 'This code is used up or has expired: ask for a new code.', 409, { code: 'Ask for a new code.' });
