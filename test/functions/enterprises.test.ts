/**
 * Enterprise verification (DESIGN.md §7.1) on the in-memory adapters: registry lookup, legal representative,
 * micro-deposit typed back, attempts and expiry under concurrent requests, one owner, members, and the
 * applications that follow from it.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateCreditCode } from '../../shared/credit-code.js';
import { idNumberCheckChar } from '../../shared/id-number.js';
import {
  applyAndSubmit, profileApplication, useMemoryApp, verifyEnterprise, waitForDecision, type Api,
} from '../support/memory-app.js';

const api = useMemoryApp();
const A = 'applicant@demo.kedai';
const B = 'applicant2@demo.kedai';

type Firm = { creditCode: string; name: string; division: string; kind: string; legalRepresentative: { name: string; idNumber: string } };

/** Unclaimed firms of a kind, none handed out twice in this file. */
const handed = new Set<string>();
async function firm(kind = 'strong', division = '410100'): Promise<Firm> {
  const res = await api.call('GET', `/api/dev/enterprises?division=${division}&kind=${kind}&unclaimed=true&limit=200`);
  expect(res.status).toBe(200);
  const f = (res.body as Firm[]).find((e) => !handed.has(e.creditCode))!;
  handed.add(f.creditCode);
  return f;
}
const start = async (token: string, f: Firm, rep = f.legalRepresentative) =>
  api.call('POST', '/api/enterprises', { token, body: { creditCode: f.creditCode, legalRepresentative: rep } });
const confirm = async (token: string, code: string, { amount, memo }: { amount: number; memo: string }) =>
  api.call('POST', `/api/enterprises/${code}/confirm-deposit`, { token, body: { amount, memo } });
async function deposit(code: string) {
  const res = await api.call('GET', `/api/dev/bank-statement?creditCode=${code}`);
  expect(res.status).toBe(200);
  return res.body[0] as { at: string; amount: number; memo: string; direction: string; balance: number };
}
const wrong = (d: { amount: number; memo: string }) => ({ amount: (d.amount % 99) + 1, memo: d.memo });
const createApp = (token: string, body: unknown) => api.call('POST', '/api/applications', { token, body, headers: { 'Idempotency-Key': randomUUID() } });

describe('starting a verification', () => {
  it('answers 404 enterprise-not-found for a valid code the registry does not have', async () => {
    const id17 = '11010119900307001';
    const res = await start(await api.token(A), { creditCode: generateCreditCode(Math.random, '410100'), legalRepresentative: { name: '张三', idNumber: id17 + idNumberCheckChar(id17) } } as Firm);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('enterprise-not-found');
    expect(res.body.error.fields.creditCode).toBeTruthy();
  });

  it('refuses a revoked or cancelled enterprise with 422 enterprise-not-in-operation', async () => {
    const f = await firm('revoked');
    const res = await start(await api.token(A), f);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('enterprise-not-in-operation');
    expect(res.body.error.message).toMatch(/revoked|cancelled/);
  });

  it('refuses an ID number with a wrong check digit, naming the field, before asking the registry', async () => {
    const f = await firm();
    const id = f.legalRepresentative.idNumber;
    const other = '0123456789X'.replace(id[17], '')[0];
    const res = await start(await api.token(A), f, { name: f.legalRepresentative.name, idNumber: id.slice(0, 17) + other });
    expect(res.status).toBe(422);
    expect(res.body.error.fields['legalRepresentative.idNumber']).toMatch(/does not match/);
  });

  it('refuses a legal representative the registry does not name with 422 and attempts left, then 429 after five', async () => {
    const f = await firm();
    const token = await api.token(A);
    const id17 = `410105198001010${String(Math.floor(Math.random() * 90) + 10)}`;
    const someoneElse = { name: '李四', idNumber: id17 + idNumberCheckChar(id17) };
    const lefts: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await start(token, f, i % 2 ? someoneElse : { ...f.legalRepresentative, name: '李四' });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('legal-representative-mismatch');
      expect(res.body.error.fields['legalRepresentative.name']).toBeTruthy();
      lefts.push(res.body.error.attemptsLeft);
    }
    expect(lefts).toEqual([4, 3, 2, 1, 0]);
    // Now even the right one waits: guessing has to stop somewhere.
    const limited = await start(token, f);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('too-many-attempts');
    // The other account's limit is its own.
    expect((await start(await api.token(B), f)).status).toBe(201);
  });
});

