/**
 * Hostile input against every API route, by property: bodies derived from valid ones with fields mutated,
 * whole bodies replaced by arbitrary JSON, random query strings, headers and path ids. Whatever arrives,
 * the API answers below 500, every 4xx carries the error shape of DESIGN.md §6, and a refused request
 * writes nothing.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyAndSubmit, strongApplication, useMemoryApp, waitForDecision, type Api } from '../support/memory-app.js';

// On the in-memory adapters; what Node's HTTP server itself answers is tested on the local stack (api-emulators.test.ts).
const api = useMemoryApp();
const RUNS = { create: 200, route: 100 } as const;

const APPLICANT = 'applicant@demo.kedai';
const OTHER = 'applicant2@demo.kedai';
const RM = 'rm.luoyang@demo.kedai';
const AM = 'am.luoyang@demo.kedai';
const CM = 'cm1@demo.kedai';

type Res = Awaited<ReturnType<Api['call']>>;

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The one error shape: `{ error: { code, message, fields? } }` and nothing else. */
function expectErrorShape(res: Res) {
  expect(res.headers.get('content-type') ?? '').toMatch(/^application\/json/);
  expect(res.body).toBeTypeOf('object');
  expect(Object.keys(res.body)).toEqual(['error']);
  const { error } = res.body;
  expect(Object.keys(error).every((k) => ['code', 'message', 'fields'].includes(k))).toBe(true);
  expect(error.code).toMatch(KEBAB);
  expect(typeof error.message).toBe('string');
  expect(error.message.trim().length).toBeGreaterThan(0);
  if ('fields' in error) {
    expect(error.fields).toBeTypeOf('object');
    expect(Object.keys(error.fields).length).toBeGreaterThan(0);
    for (const v of Object.values(error.fields)) expect(typeof v === 'string' && v.length > 0).toBe(true);
  }
}

/** Never a 5xx; a 4xx in the error shape; every answer says nosniff. */
function expectSane(res: Res, context: unknown) {
  if (res.status >= 500) throw new Error(`5xx ${res.status} for ${JSON.stringify(context).slice(0, 500)}: ${JSON.stringify(res.body).slice(0, 500)}`);
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  if (res.status >= 400) expectErrorShape(res);
}

/** Refusals that come from reading the request alone: nothing may have been written. */
const REQUEST_REFUSALS = new Set([400, 413, 415, 422]);

// ---------------------------------------------------------------------------------------------------------
// Arbitraries

const PAYLOADS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "Robert'); DROP TABLE applications;--",
  "' OR '1'='1",
  '{{constructor.constructor("return process")()}}',
  '${jndi:ldap://x/a}',
  '../../etc/passwd',
  '\u0000\u0001\u001f',
  '\u202e\u200b\ufeff',
  '科贷<b>粗体</b>&amp;',
  '__proto__',
  'constructor',
  '😀'.repeat(50),
];

const hugeString = fc.integer({ min: 1_000, max: 200_000 }).map((n) => 'x'.repeat(n));
const deepNested = fc.integer({ min: 50, max: 50_000 }).chain((depth) =>
  fc.constantFrom('array', 'object').map((kind) => ({ __deep: depth, kind })));
const oddNumber = fc.oneof(
  fc.double({ noNaN: false }),
  fc.integer({ min: -1_000_000, max: -1 }),
  fc.constantFrom(0.5, 12.5, -0.01, 1e21, -1e21, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER, 1e-7),
);
const oddDate = fc.constantFrom(
  '2999-01-01', '2100-12-31', '2023-02-30', '2023-13-01', '0000-00-00', '2023-02-29', '1899-12-31', '0001-01-01',
  '2024-2-1', '20240201', '2024-02-01T00:00:00Z', '', '9999-99-99',
);
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 3, arbitrary: fc.constantFrom(...PAYLOADS) },
  { weight: 2, arbitrary: oddNumber },
  { weight: 2, arbitrary: oddDate },
  { weight: 1, arbitrary: hugeString },
  { weight: 1, arbitrary: deepNested },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, '', ' ') },
);

