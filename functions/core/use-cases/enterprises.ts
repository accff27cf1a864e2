/**
 * Enterprise verification (KYB, DESIGN.md §7.1): the registry confirms the enterprise is in operation and names
 * its legal representative; the account gives the representative's name and ID number; the bank sends a
 * micro-deposit with a memo to the enterprise's basic account, and the account types both back. Only then is
 * the account bound to the enterprise, as its one owner; the owner invites members.
 */
import { randomInt } from 'node:crypto';
import { conflict, DomainError, forbidden, invalid } from '../../../shared/errors.js';
import { enterpriseProfile, legalRepresentativeMatches } from '../../../shared/enterprise.js';
import type { ClaimEnterpriseInput, ConfirmDepositInput } from '../../../shared/schemas/enterprise.js';
import { CREDIT_CODE_CHARSET, validateCreditCode } from '../../../shared/credit-code.js';
import { requireApplicant } from '../access.js';
import type { Deps, EnterpriseBinding, Principal } from '../ports.js';

export const DEPOSIT_MAX_ATTEMPTS = 3;
export const DEPOSIT_TTL_MS = 48 * 3600_000;
/** Wrong legal representatives an account may give for one enterprise in a day before it must wait. */
export const MISMATCH_LIMIT = 5;
export const MISMATCH_WINDOW_MS = 24 * 3600_000;
/** Letters and digits a person cannot confuse (the credit-code alphabet without 0 and 1). */
const MEMO_CHARS = CREDIT_CODE_CHARSET.slice(2);

/** Every limit is keyed on one normalised identity. */
export const normaliseUsername = (username: string) => username.trim().toLowerCase();

const notFoundInRegistry = () => new DomainError('enterprise-not-found', 'The enterprise registry has no enterprise with that credit code.', 404, {
  creditCode: 'Not in the enterprise registry: check the code on the business licence.',
});

async function facts(deps: Deps, creditCode: string) {
  const found = await deps.registry.lookup(creditCode);
  if (!found) throw notFoundInRegistry();
  return found;
}

function memo() {
  let s = '';
  for (let i = 0; i < 6; i++) s += MEMO_CHARS[randomInt(MEMO_CHARS.length)];
  return s;
}

export async function startVerification(deps: Deps, p: Principal, input: ClaimEnterpriseInput) {
  requireApplicant(p);
  const username = normaliseUsername(p.username);
  const f = await facts(deps, input.creditCode);
  if (f.status !== 'in-operation') {
    const what = f.status === 'revoked' ? 'had its business licence revoked' : 'been deregistered';
    throw invalid(`The registry says this enterprise has ${what} (${f.status}); only enterprises in operation can apply.`, { creditCode: `Registry status: ${f.status}.` }, 'enterprise-not-in-operation');
  }
  const now = deps.clock.now();
  const tooMany = () => new DomainError('too-many-attempts', `The legal representative did not match ${MISMATCH_LIMIT} times within a day; try again tomorrow.`, 429, { legalRepresentative: 'Too many attempts.' });
  if (await deps.enterprises.mismatches(f.creditCode, username, now.toISOString(), MISMATCH_WINDOW_MS) >= MISMATCH_LIMIT) throw tooMany();
  if (!legalRepresentativeMatches(f, input.legalRepresentative)) {
    const count = await deps.enterprises.recordMismatch(f.creditCode, username, now.toISOString(), MISMATCH_WINDOW_MS, MISMATCH_LIMIT);
    if (count === null) throw tooMany();
    const left = MISMATCH_LIMIT - count;
    throw new DomainError('legal-representative-mismatch', `The legal representative's name and ID number do not match the registry; ${left} attempt${left === 1 ? '' : 's'} left today.`, 422, {
      'legalRepresentative.name': 'Does not match the registry together with the ID number.',
      'legalRepresentative.idNumber': 'Does not match the registry together with the name.',
    }, { attemptsLeft: left });
  }
  // Answered as verified only for the legal representative that was verified: asking again with another one
  // is a mismatch like any other, never a confirmation of it.
  const mine = await deps.enterprises.binding(f.creditCode, username);
  if (mine) return { creditCode: f.creditCode, name: f.name, status: 'verified' as const, replayed: true };
  const owner = await deps.enterprises.owner(f.creditCode);
  if (owner) {
    throw conflict('enterprise-already-claimed', 'Another account has already verified this enterprise; ask its owner to invite you as a member.');
  }

  // A deposit still open is answered again rather than sent again: a new one only after 3 wrong tries or 48 hours.
  const open = await deps.enterprises.getChallenge(f.creditCode, username);
  if (open && open.status === 'pending' && open.attempts < DEPOSIT_MAX_ATTEMPTS && now.toISOString() < open.expiresAt) {
    return { creditCode: f.creditCode, name: f.name, status: 'deposit-sent' as const, deposit: { expiresAt: open.expiresAt }, replayed: false };
  }

  const challenge = {
    creditCode: f.creditCode, username, name: f.name, amount: randomInt(1, 100), memo: memo(), attempts: 0,
    createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + DEPOSIT_TTL_MS).toISOString(), status: 'pending' as const,
  };
  // The deposit first: a challenge without one could never be answered, a deposit without a challenge is only a few fen.
  await deps.coreBanking.post({
    creditCode: f.creditCode, amount: challenge.amount, direction: 'credit', memo: challenge.memo,
    reference: `kyb-deposit:${username}:${deps.newId()}`,
  });
  await deps.enterprises.putChallenge(challenge);
  return { creditCode: f.creditCode, name: f.name, status: 'deposit-sent' as const, deposit: { expiresAt: challenge.expiresAt }, replayed: false };
}