describe('the micro-deposit', () => {
  it('sends 1–99 fen with a 6-character memo, and binds the account once both are typed back', async () => {
    const f = await firm();
    const token = await api.token(A);
    const started = await start(token, f);
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ creditCode: f.creditCode, name: f.name, status: 'deposit-sent' });
    const hours = (Date.parse(started.body.deposit.expiresAt) - Date.now()) / 3600_000;
    expect(hours).toBeGreaterThan(47.9);
    expect(hours).toBeLessThanOrEqual(48);
    const d = await deposit(f.creditCode);
    expect(d).toMatchObject({ direction: 'credit', balance: d.amount });
    expect(d.amount).toBeGreaterThanOrEqual(1);
    expect(d.amount).toBeLessThanOrEqual(99);
    expect(d.memo).toMatch(/^[0-9A-Z]{6}$/);
    expect((await api.call('GET', '/api/enterprises', { token })).body).toContainEqual({ creditCode: f.creditCode, name: f.name, role: 'owner', status: 'deposit-sent' });
    // Asking again while the deposit is open sends no second one.
    const again = await start(token, f);
    expect(again.status).toBe(201);
    expect(again.body.deposit.expiresAt).toBe(started.body.deposit.expiresAt);
    expect((await api.call('GET', `/api/dev/bank-statement?creditCode=${f.creditCode}`)).body).toHaveLength(1);
    // Not yet verified: no profile, no application.
    expect((await api.call('GET', `/api/enterprises/${f.creditCode}/profile`, { token })).status).toBe(403);

    const bad = await confirm(token, f.creditCode, wrong(d));
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatchObject({ code: 'deposit-mismatch', attemptsLeft: 2, fields: { amount: expect.any(String) } });
    expect(bad.body.error.message).toMatch(/2 attempts left/);
    const ok = await confirm(token, f.creditCode, { amount: d.amount, memo: d.memo.toLowerCase() });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ status: 'verified' });
    expect((await api.call('GET', '/api/enterprises', { token })).body).toContainEqual({ creditCode: f.creditCode, name: f.name, role: 'owner', status: 'verified' });
    // Asking again once verified changes nothing and sends no second deposit.
    expect((await start(token, f)).body.status).toBe('verified');
    expect((await api.call('GET', `/api/dev/bank-statement?creditCode=${f.creditCode}`)).body).toHaveLength(1);
  });

  it('closes the deposit after three wrong tries with 409 deposit-expired, even for the right answer; a new request starts afresh', async () => {
    const f = await firm();
    const token = await api.token(A);
    await start(token, f);
    const d = await deposit(f.creditCode);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await confirm(token, f.creditCode, wrong(d))).body.error.attemptsLeft);
    expect(statuses).toEqual([2, 1, 0]);
    const late = await confirm(token, f.creditCode, d);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('deposit-expired');
    expect((await api.call('GET', `/api/enterprises/${f.creditCode}/profile`, { token })).status).toBe(403);

    expect((await start(token, f)).status).toBe(201);
    const second = await deposit(f.creditCode);
    expect(second.balance).toBe(d.amount + second.amount);
    expect((await confirm(token, f.creditCode, second)).status).toBe(200);
  });

  it('expires after 48 hours', async () => {
    const f = await firm();
    const token = await api.token(A);
    await start(token, f);
    const d = await deposit(f.creditCode);
    const clock = api.stack.wired.memory!.clock;
    const wait = 48 * 3600_000 + 1000;
    clock.advance(wait);
    // The session outlives nothing of this; sign in again on the later clock.
    const later = await api.call('POST', '/api/auth/sign-in', { body: { username: A, password: 'Kedai-demo-2026!' } });
    const res = await confirm(later.body.accessToken, f.creditCode, d);
    clock.advance(-wait);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('deposit-expired');
  });

  it('never counts more than three wrong answers when ten arrive at once', async () => {
    const f = await firm();
    const token = await api.token(A);
    await start(token, f);
    const d = await deposit(f.creditCode);
    const results = await Promise.all(Array.from({ length: 10 }, () => confirm(token, f.creditCode, wrong(d))));
    expect(results.filter((r) => r.status === 422)).toHaveLength(3);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.error.code === 'deposit-expired')).toBe(true);
    expect(results.filter((r) => r.status === 409)).toHaveLength(7);
    expect((await confirm(token, f.creditCode, d)).status).toBe(409);
  });

  it('confirms without a deposit asked for as 409 deposit-expired', async () => {
    const f = await firm();
    const res = await confirm(await api.token(A), f.creditCode, { amount: 12, memo: 'ABCDEF' });
    expect(res.status).toBe(409);
  });

  it('validates the confirmation body: 1–99 fen and a 6-character memo', async () => {
    const token = await api.token(A);
    const f = await firm();
    for (const body of [{ amount: 0, memo: 'ABCDEF' }, { amount: 100, memo: 'ABCDEF' }, { amount: 5.5, memo: 'ABCDEF' }, { amount: 5, memo: 'ABC' }, { amount: 5 }]) {
      const res = await api.call('POST', `/api/enterprises/${f.creditCode}/confirm-deposit`, { token, body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.error.code).toBe('validation-failed');
    }
  });
});