/** Builds the JSON text; `{ __deep: n }` markers become n levels of nesting without recursion. */
function toJson(value: unknown): string {
  const marks: string[] = [];
  const text = JSON.stringify(value, (_k, v) => {
    if (v && typeof v === 'object' && '__deep' in v && Object.keys(v).length === 2) {
      const n = (v as { __deep: number }).__deep;
      marks.push((v as { kind: string }).kind === 'array' ? `${'['.repeat(n)}${']'.repeat(n)}` : `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`);
      return `__DEEP_${marks.length - 1}__`;
    }
    return v;
  });
  return (text ?? 'null').replace(/"__DEEP_(\d+)__"/g, (_m, i: string) => marks[Number(i)]);
}

/** Every path to a leaf (or a whole array or object) of a valid body. */
function paths(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const own = prefix.length ? [prefix] : [];
  return [...own, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))];
}

function withChange(value: unknown, path: string[], change: { op: 'set'; value: unknown } | { op: 'delete' } | { op: 'extra'; key: string; value: unknown }): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  let target: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
  const last = path[path.length - 1];
  if (change.op === 'set') target[last] = change.value;
  else if (change.op === 'delete') delete target[last];
  else {
    const holder = target[last];
    if (holder && typeof holder === 'object' && !Array.isArray(holder)) (holder as Record<string, unknown>)[change.key] = change.value;
    else target[change.key] = change.value;
  }
  return copy;
}

/** A body derived from a valid one: one field set to something hostile, deleted, or an unknown key added. */
function mutated(valid: unknown): fc.Arbitrary<unknown> {
  const all = paths(valid);
  return fc.tuple(
    fc.constantFrom(...all),
    fc.oneof(
      { weight: 6, arbitrary: hostile.map((value) => ({ op: 'set' as const, value })) },
      { weight: 2, arbitrary: fc.constant({ op: 'delete' as const }) },
      { weight: 2, arbitrary: fc.tuple(fc.constantFrom('admin', 'status', 'ownerId', '__proto__', 'constructor', 'x'), hostile).map(([key, value]) => ({ op: 'extra' as const, key, value })) },
    ),
  ).map(([path, change]) => withChange(valid, path, change));
}

/** A raw request body: mutated from the valid one, arbitrary JSON, or not JSON at all. */
function bodyText(valid: unknown): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: mutated(valid).map(toJson) },
    { weight: 2, arbitrary: hostile.map(toJson) },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
    { weight: 1, arbitrary: fc.constantFrom('', '{', '{"a":}', 'null', '[]', '{"__proto__":{"admin":true}}', `${'['.repeat(300_000)}`) },
  );
}

const JSON_TYPES = ['application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON'];
const OTHER_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'text/html', 'application/jsonx-not', ''];
const contentType = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...JSON_TYPES) }, { weight: 2, arbitrary: fc.constantFrom(...OTHER_TYPES) });
/** A header value fetch will send: visible ASCII, spaces inside. */
const headerValue = (max: number) => fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: max });

// ---------------------------------------------------------------------------------------------------------

async function post(path: string, token: string | undefined, text: string, type: string, extra: Record<string, string> = {}) {
  return api.call('POST', path, { token, body: text, headers: { 'content-type': type, ...extra } });
}

async function snapshot(id: string) {
  const app = await api.stack.wired.deps.applications.get(id);
  const docs = await api.stack.wired.deps.documentRecords.listDocuments(id);
  return { version: app?.version, status: app?.status, events: app?.eventCount, docs: docs.length };
}

let tokens: Record<string, string>;
let draftId: string;
let approvedId: string;
let reviewId: string;

