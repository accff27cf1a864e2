/**
 * What every API suite uses, whichever harness serves the API (local-stack.ts on the emulators, memory-app.ts in
 * memory): the Api interface, a client built on a fetch function, and the calls every suite makes.
 */
import { randomUUID } from 'node:crypto';
import type { DemoKind } from '../../shared/enterprise.js';
import { STRONG_APPLICANT, WEAK_APPLICANT } from '../../shared/fixtures.js';
import type { CreateApplicationInput } from '../../shared/schemas/application.js';
import type { LocalWorkflowRunner } from '../../functions/local/workflow-runner.js';
import type { Wired } from '../../functions/wiring.js';
import { verifyFirm } from '../../bench/support/verify-firm.js';

export const PASSWORD = 'Kedai-demo-2026!';

export interface Api {
  stack: { wired: Wired & { localRunner: LocalWorkflowRunner } };
  call(method: string, path: string, opts?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: any; headers: Headers }>;
  token(username: string): Promise<string>;
  /** A raw request to the API by path (`/api/...`), for what call() does not cover: streamed bodies, the raw response. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
}

/** call() and token() over the harness's fetch. */
export function apiClient(api: Pick<Api, 'fetch'>): Pick<Api, 'call' | 'token'> {
  const tokens = new Map<string, string>();
  const call: Api['call'] = async (method, path, { token, body, headers = {} } = {}) => {
    const res = await api.fetch(path, {
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
  const token: Api['token'] = async (username) => {
    const cached = tokens.get(username);
    if (cached) return cached;
    const res = await call('POST', '/api/auth/sign-in', { body: { username, password: PASSWORD } });
    if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    tokens.set(username, res.body.accessToken);
    return res.body.accessToken;
  };
  return { call, token };
}

/** Codes a helper has picked in this harness, so parallel picks never race for the same firm. */
const picked = new WeakMap<object, Set<string>>();

/**
 * An unclaimed demo firm of the given kind in the division (a prefecture's code covers its counties), verified for
 * the token's account through the API as a person would: POST /api/enterprises, the micro-deposit read from the
 * bank statement, confirm-deposit.
 */
export async function verifyEnterprise(api: Pick<Api, 'call'>, token: string, division = '410100', kind: DemoKind = 'strong') {
  const mine = picked.get(api) ?? new Set<string>();
  picked.set(api, mine);
  return verifyFirm(api.call, token, division, kind, mine);
}

/** The application form as the pre-filled profile gives it: the enterprise's own figures and confirmed labels. */
export async function profileApplication(api: Pick<Api, 'call'>, token: string, creditCode: string, base: CreateApplicationInput = STRONG_APPLICANT): Promise<CreateApplicationInput> {
  const res = await api.call('GET', `/api/enterprises/${creditCode}/profile`, { token });
  if (res.status !== 200) throw new Error(`profile ${creditCode}: ${res.status} ${JSON.stringify(res.body)}`);
  const p = res.body;
  const value = (f: string) => p.financials[f].value as number;
  return {
    ...base,
    enterprise: {
      name: p.name, creditCode: p.creditCode, industry: p.industry, establishedOn: p.establishedOn,
      employees: p.employees, techStaff: p.techStaff, labels: p.labels.map((l: { label: string }) => l.label),
      financials: { revenue: value('revenue'), totalAssets: value('totalAssets'), totalLiabilities: value('totalLiabilities'), netProfit: value('netProfit'), rdExpense: value('rdExpense') },
    },
    loan: { ...base.loan },
  };
}

/**
 * An application the token's account may make: a strong firm of the division (approved automatically for the
 * default small Technology Loan), verified for it, with its own figures; `loan` overrides the request.
 */
export async function strongApplication(api: Pick<Api, 'call'>, token: string, divisionCode = '410100', loan: Partial<CreateApplicationInput['loan']> = {}): Promise<CreateApplicationInput> {
  const firm = await verifyEnterprise(api, token, divisionCode, 'strong');
  const input = await profileApplication(api, token, firm.creditCode);
  return { ...input, loan: { ...input.loan, ...loan } };
}

/** A weak firm (never approved automatically) verified for the account, applying for WEAK_APPLICANT's loan. */
export async function weakApplication(api: Pick<Api, 'call'>, token: string, divisionCode = '410100'): Promise<CreateApplicationInput> {
  const firm = await verifyEnterprise(api, token, divisionCode, 'weak');
  return profileApplication(api, token, firm.creditCode, WEAK_APPLICANT);
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

/** A negative-listed firm (rejected automatically, naming the list) verified for the account, applying with its own figures. */
export async function listedApplication(api: Pick<Api, 'call'>, token: string, divisionCode = '410100'): Promise<CreateApplicationInput> {
  const firm = await verifyEnterprise(api, token, divisionCode, 'negative-list');
  return profileApplication(api, token, firm.creditCode);
}

/** Signs an approved application's contract with the code from the outbox and waits for the loan to be paid out. */
export async function signedAndActive(api: Api, username: string, id: string, timeoutMs = 90_000) {
  const token = await api.token(username);
  const sent = await api.call('POST', `/api/applications/${id}/contract/otp`, { token });
  if (sent.status !== 202) throw new Error(`otp: ${sent.status} ${JSON.stringify(sent.body)}`);
  const outbox = await api.call('GET', `/api/dev/outbox?to=${encodeURIComponent(username)}`);
  const code = /验证码为\s*(\d{6})/.exec((outbox.body as { kind: string; body: string }[]).find((m) => m.kind === 'contract-otp')!.body)![1];
  const signed = await api.call('POST', `/api/applications/${id}/contract/sign`, { token, body: { signature: { type: 'typed', text: '张伟' }, otp: code } });
  if (signed.status !== 200) throw new Error(`sign: ${signed.status} ${JSON.stringify(signed.body)}`);
  for (const until = Date.now() + timeoutMs; ;) {
    const res = await api.call('GET', `/api/applications/${id}`, { token });
    if (res.body.status === 'active') return res.body;
    if (Date.now() > until) throw new Error(`${id} stayed ${res.body.status}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Head office imports a small target list (new firms in the given divisions) and waits for its leads. */
export async function importTargetList(api: Api, hqToken: string, firms: { creditCode: string; name: string; city: string }[], timeoutMs = 60_000) {
  const csv = new TextEncoder().encode(['统一社会信用代码,企业名称,所在地区,所属行业,成立日期,认定类型,年度',
    ...firms.map((f) => `${f.creditCode},${f.name},${f.city},软件和信息技术服务业,2015-05-01,高新技术企业,2025`)].join('\r\n'));
  const slot = await api.call('POST', '/api/admin/target-lists', {
    token: hqToken, body: { fileName: 'list.csv', size: csv.byteLength, contentType: 'text/csv', source: '河南省科学技术厅', label: '高新技术企业' },
  });
  if (slot.status !== 201) throw new Error(`target list: ${slot.status} ${JSON.stringify(slot.body)}`);
  const put = await fetch(slot.body.upload.url, { method: 'PUT', headers: slot.body.upload.headers, body: csv as BodyInit });
  if (!put.ok) throw new Error(`upload: ${put.status}`);
  const started = await api.call('POST', `/api/admin/target-lists/${slot.body.importId}/start`, { token: hqToken });
  if (started.status !== 202) throw new Error(`start: ${started.status} ${JSON.stringify(started.body)}`);
  for (const until = Date.now() + timeoutMs; ;) {
    const res = await api.call('GET', `/api/admin/target-lists/${slot.body.importId}`, { token: hqToken });
    if (res.body.status !== 'running') return res.body;
    if (Date.now() > until) throw new Error(`import ${slot.body.importId} still running`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