describe('one owner', () => {
  it('lets exactly one of two accounts racing to confirm own the enterprise; the other is 409 and left unbound', async () => {
    const f = await firm();
    const [ta, tb] = [await api.token(A), await api.token(B)];
    expect((await start(ta, f)).status).toBe(201);
    const da = await deposit(f.creditCode);
    expect((await start(tb, f)).status).toBe(201);
    const db = await deposit(f.creditCode);
    const [ra, rb] = await Promise.all([confirm(ta, f.creditCode, da), confirm(tb, f.creditCode, db)]);
    const statuses = [ra.status, rb.status].sort();
    expect(statuses).toEqual([200, 409]);
    const loser = ra.status === 409 ? { res: ra, token: ta } : { res: rb, token: tb };
    expect(loser.res.body.error.code).toBe('enterprise-already-claimed');
    expect((await api.call('GET', `/api/enterprises/${f.creditCode}/profile`, { token: loser.token })).status).toBe(403);
    expect((await api.call('GET', '/api/enterprises', { token: loser.token })).body.find((e: Firm) => e.creditCode === f.creditCode)).toBeUndefined();
    // Asking again once it is owned: 409 at the door.
    const again = await start(loser.token, f);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('enterprise-already-claimed');
  });

  it('lets only the owner invite members, who may then apply and see the profile', async () => {
    const [ta, tb] = [await api.token(A), await api.token(B)];
    const f = await verifyEnterprise(api, ta, '410300');
    const stranger = await api.call('POST', `/api/enterprises/${f.creditCode}/members`, { token: tb, body: { username: 'someone@example.com' } });
    expect(stranger.status).toBe(403);
    const invited = await api.call('POST', `/api/enterprises/${f.creditCode}/members`, { token: ta, body: { username: ' Applicant2@demo.kedai ' } });
    expect(invited.status).toBe(201);
    expect(invited.body).toEqual({ creditCode: f.creditCode, username: B, role: 'member' });
    expect((await api.call('POST', `/api/enterprises/${f.creditCode}/members`, { token: ta, body: { username: B } })).status).toBe(409);
    const byMember = await api.call('POST', `/api/enterprises/${f.creditCode}/members`, { token: tb, body: { username: 'someone@example.com' } });
    expect(byMember.status).toBe(403);
    expect(byMember.body.error.code).toBe('forbidden');
    expect((await api.call('GET', '/api/enterprises', { token: tb })).body).toContainEqual({ creditCode: f.creditCode, name: f.name, role: 'member', status: 'verified' });
    const input = await profileApplication(api, tb, f.creditCode);
    expect((await createApp(tb, input)).status).toBe(201);
    expect((await api.call('GET', `/api/dev/outbox?to=${encodeURIComponent(B)}`)).body[0].kind).toBe('enterprise-invitation');
  });
});