beforeAll(async () => {
  tokens = Object.fromEntries(await Promise.all([APPLICANT, OTHER, RM, AM, CM, 'hq@demo.kedai'].map(async (u) => [u, await api.token(u)])));
  const token = tokens[APPLICANT];
  const created = await api.call('POST', '/api/applications', { token, body: await strongApplication(api, token, '410100'), headers: { 'Idempotency-Key': randomUUID() } });
  draftId = created.body.id;
  const [approved, review] = await Promise.all([
    applyAndSubmit(api, token, await strongApplication(api, token, '410100')),
    applyAndSubmit(api, token, await strongApplication(api, token, '410300', { amount: 200_000_000 })),
  ]);
  approvedId = approved;
  reviewId = review;
  expect((await waitForDecision(api, token, approvedId)).status).toBe('approved');
  expect((await waitForDecision(api, token, reviewId)).status).toBe('in-review');
});

describe('POST /api/applications under hostile bodies', () => {
  it('never answers 5xx, answers 4xx in the error shape, and a refused body creates nothing', async () => {
    const token = tokens[APPLICANT];
    const valid = await strongApplication(api, token, '410100');
    let before = (await api.call('GET', '/api/applications', { token })).body.length as number;
    await fc.assert(fc.asyncProperty(bodyText(valid), contentType, async (text, type) => {
      const res = await post('/api/applications', token, text, type, { 'Idempotency-Key': randomUUID() });
      expectSane(res, { text: text.slice(0, 300), type });
      if (!JSON_TYPES.includes(type)) expect(res.status).toBe(415);
      const after = (await api.call('GET', '/api/applications', { token })).body.length as number;
      if (REQUEST_REFUSALS.has(res.status)) expect(after).toBe(before);
      else expect(res.status).toBe(201);
      before = after;
    }), { numRuns: RUNS.create });
  });

  it.each([
    ['negative fen', ['loan', 'amount'], -100],
    ['fractional fen', ['loan', 'amount'], 12.5],
    ['fractional revenue', ['enterprise', 'financials', 'revenue'], 0.01],
    ['negative revenue', ['enterprise', 'financials', 'revenue'], -1],
    ['a string amount', ['loan', 'amount'], '30000000'],
    ['an impossible date', ['enterprise', 'establishedOn'], '2023-02-30'],
    ['a date in the future', ['enterprise', 'establishedOn'], '2999-01-01'],
    ['an unknown key', ['enterprise', 'isAdmin'], true],
    ['a huge name', ['enterprise', 'name'], 'x'.repeat(200_000)],
    ['a deeply nested name', ['enterprise', 'name'], { __deep: 100_000, kind: 'array' }],
  ])('refuses %s with 422 naming the field', async (_, path, value) => {
    const token = tokens[APPLICANT];
    const valid = await strongApplication(api, token, '410100');
    const body = toJson(withChange(valid, path, { op: 'set', value }));
    const res = await post('/api/applications', token, body, 'application/json', { 'Idempotency-Key': randomUUID() });
    expect(res.status).toBe(422);
    expectErrorShape(res);
    expect(res.body.error.fields[path.join('.')]).toBeTruthy();
  });

  it('answers a body over 1 MiB with 413 in the error shape, with or without Content-Length', async () => {
    const token = tokens[APPLICANT];
    const big = JSON.stringify({ ...await strongApplication(api, token), pad: 'x'.repeat(1024 * 1024) });
    const sized = await post('/api/applications', token, big, 'application/json', { 'Idempotency-Key': randomUUID() });
    expect(sized.status).toBe(413);
    expectErrorShape(sized);
    expect(sized.body.error.code).toBe('payload-too-large');
    const bytes = new TextEncoder().encode(big);
    const res = await api.fetch('/api/applications', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: new ReadableStream({ start(ctl) { for (let i = 0; i < bytes.length; i += 64 * 1024) ctl.enqueue(bytes.subarray(i, i + 64 * 1024)); ctl.close(); } }),
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expectErrorShape({ status: res.status, headers: res.headers, body: await res.json() });
  });

  it.each(OTHER_TYPES)('answers content type %j with 415', async (type) => {
    const token = tokens[APPLICANT];
    const res = await post('/api/applications', token, JSON.stringify(await strongApplication(api, token)), type, { 'Idempotency-Key': randomUUID() });
    expect(res.status).toBe(415);
    expectErrorShape(res);
  });

  it('refuses malformed Idempotency-Keys with 400 and accepts well-formed ones', async () => {
    const token = tokens[APPLICANT];
    const valid = JSON.stringify(await strongApplication(api, token));
    await fc.assert(fc.asyncProperty(headerValue(300), async (key) => {
      const res = await post('/api/applications', token, valid, 'application/json', { 'Idempotency-Key': key });
      expectSane(res, { key });
      const wellFormed = /^[A-Za-z0-9_.:-]{8,128}$/.test(key.trim());
      expect(res.status).toBe(wellFormed ? 201 : 400);
    }), { numRuns: RUNS.route });
  });

  it('stores script, HTML and SQL in names as plain text and returns the same string as JSON', async () => {
    const token = tokens[APPLICANT];
    const name = fc.oneof(
      fc.constantFrom(...PAYLOADS.filter((p) => p.trim() && !/[\u0000-\u001f]/.test(p))),
      fc.tuple(fc.constantFrom('<script>', '<img src=x onerror=alert(1)>', "';--", '</textarea>'), fc.string({ minLength: 1, maxLength: 40 }))
        .map(([a, b]) => `${a}${b}`),
    ).map((s) => s.trim().slice(0, 100)).filter((s) => s.length > 0);
    const valid = await strongApplication(api, token, '410100');
    await fc.assert(fc.asyncProperty(name, async (n) => {
      const created = await api.call('POST', '/api/applications', {
        token, body: { ...valid, enterprise: { ...valid.enterprise, name: n }, loan: { ...valid.loan, purpose: n } }, headers: { 'Idempotency-Key': randomUUID() },
      });
      expect(created.status).toBe(201);
      const seen = await api.fetch(`/api/applications/${created.body.id}`, { headers: { authorization: `Bearer ${token}` } });
      expect(seen.headers.get('content-type')).toMatch(/^application\/json/);
      expect(seen.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
      const body = await seen.json();
      // The party is the registry's enterprise; the typed name is kept, as the same string, in the created event.
      expect(body.enterprise.name).toBe(valid.enterprise.name);
      expect(body.events.find((e: { type: string }) => e.type === 'created').detail.typedName).toBe(n);
      expect(body.loan.purpose).toBe(n);
    }), { numRuns: 50 });
  });
});

describe('sign-in under hostile bodies', () => {
  it('never answers 5xx and never signs in without the password', async () => {
    const valid = { username: 'nobody@demo.kedai', password: 'not-the-password' };
    await fc.assert(fc.asyncProperty(bodyText(valid), contentType, async (text, type) => {
      const res = await post('/api/auth/sign-in', undefined, text, type);
      expectSane(res, { text: text.slice(0, 300), type });
      expect(res.status).not.toBe(200);
      if (!JSON_TYPES.includes(type)) expect(res.status).toBe(415);
    }), { numRuns: RUNS.route });
  });

  it('refuses arbitrary usernames and passwords with 401, 422 or 429, never 5xx', async () => {
    const text = fc.oneof(fc.string({ maxLength: 300 }), fc.constantFrom(...PAYLOADS), fc.string({ unit: 'grapheme', maxLength: 80 }));
    await fc.assert(fc.asyncProperty(text, text, async (username, password) => {
      const res = await api.call('POST', '/api/auth/sign-in', { body: { username, password } });
      expectSane(res, { username, password });
      expect([401, 422, 429]).toContain(res.status);
    }), { numRuns: RUNS.route });
  });
});

describe('authorization header', () => {
  it('answers any non-token Authorization with 401 in the error shape', async () => {
    const forged = fc.oneof(
      headerValue(400),
      headerValue(200).map((s) => `Bearer ${s}`),
      fc.tuple(fc.base64String({ minLength: 4, maxLength: 80 }), fc.base64String({ minLength: 4, maxLength: 200 })).map(([a, b]) => `Bearer eyJ${a}.eyJ${b}.`),
      fc.constant(`Bearer ${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"x","cognito:groups":["head-office"]}').toString('base64url')}.`),
    );
    const route = fc.constantFrom('GET /api/applications', 'GET /api/staff/queue', `POST /api/applications/x/submit`, 'GET /api/me');
    await fc.assert(fc.asyncProperty(forged, route, async (authorization, r) => {
      const [method, path] = r.split(' ');
      const res = await api.call(method, path, { headers: { authorization } });
      expectSane(res, { authorization, r });
      expect(res.status).toBe(401);
    }), { numRuns: RUNS.route });
  });
});

/** Body routes on one application: hostile bodies never 5xx, and a request refusal leaves the application as it was. */
const BODY_ROUTES: { name: string; user: string; path: () => string; valid: unknown; id: () => string }[] = [
  { name: 'POST …/documents', user: APPLICANT, path: () => `/api/applications/${draftId}/documents`, id: () => draftId, valid: { kind: 'business-licence', fileName: 'a.pdf', contentType: 'application/pdf', size: 1000 } },
  { name: 'POST …/opinions', user: RM, path: () => `/api/applications/${reviewId}/opinions`, id: () => reviewId, valid: { opinion: 'approve', comment: '同意' } },
  { name: 'POST …/votes', user: CM, path: () => `/api/applications/${reviewId}/votes`, id: () => reviewId, valid: { vote: 'for', comment: '' } },
  { name: 'POST …/reconsider', user: AM, path: () => `/api/applications/${reviewId}/reconsider`, id: () => reviewId, valid: { comment: '请复议' } },
  { name: 'POST …/contract/sign', user: APPLICANT, path: () => `/api/applications/${approvedId}/contract/sign`, id: () => approvedId, valid: { signature: { type: 'typed', text: '张伟' }, otp: '123456' } },
];

describe.each(BODY_ROUTES)('$name under hostile bodies', ({ user, path, valid, id }) => {
  it('never answers 5xx, answers 4xx in the error shape, and a request refusal writes nothing', async () => {
    const token = tokens[user];
    await fc.assert(fc.asyncProperty(bodyText(valid), contentType, async (text, type) => {
      const before = await snapshot(id());
      const res = await post(path(), token, text, type);
      expectSane(res, { text: text.slice(0, 300), type });
      if (!JSON_TYPES.includes(type)) expect(res.status).toBe(415);
      if (REQUEST_REFUSALS.has(res.status) && res.body.error.code !== 'document-rejected') expect(await snapshot(id())).toEqual(before);
    }), { numRuns: RUNS.route });
  });
});

describe('routes without a body, with hostile path ids and headers', () => {
  const idArb = fc.oneof(
    fc.uuid(),
    fc.string({ minLength: 1, maxLength: 100 }),
    fc.constantFrom('..', '%2e%2e', '%00', 'null', 'undefined', '__proto__', 'constructor', "1' OR '1'='1", '<script>', 'x'.repeat(5000)),
  ).map((s) => encodeURIComponent(s));
  const routes = [
    ['POST', (id: string) => `/api/applications/${id}/submit`],
    ['POST', (id: string) => `/api/applications/${draftId}/documents/${id}/complete`],
    ['POST', (id: string) => `/api/applications/${id}/documents/${id}/complete`],
    ['POST', (id: string) => `/api/applications/${id}/claim`],
    ['POST', (id: string) => `/api/applications/${id}/contract/otp`],
    ['GET', (id: string) => `/api/applications/${id}`],
    ['GET', (id: string) => `/api/applications/${id}/contract`],
    ['GET', (id: string) => `/api/applications/${id}/contract/signed`],
  ] as const;

  it('answers unknown or malformed ids with 4xx in the error shape, never 5xx', async () => {
    const user = fc.constantFrom(APPLICANT, OTHER, AM, 'hq@demo.kedai');
    await fc.assert(fc.asyncProperty(idArb, fc.constantFrom(...routes), user, contentType, async (id, [method, path], u, type) => {
      const res = await api.call(method, path(id), { token: tokens[u], headers: { 'content-type': type } });
      expectSane(res, { method, path: path(id).slice(0, 200), u });
      expect(res.status).toBeGreaterThanOrEqual(400);
    }), { numRuns: RUNS.route });
  });

  it('submit, complete, claim and otp on real applications never answer 5xx whatever headers come with them', async () => {
    const cases = fc.constantFrom(
      { user: APPLICANT, method: 'POST', path: () => `/api/applications/${draftId}/submit` },
      { user: APPLICANT, method: 'POST', path: () => `/api/applications/${approvedId}/submit` },
      { user: AM, method: 'POST', path: () => `/api/applications/${reviewId}/claim` },
      { user: OTHER, method: 'POST', path: () => `/api/applications/${reviewId}/claim` },
      { user: APPLICANT, method: 'POST', path: () => `/api/applications/${approvedId}/contract/otp` },
      { user: APPLICANT, method: 'POST', path: () => `/api/applications/${draftId}/contract/otp` },
    );
    const headers = fc.record({
      'content-type': fc.oneof(contentType, headerValue(100)),
      'x-forwarded-for': fc.oneof(headerValue(500), fc.constant('127.0.0.1, 10.0.0.1')),
      'user-agent': headerValue(2000),
      'idempotency-key': headerValue(200),
    }, { requiredKeys: [] });
    await fc.assert(fc.asyncProperty(cases, headers, fc.option(fc.string({ maxLength: 200 })), async (c, h, body) => {
      const res = await api.call(c.method, c.path(), { token: tokens[c.user], headers: h, body: body ?? undefined });
      expectSane(res, { c: c.path(), h });
    }), { numRuns: RUNS.route });
  });
});

describe('GET /api/staff/queue with random query strings', () => {
  it('answers 200 with a list or 4xx in the error shape, never 5xx', async () => {
    const key = fc.oneof(fc.constantFrom('status', 'tier', 'product', 'branch', 'limit', 'cursor'), fc.string({ minLength: 1, maxLength: 20 }));
    const value = fc.oneof(
      fc.constantFrom('in-review', 'approved', 'draft', 'committee', 'auto', 'tech-loan', 'luoyang', 'zhengzhou', '1', '0', '-1', '1.5', '1000', '1001', 'NaN', 'Infinity', '1e3', ''),
      fc.string({ maxLength: 100 }),
      fc.constantFrom(...PAYLOADS),
      fc.integer({ min: 1000, max: 2500 }).map((n) => 'A'.repeat(n)),
    );
    // Node's HTTP server answers request lines and headers over 16 KiB itself (a bare 431), before the API.
    const query = fc.array(fc.tuple(key, value), { maxLength: 5 });
    const user = fc.constantFrom(RM, 'hq@demo.kedai', CM, APPLICANT);
    await fc.assert(fc.asyncProperty(query, user, async (pairs, u) => {
      const qs = new URLSearchParams(pairs).toString();
      const res = await api.call('GET', `/api/staff/queue${qs ? `?${qs}` : ''}`, { token: tokens[u] });
      expectSane(res, { qs, u });
      if (u === APPLICANT) expect(res.status).toBe(403);
      if (res.status === 200) expect(Array.isArray(res.body)).toBe(true);
      else expect([400, 403, 422]).toContain(res.status);
    }), { numRuns: RUNS.route });
  });
});

describe('GET /api/dev/outbox with random recipients', () => {
  it('answers 200 with a list or 4xx in the error shape, never 5xx', async () => {
    const to = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'grapheme', maxLength: 100 }),
      fc.constantFrom(...PAYLOADS),
      fc.integer({ min: 1000, max: 6000 }).map((n) => 'a'.repeat(n)),
    );
    await fc.assert(fc.asyncProperty(to, async (recipient) => {
      const res = await api.call('GET', `/api/dev/outbox?to=${encodeURIComponent(recipient)}`);
      expectSane(res, { recipient: recipient.slice(0, 200) });
      if (res.status === 200) expect(Array.isArray(res.body)).toBe(true);
      else expect([400, 422]).toContain(res.status);
    }), { numRuns: RUNS.route });
  });
});
