/**
 * Test harness: a local stack on the run's shared emulators (see test/global-setup.ts), with its own table,
 * and small clients for the API calls every suite makes.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, inject } from 'vitest';
import { generateCreditCode } from '../../shared/credit-code.js';
import { STRONG_APPLICANT } from '../../shared/fixtures.js';
import type { CreateApplicationInput } from '../../shared/schemas/application.js';
import { startLocalStack, type LocalStack } from '../../functions/local/stack.js';

export const PASSWORD = 'Kedai-demo-2026!';

export interface Api {
  stack: LocalStack;
  call(method: string, path: string, opts?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: any; headers: Headers }>;
  token(username: string): Promise<string>;
}

export function useLocalStack(opts: { faultRate?: number } = {}): Api {
  const tokens = new Map<string, string>();
  const api = {} as Api;
  beforeAll(async () => {
    api.stack = await startLocalStack({
      port: 0,
      endpoints: inject('endpoints'),
      cognito: inject('cognito'),
      tableName: `kedai-test-${randomUUID().slice(0, 8)}`,
      faultRate: opts.faultRate,
    });
  });
  afterAll(async () => { await api.stack?.stop(); });

  api.call = async (method, path, { token, body, headers = {} } = {}) => {
    const res = await fetch(`${api.stack.url}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try { parsed = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
    return { status: res.status, body: parsed as any, headers: res.headers };
  };
  api.token = async (username) => {
    const cached = tokens.get(username);
    if (cached) return cached;
    const res = await api.call('POST', '/api/auth/sign-in', { body: { username, password: PASSWORD } });
    if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    tokens.set(username, res.body.accessToken);
    return res.body.accessToken;
  };
  return api;
}

let seq = 0;
/** A strong applicant from the given division with a fresh, valid credit code. */
export function strongApplication(divisionCode = '410100', loan: Partial<CreateApplicationInput['loan']> = {}): CreateApplicationInput {
  let state = (Date.now() + seq++ * 7919) % 2147483647;
  const rng = () => { state = (state * 48271) % 2147483647; return state / 2147483647; };
  return {
    ...STRONG_APPLICANT,
    enterprise: { ...STRONG_APPLICANT.enterprise, creditCode: generateCreditCode(rng, divisionCode), registeredDivision: undefined },
    loan: { ...STRONG_APPLICANT.loan, ...loan },
  };
}

export const PDF_BYTES = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

export async function uploadCoreDocuments(api: Api, token: string, id: string, bytes = PDF_BYTES) {
  for (const kind of ['business-licence', 'legal-rep-id', 'bank-account']) {
    const slot = await api.call('POST', `/api/applications/${id}/documents`, {
      token, body: { kind, fileName: `${kind}.pdf`, contentType: 'application/pdf', size: bytes.byteLength },
    });
    if (slot.status !== 201) throw new Error(`upload slot: ${slot.status} ${JSON.stringify(slot.body)}`);
    const put = await fetch(slot.body.upload.url, { method: 'PUT', headers: slot.body.upload.headers, body: bytes });
    if (!put.ok) throw new Error(`upload PUT: ${put.status}`);
    const done = await api.call('POST', `/api/applications/${id}/documents/${slot.body.documentId}/complete`, { token });
    if (done.status !== 200) throw new Error(`complete: ${done.status} ${JSON.stringify(done.body)}`);
  }
}

/** The bound is for a stuck run, not a slow machine: a busy CI box can take seconds. */
export async function waitForDecision(api: Api, token: string, id: string, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await api.call('GET', `/api/applications/${id}`, { token });
    if (res.body?.decision) return res.body;
    if (Date.now() > until) throw new Error(`no decision for ${id} within ${timeoutMs} ms: ${JSON.stringify(res.body?.status)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Create → three documents → submit, returning the application id. */
export async function applyAndSubmit(api: Api, token: string, input: CreateApplicationInput) {
  const created = await api.call('POST', '/api/applications', { token, body: input, headers: { 'Idempotency-Key': randomUUID() } });
  if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
  await uploadCoreDocuments(api, token, created.body.id);
  const submitted = await api.call('POST', `/api/applications/${created.body.id}/submit`, { token });
  if (submitted.status !== 202) throw new Error(`submit: ${submitted.status} ${JSON.stringify(submitted.body)}`);
  return created.body.id as string;
}