describe('applying with what the bank already knows', () => {
  it('refuses an application for an enterprise the account is not verified for with 403 enterprise-not-verified', async () => {
    const token = await api.token(A);
    const f = await firm();
    const other = await verifyEnterprise(api, token);
    const input = await profileApplication(api, token, other.creditCode);
    const res = await createApp(token, { ...input, enterprise: { ...input.enterprise, creditCode: f.creditCode } });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: 'enterprise-not-verified', fields: { 'enterprise.creditCode': expect.any(String) } });
  });

  it('gives the profile with the legal representative masked and the sources of every figure', async () => {
    const token = await api.token(A);
    const f = await verifyEnterprise(api, token);
    const res = await api.call('GET', `/api/enterprises/${f.creditCode}/profile`, { token });
    expect(res.status).toBe(200);
    const p = res.body;
    expect(p).toMatchObject({ creditCode: f.creditCode, name: f.name, division: f.creditCode.slice(2, 8), status: 'in-operation' });
    expect(p.legalRepresentative.name).toBe(f.legalRepresentative.name[0] + '*'.repeat([...f.legalRepresentative.name].length - 1));
    expect(JSON.stringify(p)).not.toContain(f.legalRepresentative.idNumber);
    expect(p.financials.revenue).toMatchObject({ value: expect.any(Number), year: 2025, source: 'tax-filing' });
    expect(p.labels[0]).toMatchObject({ label: 'tech-sme', source: expect.any(String), year: expect.any(Number) });
    expect(p.employees).toBeGreaterThan(0);
  });

  it('approves a strong firm automatically with its own figures; a weak one is not approved', async () => {
    const token = await api.token(A);
    const strong = await verifyEnterprise(api, token, '411300', 'strong');
    const weak = await verifyEnterprise(api, token, '411300', 'weak');
    const [s, w] = await Promise.all([
      applyAndSubmit(api, token, await profileApplication(api, token, strong.creditCode)),
      applyAndSubmit(api, token, { ...await profileApplication(api, token, weak.creditCode), loan: { product: 'ip-pledge-loan', amount: 20_000_000, termMonths: 12, repaymentMethod: 'monthly-interest', purpose: '备货' } }),
    ]);
    expect((await waitForDecision(api, token, s)).decision).toMatchObject({ outcome: 'approved', tier: 'auto' });
    expect((await waitForDecision(api, token, w)).decision.outcome).not.toBe('approved');
  });

  it('keeps a case with declared figures beyond the tolerance from the automatic tier and shows them to staff', async () => {
    const token = await api.token(A);
    const f = await verifyEnterprise(api, token, '410100');
    const input = await profileApplication(api, token, f.creditCode);
    const inflated = { ...input, enterprise: { ...input.enterprise, financials: { ...input.enterprise.financials, revenue: Math.round(input.enterprise.financials.revenue * 1.5) } } };
    const id = await applyAndSubmit(api, token, inflated);
    const app = await waitForDecision(api, token, id);
    expect(app.decision).toMatchObject({ outcome: 'referred', tier: 'review-approve' });
    expect(app.decision.reasons.map((r: { code: string }) => r.code)).toContain('declared-figures-differ');
    const staff = await api.call('GET', `/api/applications/${id}`, { token: await api.token(`am.${app.branch.code}@demo.kedai`) });
    expect(staff.body.bankCheck.discrepancies).toEqual([expect.objectContaining({ field: 'enterprise.financials.revenue', declared: inflated.enterprise.financials.revenue, bank: input.enterprise.financials.revenue, source: 'tax-filing' })]);
    expect(app.bankCheck).toBeUndefined();
  });

  it('counts only labels a government list confirms', async () => {
    const token = await api.token(A);
    const f = await verifyEnterprise(api, token, '410100');
    const input = await profileApplication(api, token, f.creditCode);
    const claimed = ['tech-sme', 'high-tech', 'srdi', 'little-giant'];
    const srdi = { ...input, enterprise: { ...input.enterprise, labels: claimed }, loan: { ...input.loan, product: 'srdi-loan' as const } };
    const res = await createApp(token, srdi);
    if (input.enterprise.labels.some((l) => l === 'srdi' || l === 'little-giant')) {
      expect(res.status).toBe(201);
    } else {
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('loan-out-of-bounds');
    }
    const tech = await createApp(token, { ...input, enterprise: { ...input.enterprise, labels: claimed } });
    expect(tech.status).toBe(201);
    expect(tech.body.enterprise.labels.sort()).toEqual([...input.enterprise.labels].sort());
  });
});

describe('local dev routes', () => {
  it('lists demo firms by prefecture (counties included), by county and by kind, and leaves claimed ones out', async () => {
    const all = (await api.call('GET', '/api/dev/enterprises?division=410300&kind=strong&limit=200')).body as Firm[];
    expect(all).toHaveLength(200);
    expect(new Set(all.map((e) => e.division)).size).toBeGreaterThan(1);
    expect(all.every((e) => e.division.startsWith('4103') && e.kind === 'strong')).toBe(true);
    const county = (await api.call('GET', '/api/dev/enterprises?division=410305&limit=50')).body as Firm[];
    expect(county.every((e) => e.division === '410305')).toBe(true);
    expect(new Set(county.map((e) => e.kind)).size).toBeGreaterThan(1);
    const token = await api.token(A);
    const mine = await verifyEnterprise(api, token, '410305');
    const unclaimed = (await api.call('GET', '/api/dev/enterprises?division=410305&kind=strong&unclaimed=true&limit=200')).body as Firm[];
    expect(unclaimed.map((e) => e.creditCode)).not.toContain(mine.creditCode);
    for (const q of ['limit=201', 'limit=0', 'kind=good', 'division=41']) expect((await api.call('GET', `/api/dev/enterprises?${q}`)).status, q).toBe(400);
    expect((await api.call('GET', '/api/dev/bank-statement')).status).toBe(400);
  });

  it('puts every division, counties included, in the data set with valid codes whose characters 3–8 are the division', async () => {
    for (const division of ['410102', '410184', '411729', '419001', '410927']) {
      const firms = (await api.call('GET', `/api/dev/enterprises?division=${division}&limit=200`)).body as Firm[];
      expect(firms.length, division).toBeGreaterThanOrEqual(4);
      for (const e of firms) expect(e.creditCode.slice(2, 8)).toBe(division);
      expect(new Set(firms.map((e) => e.kind))).toEqual(new Set(['strong', 'weak', 'negative-list', 'revoked']));
    }
  });
});

export type { Api };