const expired = () => conflict('deposit-expired', 'This deposit can no longer be confirmed (3 wrong tries or 48 hours): ask for a new one with POST /api/enterprises.');

export async function confirmDeposit(deps: Deps, p: Principal, creditCode: string, input: ConfirmDepositInput) {
  requireApplicant(p);
  const username = normaliseUsername(p.username);
  const code = normaliseCode(creditCode);
  const challenge = await deps.enterprises.getChallenge(code, username);
  if (challenge?.status === 'verified' && await deps.enterprises.binding(code, username)) return { status: 'verified' as const };
  const now = deps.clock.now().toISOString();
  if (!challenge || challenge.status !== 'pending' || challenge.attempts >= DEPOSIT_MAX_ATTEMPTS || now >= challenge.expiresAt) throw expired();

  const memoGiven = input.memo;
  if (input.amount === challenge.amount && memoGiven === challenge.memo) {
    const result = await deps.enterprises.claim(code, username, now, DEPOSIT_MAX_ATTEMPTS);
    if (result === 'verified') return { status: 'verified' as const };
    if (result === 'claimed-by-another') {
      throw conflict('enterprise-already-claimed', 'Another account verified this enterprise first; ask its owner to invite you as a member.');
    }
    throw expired();
  }
  const attempts = await deps.enterprises.recordWrongAnswer(code, username, now, DEPOSIT_MAX_ATTEMPTS);
  if (attempts === null) throw expired();
  const left = DEPOSIT_MAX_ATTEMPTS - attempts;
  const fields: Record<string, string> = {};
  if (input.amount !== challenge.amount) fields.amount = 'Does not match the deposit.';
  if (memoGiven !== challenge.memo) fields.memo = 'Does not match the deposit.';
  throw new DomainError('deposit-mismatch', left > 0
    ? `The amount or memo does not match the deposit; ${left} attempt${left === 1 ? '' : 's'} left.`
    : 'The amount or memo does not match the deposit, and no attempts are left: ask for a new deposit with POST /api/enterprises.', 422, fields, { attemptsLeft: left });
}

function normaliseCode(creditCode: string) {
  const code = creditCode.trim().toUpperCase();
  const check = validateCreditCode(code);
  if (!check.ok) throw invalid(check.message, { creditCode: check.message });
  return code;
}

export async function listEnterprises(deps: Deps, p: Principal) {
  const all = await deps.enterprises.listForAccount(normaliseUsername(p.username));
  // A deposit pending for an enterprise someone else has since verified can never be confirmed: leave it out.
  const owned = await deps.enterprises.claimed(all.filter((e) => e.status === 'deposit-sent').map((e) => e.creditCode));
  const list = all.filter((e) => e.status !== 'deposit-sent' || !owned.has(e.creditCode));
  return list.map(({ creditCode, name, role, status }) => ({ creditCode, name, role, status }));
}

/** The caller's verified binding, or 403 enterprise-not-verified (the same for an enterprise that does not exist). */
export async function requireVerified(deps: Deps, p: Principal, creditCode: string, field = 'creditCode'): Promise<EnterpriseBinding> {
  const binding = await deps.enterprises.binding(creditCode.trim().toUpperCase(), normaliseUsername(p.username));
  if (!binding) {
    throw new DomainError('enterprise-not-verified', 'Verify that you represent this enterprise first (POST /api/enterprises), or ask its owner to invite you.', 403, {
      [field]: 'Not verified for this account.',
    });
  }
  return binding;
}

export async function getProfile(deps: Deps, p: Principal, creditCode: string) {
  const code = normaliseCode(creditCode);
  await requireVerified(deps, p, code);
  return enterpriseProfile(await facts(deps, code));
}

export async function inviteMember(deps: Deps, p: Principal, creditCode: string, input: { username: string }) {
  const code = normaliseCode(creditCode);
  const owner = await deps.enterprises.owner(code);
  const me = normaliseUsername(p.username);
  if (!owner || owner.username !== me) {
    await requireVerified(deps, p, code);
    throw forbidden("Only the enterprise's owner can invite members.", { why: 'owner-only' });
  }
  const username = normaliseUsername(input.username);
  // Only a real, confirmed account can act for the enterprise: a typo must not leave a binding nobody can use.
  if ((await deps.auth.accountStatus(username)) !== 'confirmed') {
    const message = `No Kedai account is registered as ${username}: ask them to sign up (and confirm the code) first, then invite them.`;
    throw new DomainError('account-not-found', message, 422, { username: message });
  }
  const added = await deps.enterprises.addMember({ creditCode: code, name: owner.name, username, role: 'member', since: deps.clock.now().toISOString() });
  if (!added) throw conflict('already-member', `${username} already acts for this enterprise.`);
  await deps.notifier.send(username, {
    kind: 'enterprise-invitation',
    subject: `科贷：您已被邀请代表${owner.name} / Kedai: you can now act for ${owner.name}`,
    body: `${owner.username} 已邀请您代表 ${owner.name}（${code}）在科贷申请贷款。\n${owner.username} has invited you to apply on Kedai for ${owner.name} (${code}).`,
  });
  return { creditCode: code, username, role: 'member' as const };
}

/** Local demo data: binds an account to an enterprise as its verified owner, without the deposit round. */
export async function seedVerifiedOwner(deps: Deps, username: string, creditCode: string) {
  const f = await facts(deps, creditCode);
  const ok = await deps.enterprises.seedOwner({ creditCode: f.creditCode, name: f.name, username: normaliseUsername(username), role: 'owner', since: deps.clock.now().toISOString() });
  return ok ? f : null;
}
